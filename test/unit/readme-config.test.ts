import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema } from '../../functions/core/config.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Topics'));

interface SchemaNode {
  type?: string;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
}

/** Every key path of the config schema: `feeds[].url`, `delivery.maxPerPoll`. */
function keyPaths(node: SchemaNode, path = ''): string[] {
  if (node.anyOf) return node.anyOf.flatMap((n) => keyPaths(n, path));
  if (node.type === 'array' && node.items) return keyPaths(node.items, `${path}[]`);
  if (node.type === 'object' && node.properties)
    return Object.entries(node.properties).flatMap(([k, v]) => keyPaths(v, path ? `${path}.${k}` : k));
  return [path.replace(/(\[\])+$/, '')];
}

const keys = [
  ...new Set(keyPaths(z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as SchemaNode)),
];

describe("the README's configuration table mirrors the schema", () => {
  it('finds the keys', () => {
    expect(keys).toEqual(
      expect.arrayContaining(['feeds[].url', 'delivery.maxPerPoll', 'channels[].digest.every']),
    );
  });

  it.each(keys.filter((k) => !k.startsWith('topics[]')))('documents %s', (key) => {
    expect(table).toContain(`\`${key}\``);
  });

  it.each(keys.filter((k) => k.startsWith('topics[]')))('documents the topic key %s', (key) => {
    expect(readme).toContain(`\`${key.replace(/^topics\[\]\./, '')}\``);
  });
});
