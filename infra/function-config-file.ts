import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Token } from 'aws-cdk-lib';

/**
 * The deployed config's name in every function's code directory. The functions find it through
 * `HERALD_CONFIG_FILE`, relative to `LAMBDA_TASK_ROOT`. It travels in the code, not in the environment,
 * because Lambda's environment holds 4 KB in all, about 25 feeds; a code asset holds thousands.
 */
export const FUNCTION_CONFIG_FILE = 'herald.config.json';

/** The function config holds a CloudFormation token, which a file in the code cannot resolve. */
export class UnresolvedConfigTokenError extends Error {
  override readonly name = 'UnresolvedConfigTokenError';
}

/**
 * Writes the function config (toFunctionConfig's, secrets already removed) to `dir`, under a name made
 * from its content, and returns the path. The name matters: the CDK caches a bundle by its bundling
 * options within one process (the path is one of them), so a second config must change the path, not
 * only the file.
 */
export function writeFunctionConfigFile(dir: string, config: Record<string, unknown>): string {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  // A deploy-time value (a table name, an ARN) would reach the function as the literal `${Token[...]}`.
  if (Token.isUnresolved(text))
    throw new UnresolvedConfigTokenError(
      'the function config holds a deploy-time value, which the config file cannot carry; ' +
        'pass it to the function in an environment variable instead',
    );
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `function-config.${digest}.json`);
  writeFileSync(file, text);
  return file;
}
