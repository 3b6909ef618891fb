import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commandDefinitionProblems } from './interactions-spec.ts';

/** One bulk overwrite the server accepted. */
export interface Registration {
  applicationId: string;
  guildId?: string;
  commands: unknown[];
  userAgent: string | undefined;
}

export interface CommandsApiStandIn {
  /** Use as `discord.apiBase`: `http://127.0.0.1:PORT/api`. */
  apiBase: string;
  readonly registrations: Registration[];
  /** Bodies refused with a 400, with Discord-like problems. */
  readonly invalid: { body: unknown; problems: string[] }[];
  /** Every request received, refused ones included. */
  readonly requests: { method: string; path: string }[];
  close(): Promise<void>;
}

const ROUTE = /^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands\/?$/;

/**
 * A local stand-in for Discord's application-command registration:
 * `PUT /api/v10/applications/{id}/commands` and `PUT /api/v10/applications/{id}/guilds/{guild}/commands`.
 * It checks the bot token, the application and guild, and every command against discord-api-spec.
 */
export async function startCommandsApiStandIn(options: {
  applicationId: string;
  botToken: string;
  guilds: string[];
}): Promise<CommandsApiStandIn> {
  const registrations: Registration[] = [];
  const invalid: CommandsApiStandIn['invalid'] = [];
  const requests: CommandsApiStandIn['requests'] = [];
  let nextId = 1_300_000_000_000_000_000n;

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: req.method ?? '', path: req.url ?? '' });
    const match = ROUTE.exec(req.url ?? '');
    if (!match || req.method !== 'PUT') return send(res, 404, { message: '404: Not Found', code: 0 });
    if (req.headers.authorization !== `Bot ${options.botToken}`)
      return send(res, 401, { message: '401: Unauthorized', code: 0 });
    const [, applicationId = '', guildId] = match;
    if (applicationId !== options.applicationId)
      return send(res, 403, { message: 'Missing Access', code: 50001 });
    if (guildId !== undefined && !options.guilds.includes(guildId))
      return send(res, 403, { message: 'Missing Access', code: 50001 });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, { message: 'The request body contains invalid JSON.', code: 50109 });
    }
    if (!Array.isArray(body))
      return send(res, 400, { message: 'Invalid Form Body', code: 50035, errors: {} });
    const problems = (await Promise.all(body.map((command) => commandDefinitionProblems(command)))).flat();
    if (problems.length) {
      invalid.push({ body, problems });
      return send(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { _errors: problems } });
    }
    registrations.push({
      applicationId,
      ...(guildId ? { guildId } : {}),
      commands: body,
      userAgent: req.headers['user-agent'],
    });
    const created = body.map((command: Record<string, unknown>) => {
      nextId += 1n;
      return {
        ...command,
        id: nextId.toString(),
        application_id: applicationId,
        version: nextId.toString(),
        ...(guildId ? { guild_id: guildId } : {}),
      };
    });
    return send(res, 200, created);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error), code: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}/api`,
    registrations,
    invalid,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
