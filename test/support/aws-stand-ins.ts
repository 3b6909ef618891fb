import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for the AWS APIs that `herald invoke`, `herald secrets` and the handler call,
 * speaking each service's wire protocol so the real SDK clients talk to them through
 * `AWS_ENDPOINT_URL_<SERVICE>`. They check the protocol, not signatures.
 */

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
// form-encoded POST, XML answer), on one server.

export type FunctionBehaviour = (
  payload: unknown,
) => { payload: unknown } | { error: { errorType: string; errorMessage: string } } | { throttle: true };

export interface LambdaStandIn extends StandIn {
  /** Payloads each function received, parsed. */
  invocations: { functionName: string; invocationType: string | undefined; payload: unknown }[];
}

export async function startLambdaAndCloudFormation(options: {
  functions: Record<string, FunctionBehaviour>;
  /** Stack name -> outputs. */
  stacks: Record<string, Record<string, string>>;
}): Promise<LambdaStandIn> {
  const invocations: LambdaStandIn['invocations'] = [];
  const standIn = await listen((request, res) => {
    const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.path);
    if (request.method === 'POST' && invoke) {
      const functionName = decodeURIComponent(invoke[1] as string);
      const behaviour = options.functions[functionName];
      if (!behaviour) {
        res
          .writeHead(404, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'ResourceNotFoundException',
          })
          .end(JSON.stringify({ Type: 'User', Message: `Function not found: ${functionName}` }));
        return;
      }
      const payload = request.body ? JSON.parse(request.body) : undefined;
      invocations.push({
        functionName,
        invocationType: request.headers['x-amz-invocation-type'] as string | undefined,
        payload,
      });
      const outcome = behaviour(payload);
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
      const outputs = options.stacks[name];
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
