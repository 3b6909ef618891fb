import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

/** A message the stand-in accepted. */
export interface QueuedMessage {
  messageId: string;
  queueName: string;
  body: string;
  md5OfBody: string;
  sentTimestamp: number;
}

/** One request, as the stand-in saw it. */
export interface SqsRequest {
  operation: string;
  entries: number;
  status: number;
}

export interface SqsStandIn {
  /** `http://127.0.0.1:<port>`: use as `AWS_ENDPOINT_URL_SQS`. */
  endpoint: string;
  /** The URL of a queue, created on first use, in SQS's `<endpoint>/<account>/<name>` form. */
  queueUrl(name?: string): string;
  readonly requests: SqsRequest[];
  /** Every message accepted so far, in order, whether or not it was received since. */
  readonly messages: QueuedMessage[];
  /**
   * Takes the queue's waiting messages off it, as Lambda's event source mapping hands them to a
   * function: SQS events of at most `batchSize` records each.
   */
  receiveEvents(batchSize: number, name?: string): SQSEvent[];
  /** Answers the next `count` entries of SendMessageBatch as failed (SQS's fault unless `senderFault`). */
  failNextEntries(count: number, options?: { senderFault?: boolean }): void;
  close(): Promise<void>;
}

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const DEFAULT_QUEUE = 'herald-feeds';
const MAX_BATCH_ENTRIES = 10;
/** SQS's limit on one message and on one batch request's bodies together (the stand-in keeps the old 256 KiB). */
const MAX_BATCH_BYTES = 256 * 1024;
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** SQS's error shape in the JSON protocol, with the query-compatible code it also sends. */
class SqsFault extends Error {
  constructor(
    readonly type: string,
    readonly queryCode: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * A local stand-in for Amazon SQS that speaks its JSON protocol (`application/x-amz-json-1.0`,
 * `X-Amz-Target: AmazonSQS.<Operation>`), enough for the fan-out dispatcher: SendMessageBatch and
 * SendMessage, with SQS's batch rules (1-10 entries, distinct valid ids, size) and the MD5 digests the
 * SDK checks. It checks the protocol, not signatures. Loopback only.
 */
export async function startSqsStandIn(): Promise<SqsStandIn> {
  const messages: QueuedMessage[] = [];
  const waiting = new Map<string, QueuedMessage[]>();
  const requests: SqsRequest[] = [];
  const sockets = new Set<Socket>();
  let failing = 0;
  let failSenderFault = false;
  let endpoint = '';

  const queueOf = (url: unknown): string => {
    const name = typeof url === 'string' ? /\/(\d{12})\/([\w-]{1,80})$/.exec(url)?.[2] : undefined;
    if (!name || !waiting.has(name))
      throw new SqsFault(
        'com.amazonaws.sqs#QueueDoesNotExist',
        'AWS.SimpleQueueService.NonExistentQueue',
        'The specified queue does not exist.',
      );
    return name;
  };

  const accept = (queueName: string, body: string): QueuedMessage => {
    const message: QueuedMessage = {
      messageId: randomUUID(),
      queueName,
      body,
      md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
      sentTimestamp: Date.now(),
    };
    messages.push(message);
    waiting.get(queueName)?.push(message);
    return message;
  };

  const operations: Record<string, (input: Record<string, unknown>) => { body: unknown; entries: number }> = {
    SendMessageBatch(input) {
      const queueName = queueOf(input.QueueUrl);
      const entries = Array.isArray(input.Entries) ? (input.Entries as Array<Record<string, unknown>>) : [];
      if (entries.length === 0)
        throw new SqsFault(
          'com.amazonaws.sqs#EmptyBatchRequest',
          'AWS.SimpleQueueService.EmptyBatchRequest',
          'There should be at least one SendMessageBatchRequestEntry in the request.',
        );
      if (entries.length > MAX_BATCH_ENTRIES)
        throw new SqsFault(
          'com.amazonaws.sqs#TooManyEntriesInBatchRequest',
          'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
          `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
        );
      const ids = entries.map((e) => e.Id);
      if (ids.some((id) => typeof id !== 'string' || !ENTRY_ID.test(id)))
        throw new SqsFault(
          'com.amazonaws.sqs#InvalidBatchEntryId',
          'AWS.SimpleQueueService.InvalidBatchEntryId',
          'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
        );
      if (new Set(ids).size !== ids.length)
        throw new SqsFault(
          'com.amazonaws.sqs#BatchEntryIdsNotDistinct',
          'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
          'Two or more batch entries in the request have the same Id.',
        );
      const bytes = entries.reduce((n, e) => n + Buffer.byteLength(String(e.MessageBody ?? '')), 0);
      if (bytes > MAX_BATCH_BYTES)
        throw new SqsFault(
          'com.amazonaws.sqs#BatchRequestTooLong',
          'AWS.SimpleQueueService.BatchRequestTooLong',
          `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${bytes} bytes.`,
        );
      const successful: unknown[] = [];
      const failed: unknown[] = [];
      for (const entry of entries) {
        const body = entry.MessageBody;
        if (typeof body !== 'string' || body.length === 0) {
          failed.push({
            Id: entry.Id,
            SenderFault: true,
            Code: 'MissingParameter',
            Message: 'The request must contain the parameter MessageBody.',
          });
        } else if (failing > 0) {
          failing--;
          failed.push({
            Id: entry.Id,
            SenderFault: failSenderFault,
            Code: failSenderFault ? 'InvalidParameterValue' : 'InternalError',
            Message: 'stand-in: scripted failure',
          });
        } else {
          const message = accept(queueName, body);
          successful.push({
            Id: entry.Id,
            MessageId: message.messageId,
            MD5OfMessageBody: message.md5OfBody,
          });
        }
      }
      return { body: { Successful: successful, Failed: failed }, entries: entries.length };
    },
    SendMessage(input) {
      const queueName = queueOf(input.QueueUrl);
      if (typeof input.MessageBody !== 'string' || input.MessageBody.length === 0)
        throw new SqsFault(
          'com.amazonaws.sqs#MissingParameter',
          'AWS.SimpleQueueService.MissingParameter',
          'The request must contain the parameter MessageBody.',
        );
      const message = accept(queueName, input.MessageBody);
      return { body: { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody }, entries: 1 };
    },
  };

  const reply = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(Buffer.byteLength(text)),
      'x-amzn-requestid': randomUUID(),
      ...headers,
    });
    res.end(text);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
    const run = operations[operation];
    try {
      if (
        req.method !== 'POST' ||
        !String(req.headers['content-type']).startsWith('application/x-amz-json-1.0')
      )
        throw new SqsFault(
          'com.amazonaws.sqs#InvalidAction',
          'AWS.SimpleQueueService.InvalidAction',
          'stand-in: expected a POST in the JSON 1.0 protocol',
        );
      if (!run)
        throw new SqsFault(
          'com.amazonaws.sqs#UnsupportedOperation',
          'AWS.SimpleQueueService.UnsupportedOperation',
          `stand-in: unsupported operation ${target || '(no X-Amz-Target)'}`,
        );
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const { body, entries } = run(input);
      requests.push({ operation, entries, status: 200 });
      reply(res, 200, body);
    } catch (error) {
      const fault =
        error instanceof SqsFault
          ? error
          : new SqsFault('com.amazonaws.sqs#InvalidParameterValue', 'InvalidParameterValue', String(error));
      requests.push({ operation: operation || target, entries: 0, status: fault.status });
      reply(
        res,
        fault.status,
        { __type: fault.type, message: fault.message },
        { 'x-amzn-query-error': `${fault.queryCode};Sender` },
      );
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  waiting.set(DEFAULT_QUEUE, []);

  return {
    endpoint,
    queueUrl(name = DEFAULT_QUEUE) {
      if (!waiting.has(name)) waiting.set(name, []);
      return `${endpoint}/${ACCOUNT}/${name}`;
    },
    requests,
    messages,
    receiveEvents(batchSize, name = DEFAULT_QUEUE) {
      const queue = waiting.get(name) ?? [];
      const taken = queue.splice(0, queue.length);
      const events: SQSEvent[] = [];
      for (let start = 0; start < taken.length; start += batchSize)
        events.push({ Records: taken.slice(start, start + batchSize).map((m) => toRecord(m)) });
      return events;
    },
    failNextEntries(count, options = {}) {
      failing = count;
      failSenderFault = options.senderFault ?? false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A message as Lambda's SQS event source delivers it. */
export function toRecord(message: QueuedMessage, receiveCount = 1): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: `stand-in-${message.messageId}`,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: 'AIDASTANDIN',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:${message.queueName}`,
    awsRegion: REGION,
  };
}
