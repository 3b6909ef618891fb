import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Local stand-ins for the AWS APIs that `herald invoke`, `herald secrets`, the handlers and the
 * interactions endpoint call, speaking each service's wire protocol so the real SDK clients talk to them through
 * `AWS_ENDPOINT_URL_<SERVICE>`. They check the protocol, not signatures.
 */

/**
 * The whole environment of a child process that calls AWS, to which a test adds the stand-ins'
 * `AWS_ENDPOINT_URL_<SERVICE>`: test credentials and region, no credentials chain to walk (an empty HOME,
 * no config files), no metadata address, no repo paths.
 */
export function isolatedAwsEnv(): Record<string, string> {
  const home = mkdtempSync(path.join(tmpdir(), 'herald-child-home-'));
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'no-credentials'),
  };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface StandIn {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

async function listen(
  handle: (request: RecordedRequest, res: ServerResponse) => void | Promise<void>,
): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    try {
      await handle(recorded, res);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Lambda (REST-JSON: POST /2015-03-31/functions/<name>/invocations) and CloudFormation (query protocol:
// form-encoded POST, XML answer), on one server: `herald invoke` reads the function name from the stack
// outputs before it invokes.

/** What a function does with a synchronous (`RequestResponse`) invocation. */
export type FunctionBehaviour = (
  payload: unknown,
) => { payload: unknown } | { error: { errorType: string; errorMessage: string } } | { throttle: true };

/** One `Invoke` call as the Lambda API received it. */
export interface Invocation {
  functionName: string;
  /** `X-Amz-Invocation-Type`: `Event` for an async invoke. */
  invocationType: string | undefined;
  payload: unknown;
}

export interface LambdaStandIn extends StandIn {
  /** Every invocation of a function that exists, its payload parsed. */
  invocations: Invocation[];
}

export interface LambdaStandInOptions {
  /** The functions that exist, by name; any other name answers 404 ResourceNotFoundException. */
  functions?: Record<string, FunctionBehaviour>;
  /** Stack name -> outputs, for DescribeStacks; any other name is a stack that does not exist. */
  stacks?: Record<string, Record<string, string>>;
  /**
   * Runs after an `Event` invocation has been answered 202, as Lambda's async queue would: the caller
   * does not wait for it. A rejection is the function's failure, which the caller never sees either.
   */
  onEvent?: (invocation: Invocation) => void;
  /** Answers this many invocations with a 500 first. */
  failFirst?: number;
  /** Delays every answer, to test the caller's timeout. */
  delayMs?: number;
}

/** A function that exists and answers a synchronous invocation with `null`. */
export const answersNull: FunctionBehaviour = () => ({ payload: null });

/**
 * Starts the Lambda and CloudFormation stand-in on a free local port. Use its `url` as
 * `AWS_ENDPOINT_URL_LAMBDA` and `AWS_ENDPOINT_URL_CLOUDFORMATION`, or as a client's endpoint.
 */
export async function startLambdaAndCloudFormation(options: LambdaStandInOptions): Promise<LambdaStandIn> {
  const functions = options.functions ?? {};
  const stacks = options.stacks ?? {};
  const invocations: Invocation[] = [];
  let failures = options.failFirst ?? 0;
  const standIn = await listen(async (request, res) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.path);
    if (request.method === 'POST' && invoke) {
      if (failures > 0) {
        failures -= 1;
        res
          .writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceException' })
          .end(JSON.stringify({ Type: 'Service', message: 'stand-in: scripted failure' }));
        return;
      }
      const functionName = decodeURIComponent(invoke[1] as string);
      const behaviour = functions[functionName];
      if (!behaviour) {
        res
          .writeHead(404, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'ResourceNotFoundException',
          })
          .end(JSON.stringify({ Type: 'User', Message: `Function not found: ${functionName}` }));
        return;
      }
      const invocation: Invocation = {
        functionName,
        invocationType: request.headers['x-amz-invocation-type'] as string | undefined,
        payload: request.body ? JSON.parse(request.body) : undefined,
      };
      invocations.push(invocation);
      // An async invoke is answered 202 with no body, as Lambda does, before the function runs.
      if (invocation.invocationType === 'Event') {
        res.writeHead(202).end();
        options.onEvent?.(invocation);
        return;
      }
      const outcome = behaviour(invocation.payload);
      if ('throttle' in outcome) {
        res
          .writeHead(429, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'TooManyRequestsException',
          })
          .end(
            JSON.stringify({
              Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
              Type: 'User',
              message: 'Rate Exceeded.',
            }),
          );
        return;
      }
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-amz-executed-version': '$LATEST',
      };
      if ('error' in outcome) headers['x-amz-function-error'] = 'Unhandled';
      res.writeHead(200, headers).end(JSON.stringify('error' in outcome ? outcome.error : outcome.payload));
      return;
    }

    const form = new URLSearchParams(request.body);
    if (request.method === 'POST' && form.get('Action') === 'DescribeStacks') {
      const name = form.get('StackName') ?? '';
      const outputs = stacks[name];
      if (!outputs) {
        res
          .writeHead(400, { 'content-type': 'text/xml' })
          .end(
            `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type>` +
              `<Code>ValidationError</Code><Message>Stack with id ${xml(name)} does not exist</Message></Error>` +
              '<RequestId>stand-in</RequestId></ErrorResponse>',
          );
        return;
      }
      const members = Object.entries(outputs)
        .map(
          ([key, value]) =>
            `<member><OutputKey>${xml(key)}</OutputKey><OutputValue>${xml(value)}</OutputValue></member>`,
        )
        .join('');
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>' +
            `<StackName>${xml(name)}</StackName>` +
            `<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${xml(name)}/0000</StackId>` +
            '<CreationTime>2025-01-01T00:00:00.000Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>' +
            `<Outputs>${members}</Outputs>` +
            '</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata>' +
            '</DescribeStacksResponse>',
        );
      return;
    }
    res
      .writeHead(400, { 'content-type': 'text/plain' })
      .end(`stand-in: unexpected ${request.method} ${request.path}`);
  });
  return { ...standIn, invocations };
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---------------------------------------------------------------------------------------------------------
// Secrets Manager (JSON 1.1: POST / with `x-amz-target: secretsmanager.<Operation>`).

export interface SecretsManagerStandIn extends StandIn {
  /** The current value of each secret, by name. */
  values: Map<string, string | undefined>;
  arnOf(name: string): string;
}

export async function startSecretsManager(
  initial: Record<string, string | undefined>,
): Promise<SecretsManagerStandIn> {
  const values = new Map(Object.entries(initial));
  let version = 0;
  const arnOf = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;
  const nameOf = (id: string) => [...values.keys()].find((name) => name === id || arnOf(name) === id);
  const reply = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse, message: string) =>
    reply(res, 400, { __type: 'ResourceNotFoundException', message });

  const standIn = await listen((request, res) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (
      request.method !== 'POST' ||
      !String(request.headers['content-type']).startsWith('application/x-amz-json-1.1')
    )
      return reply(res, 400, { __type: 'InvalidRequestException', message: 'stand-in: not a JSON 1.1 call' });
    const input = JSON.parse(request.body || '{}') as { SecretId?: string; SecretString?: string };
    const name = nameOf(input.SecretId ?? '');
    if (!name) return notFound(res, "Secrets Manager can't find the specified secret.");
    if (target === 'secretsmanager.GetSecretValue') {
      const value = values.get(name);
      if (value === undefined)
        return notFound(
          res,
          "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
        );
      return reply(res, 200, {
        ARN: arnOf(name),
        Name: name,
        VersionId: `v${version}`,
        SecretString: value,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 1_735_689_600,
      });
    }
    if (target === 'secretsmanager.PutSecretValue') {
      if (typeof input.SecretString !== 'string')
        return reply(res, 400, { __type: 'InvalidParameterException', message: 'SecretString is required' });
      values.set(name, input.SecretString);
      version += 1;
      return reply(res, 200, {
        ARN: arnOf(name),
        Name: name,
        VersionId: `v${version}`,
        VersionStages: ['AWSCURRENT'],
      });
    }
    return reply(res, 400, { __type: 'InvalidRequestException', message: `stand-in: unsupported ${target}` });
  });
  return { ...standIn, values, arnOf };
}
