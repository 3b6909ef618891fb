import { describe, expect, it } from 'vitest';
import { guardedLookup, type Lookup, nonPublicReason } from '../../functions/adapters/address-policy.ts';

/** The host as Herald sees it: through the WHATWG URL parser, which rewrites most odd notations. */
const hostOf = (url: string) => new URL(url).hostname;

describe('the address policy', () => {
  it.each([
    ['http://127.0.0.1/', /loopback/],
    ['http://2130706433/', /loopback/],
    ['http://0x7f000001/', /loopback/],
    ['http://127.1/', /loopback/],
    ['http://0177.0.0.1/', /loopback/],
    ['http://127.0.0.1.:9001/', /loopback/],
    ['http://[::1]/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /IPv4-mapped.*loopback/],
    ['http://[::ffff:7f00:1]/', /IPv4-mapped.*loopback/],
    ['http://[::127.0.0.1]/', /IPv4-compatible/],
    ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', /IPv4-mapped.*link-local/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://169.254.170.2/v2/credentials', /link-local/],
    ['http://10.0.0.1/', /private/],
    ['http://172.16.5.4/', /private/],
    ['http://192.168.1.1/', /private/],
    ['http://100.64.0.1/', /carrier-grade NAT/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://0/', /unspecified/],
    ['http://[::]/', /unspecified/],
    ['http://224.0.0.1/', /multicast/],
    ['http://255.255.255.255/', /reserved/],
    ['http://[fd00:ec2::254]/', /unique-local/],
    ['http://[fc00::1]/', /unique-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://[ff02::1]/', /multicast/],
    ['http://[64:ff9b::7f00:1]/', /NAT64/],
    ['http://[2002:7f00:1::]/', /6to4/],
  ])('refuses %s, in whatever notation it comes', (url, reason) => {
    expect(nonPublicReason(hostOf(url))).toMatch(reason);
  });

  it.each([['http://93.184.215.14/'], ['http://8.8.8.8/'], ['http://[2606:4700::1111]/']])(
    'lets the public address %s through',
    (url) => {
      expect(nonPublicReason(hostOf(url))).toBeUndefined();
    },
  );

  it('a name is not an address: it must be resolved first', () => {
    expect(nonPublicReason('example.com')).toBe('not an IP address');
  });

  const resolverOf =
    (answers: string[][]): Lookup =>
    (_host, _options, callback) => {
      const next = answers.shift() ?? [];
      callback(
        null,
        next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    };
  const lookUp = (lookup: Lookup, all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      lookup('news.example', { all }, (error, address) => resolve({ error, address })),
    );

  it('DNS rebinding gains nothing: the address checked is the one the connection gets', async () => {
    // The first answer is public (what a pre-check would see), the second, at connect time, is loopback.
    const lookup = guardedLookup(resolverOf([['93.184.215.14'], ['127.0.0.1']]));
    expect(await lookUp(lookup, false)).toEqual({ error: null, address: '93.184.215.14' });
    const second = await lookUp(lookup, false);
    expect(second.error?.message).toBe('news.example resolves to a loopback address');
  });

  it('a name with one private address among public ones is refused whole', async () => {
    const lookup = guardedLookup(resolverOf([['93.184.215.14', '10.1.2.3']]));
    expect((await lookUp(lookup, true)).error?.message).toMatch(/private/);
  });

  it('a public name is answered in the shape net.connect asked for', async () => {
    const lookup = guardedLookup(resolverOf([['93.184.215.14', '2606:4700::1111']]));
    expect(await lookUp(lookup, true)).toEqual({
      error: null,
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:4700::1111', family: 6 },
      ],
    });
  });
});
