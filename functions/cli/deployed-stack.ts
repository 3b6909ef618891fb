import { readStackOutputs } from '../adapters/lambda-invoker.ts';

/** The stack the commands look in when `--stack` names none. */
export const DEFAULT_STACK = 'Herald';

/** A stack's outputs by key. Throws StackNotFoundError when the stack is not deployed. */
export type StackOutputs = (stackName: string) => Promise<Record<string, string>>;

/**
 * One output of the deployed stack: the first of `keys` that it has. A stack that is not deployed throws
 * `StackNotFoundError`, which each command reports in its own words; a stack with none of the keys is not a
 * Herald stack, an Error.
 */
export async function readStackOutput(
  keys: readonly string[],
  stackName: string = DEFAULT_STACK,
  stackOutputs: StackOutputs = (name) => readStackOutputs(name),
): Promise<string> {
  const outputs = await stackOutputs(stackName);
  const value = keys.map((key) => outputs[key]).find((found) => found !== undefined);
  if (!value) throw new Error(`stack ${stackName} has no ${keys.join(' or ')} output: is it a Herald stack?`);
  return value;
}

/**
 * The deployed stack's secret, for `--secret` left out. The ARN names it exactly; SecretName is the
 * friendly form for the console.
 */
export function readDeployedSecretId(stackName?: string, stackOutputs?: StackOutputs): Promise<string> {
  return readStackOutput(['SecretArn', 'SecretName'], stackName, stackOutputs);
}
