import { CloudFormationClient, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';

/** A stack lookup or an invocation that could not be made at all. A function's own error is a value. */
export class LambdaInvokeError extends Error {
  override readonly name = 'LambdaInvokeError';
}

/** The stack is not deployed in this account and region. */
export class StackNotFoundError extends Error {
  override readonly name = 'StackNotFoundError';
}

export type InvokeResult =
  | { kind: 'ok'; payload: unknown }
  /** The function ran and threw (or timed out): Lambda's `FunctionError`, with its error body. */
  | { kind: 'function-error'; errorType: string; errorMessage: string }
  /** Reserved concurrency is taken: a poll is already running. */
  | { kind: 'busy' };

/** The deployed function, seen from an operator's machine. */
export interface LambdaInvoker {
  /** The stack's outputs by key. Throws StackNotFoundError when the stack does not exist. */
  stackOutputs(stackName: string): Promise<Record<string, string>>;
  /** Invokes synchronously (RequestResponse) with a JSON payload. */
  invoke(functionName: string, payload: unknown): Promise<InvokeResult>;
}

/**
 * The SDK clients take region, credentials and endpoints from the usual chain: `AWS_REGION`,
 * `AWS_PROFILE`, SSO, and `AWS_ENDPOINT_URL_LAMBDA` / `AWS_ENDPOINT_URL_CLOUDFORMATION`.
 */
export function createLambdaInvoker(
  clients: { lambda?: LambdaClient; cloudFormation?: CloudFormationClient } = {},
): LambdaInvoker {
  // One attempt: a poll is not something to repeat behind the operator's back, and a throttle means a
  // poll is running for up to two minutes, which no retry backoff waits out. The SDK sets no request
  // timeout by default, which a poll of up to the function's timeout needs.
  const lambda = clients.lambda ?? new LambdaClient({ maxAttempts: 1 });
  const cloudFormation = clients.cloudFormation ?? new CloudFormationClient({});
  return {
    stackOutputs: (stackName) => readStackOutputs(stackName, cloudFormation),

    async invoke(functionName, payload) {
      let response: InvokeCommandOutput;
      try {
        response = await lambda.send(
          new InvokeCommand({
            FunctionName: functionName,
            InvocationType: 'RequestResponse',
            Payload: new TextEncoder().encode(JSON.stringify(payload)),
          }),
        );
      } catch (error) {
        if (isNamed(error, 'TooManyRequestsException')) return { kind: 'busy' };
        throw new LambdaInvokeError(`could not invoke ${functionName}: ${describe(error)}`, { cause: error });
      }
      const text = response.Payload ? new TextDecoder().decode(response.Payload) : '';
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      if (response.FunctionError) {
        const error = (body ?? {}) as { errorType?: unknown; errorMessage?: unknown };
        return {
          kind: 'function-error',
          errorType: typeof error.errorType === 'string' ? error.errorType : response.FunctionError,
          errorMessage:
            typeof error.errorMessage === 'string' ? error.errorMessage : String(text || 'no message'),
        };
      }
      return { kind: 'ok', payload: body };
    },
  };
}

/**
 * A stack's outputs by key, from DescribeStacks. Throws StackNotFoundError when it is not deployed.
 * Shared by `herald invoke` (FunctionName) and `herald secrets` (SecretName).
 */
export async function readStackOutputs(
  stackName: string,
  client: CloudFormationClient = new CloudFormationClient({}),
): Promise<Record<string, string>> {
  let stacks: Stack[] | undefined;
  try {
    ({ Stacks: stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName })));
  } catch (error) {
    if (isNamed(error, 'ValidationError') && /does not exist/i.test((error as Error).message))
      throw new StackNotFoundError(notDeployed(stackName), { cause: error });
    throw new LambdaInvokeError(`could not describe stack ${stackName}: ${describe(error)}`, {
      cause: error,
    });
  }
  const stack = stacks?.[0];
  if (!stack) throw new StackNotFoundError(notDeployed(stackName));
  const outputs: Record<string, string> = {};
  for (const output of stack.Outputs ?? [])
    if (output.OutputKey && output.OutputValue !== undefined) outputs[output.OutputKey] = output.OutputValue;
  return outputs;
}

function notDeployed(stackName: string): string {
  return `stack ${stackName} is not deployed in this account and region (check AWS_PROFILE and AWS_REGION, or pass --stack)`;
}

function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

/** The SDK's error, plus what to do about the two an operator meets first. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const text = `${error.name}: ${error.message}`;
  if (/region is missing/i.test(error.message))
    return `${text} (set AWS_REGION, or AWS_PROFILE with a region)`;
  if (error.name === 'CredentialsProviderError')
    return `${text} (sign in: \`aws configure\`, \`aws sso login\`, or set AWS_PROFILE)`;
  return text;
}
