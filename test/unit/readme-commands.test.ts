import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../functions/cli/main.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const table = readme.slice(readme.indexOf('## The command line'), readme.indexOf('## Configuration'));
const rows = table.split('\n').filter((line) => line.startsWith('| `'));

describe("the README's command table", () => {
  it.each(Object.entries(COMMANDS))('lists `herald %s` with every option its help gives', (name, command) => {
    const row = rows.find((r) => r.includes(`herald ${name}`) || r.includes(`herald ${name.split(' ')[0]}`));
    expect(row, `no row for herald ${name}`).toBeDefined();
    const flags = command.usage.match(/--[a-z][a-z-]*/g) ?? [];
    for (const flag of flags) expect(row, `${flag} of herald ${name}`).toContain(flag);
  });
});
