import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../functions/core/config.ts';
import { describeError, errorDetail } from '../../functions/core/describe-error.ts';
import { redact } from '../../functions/core/redact.ts';

describe('secrets in URLs', () => {
  it('a password in a feed URL is refused, naming the key and not the password', () => {
    const parse = () =>
      parseConfig({ feeds: [{ id: 'f', url: 'https://reader:s3cret-pw@feeds.example.org/rss' }] });
    expect(parse).toThrow(ConfigError);
    try {
      parse();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'feeds.0.url: must not hold a user name or password (Herald prints this URL in logs and status)',
      ]);
      expect((error as Error).message).not.toContain('s3cret-pw');
    }
  });

  it('a user name alone in the Discord API base is refused too', () => {
    expect(() =>
      parseConfig({
        feeds: [{ id: 'f', url: 'https://feeds.example.org/rss' }],
        discord: { apiBase: 'https://admin@discord.example/api' },
      }),
    ).toThrow(/discord\.apiBase: must not hold a user name or password/);
  });

  it.each([
    [
      'ECONNREFUSED fetching http://user:pass@10.0.0.1:8080/feed',
      'ECONNREFUSED fetching http://***@10.0.0.1:8080/feed',
    ],
    ['failed: https://token@host/x and ftp://a:b@c/', 'failed: https://***@host/x and ftp://***@c/'],
    [
      'HTTP 404 at https://discord.com/api/v10/webhooks/123456789012345678/AbC-dEf_gh.ij?wait=true',
      'HTTP 404 at https://discord.com/api/v10/webhooks/123456789012345678/***?wait=true',
    ],
    ['authorization: Bot MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.mnopqrstuvwx', 'authorization: Bot ***'],
  ])('redact takes the secret out of %j', (line, expected) => {
    expect(redact(line)).toBe(expected);
  });

  it('redact leaves a line without secrets as it was', () => {
    const line = 'timed out after 10000 ms at https://www.voanews.com/a/x/7000001.html (user@example.org)';
    expect(redact(line)).toBe(line);
  });
});

describe('errors the core logs and stores', () => {
  it('carry no password or webhook token, in the message, the stack or a cause', () => {
    const cause = new Error(
      'connect ECONNREFUSED for https://discord.com/api/webhooks/123456789012345678/tok-en_1',
    );
    const error = new Error('fetch http://user:pw-123@feeds.example.org/rss failed', { cause });
    const shown = JSON.stringify([describeError(error), errorDetail(error)]);
    expect(shown).not.toMatch(/pw-123|tok-en_1/);
    expect(describeError(error)).toBe('fetch http://***@feeds.example.org/rss failed');
  });
});

describe('the loggers of the composition roots', () => {
  it('the CLI logger prints no password or webhook token, whatever field carries it', async () => {
    const { cliLogger } = await import('../../functions/cli/cli-logger.ts');
    const { bufferIo } = await import('../support/buffer-io.ts');
    const io = bufferIo();
    const logger = cliLogger(io, true);
    logger.warn('article unavailable', {
      url: 'https://reader:s3cret-pw@www.example.org/a/1.html',
      nested: { hook: 'https://discord.com/api/webhooks/123456789012345678/tok-abcdefghijklmnopqrstuvwxyz' },
    });
    expect(io.all()).not.toContain('s3cret-pw');
    expect(io.all()).not.toContain('tok-abcdefghijklmnopqrstuvwxyz');
    expect(io.all()).toContain('www.example.org');
  });

  it('log fields are redacted however deep the secret is', async () => {
    const { redactFields } = await import('../../functions/core/redact.ts');
    expect(JSON.stringify(redactFields({ a: [{ b: 'http://u:p4ss@h/x' }], n: 3, ok: 'plain' }))).toBe(
      '{"a":[{"b":"http://***@h/x"}],"n":3,"ok":"plain"}',
    );
  });
});
