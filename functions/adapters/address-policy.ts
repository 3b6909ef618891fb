import { isIP } from 'node:net';

/**
 * Why an IP address is not public, or undefined when it is. A feed is untrusted, so anything it names
 * must not reach the machine Herald runs on (Lambda's runtime API on 127.0.0.1:9001), its network, or a
 * metadata service (169.254.169.254, fd00:ec2::254). Literal addresses come here in the form the WHATWG
 * URL parser leaves them: it has already turned `2130706433`, `0x7f000001`, `127.1` and `0177.0.0.1`
 * into `127.0.0.1`, and `[::ffff:127.0.0.1]` into `[::ffff:7f00:1]`; brackets are accepted.
 */
export function nonPublicReason(address: string): string | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const version = isIP(bare);
  if (version === 4) return ipv4Reason(parseIpv4(bare));
  if (version === 6) {
    const groups = parseIpv6(bare);
    return groups ? ipv6Reason(groups) : 'an IPv6 address that cannot be read';
  }
  return 'not an IP address';
}

type Range = readonly [base: number, bits: number, reason: string];

const ip4 = (a: number, b: number, c: number, d: number): number =>
  ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/** RFC 6890's special-purpose IPv4 registry, plus multicast and the reserved block. */
const IPV4_RANGES: readonly Range[] = [
  [ip4(0, 0, 0, 0), 8, 'an unspecified ("this network") address'],
  [ip4(10, 0, 0, 0), 8, 'a private address'],
  [ip4(100, 64, 0, 0), 10, 'a carrier-grade NAT address'],
  [ip4(127, 0, 0, 0), 8, 'a loopback address'],
  [ip4(169, 254, 0, 0), 16, 'a link-local address (cloud metadata lives there)'],
  [ip4(172, 16, 0, 0), 12, 'a private address'],
  [ip4(192, 0, 0, 0), 24, 'an IETF protocol address'],
  [ip4(192, 0, 2, 0), 24, 'a documentation address'],
  [ip4(192, 88, 99, 0), 24, 'a 6to4 relay address'],
  [ip4(192, 168, 0, 0), 16, 'a private address'],
  [ip4(198, 18, 0, 0), 15, 'a benchmarking address'],
  [ip4(198, 51, 100, 0), 24, 'a documentation address'],
  [ip4(203, 0, 113, 0), 24, 'a documentation address'],
  [ip4(224, 0, 0, 0), 4, 'a multicast address'],
  [ip4(240, 0, 0, 0), 4, 'a reserved address'],
];

function parseIpv4(text: string): number {
  const [a = 0, b = 0, c = 0, d = 0] = text.split('.').map(Number);
  return ip4(a, b, c, d);
}

function ipv4Reason(value: number): string | undefined {
  for (const [base, bits, reason] of IPV4_RANGES) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((value & mask) >>> 0 === base) return reason;
  }
  return undefined;
}

/** Eight 16-bit groups; a dotted IPv4 tail counts as the last two. */
function parseIpv6(text: string): number[] | undefined {
  const zone = text.indexOf('%');
  let rest = (zone === -1 ? text : text.slice(0, zone)).toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(rest);
  if (dotted?.[1]) {
    const v4 = parseIpv4(dotted[1]);
    tail.push(v4 >>> 16, v4 & 0xffff);
    rest = rest.slice(0, -dotted[1].length);
    if (rest.endsWith(':') && !rest.endsWith('::')) rest = rest.slice(0, -1);
  }
  const [head = '', after] = rest.split('::');
  const read = (part: string) => (part ? part.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const front = read(head);
  const back = [...read(after ?? ''), ...tail];
  const fill = 8 - front.length - back.length;
  if (after === undefined ? fill !== 0 : fill < 0) return undefined;
  const groups = [...front, ...new Array<number>(fill).fill(0), ...back];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

function ipv6Reason(g: number[]): string | undefined {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = ((g6 << 16) | g7) >>> 0;
  const zeroHead = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroHead && g5 === 0 && g6 === 0 && g7 === 0) return 'an unspecified address';
  if (zeroHead && g5 === 0 && g6 === 0 && g7 === 1) return 'a loopback address';
  // An IPv4 address in IPv6 clothing is judged as the IPv4 address it reaches.
  if (zeroHead && (g5 === 0xffff || g5 === 0)) {
    const inner = ipv4Reason(embedded);
    return `an IPv4-${g5 === 0xffff ? 'mapped' : 'compatible'} IPv6 address${inner ? ` (${inner})` : ''}`;
  }
  if (g0 === 0x64 && g1 === 0xff9b) return 'a NAT64 address';
  if (g0 === 0x2002) return 'a 6to4 address';
  if (g0 === 0x2001 && g1 === 0) return 'a Teredo address';
  if (g0 === 0x2001 && g1 === 0xdb8) return 'a documentation address';
  if ((g0 & 0xfe00) === 0xfc00) return 'a unique-local address (fc00::/7)';
  if ((g0 & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((g0 & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((g0 & 0xff00) === 0xff00) return 'a multicast address';
  // Only global unicast (2000::/3) is routed on the internet; the rest is reserved.
  if ((g0 & 0xe000) !== 0x2000) return 'a reserved IPv6 address';
  return undefined;
}

/** Thrown inside a connection attempt that the address policy refuses; the fetch fails with it as cause. */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
  readonly code = 'HERALD_ADDRESS_REFUSED';
}

type LookupAddress = { address: string; family: number };
type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
/** The shape of `dns.lookup` that `net.connect` calls. */
export type Lookup = (
  hostname: string,
  options: { family?: number | string; all?: boolean; hints?: number },
  callback: LookupCallback,
) => void;

/**
 * A `lookup` for `net.connect` that resolves the name and refuses it when any of its addresses is not
 * public: the addresses checked are the ones the socket then connects to, so a name that answers a
 * public address to one look-up and 127.0.0.1 to the next (DNS rebinding) gains nothing. A name with one
 * private address among public ones is refused whole, since the connection could pick either.
 */
export function guardedLookup(resolve: Lookup): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, options.all ? [] : '');
      const addresses = Array.isArray(found) ? found : [{ address: found, family: isIP(found) }];
      for (const { address } of addresses) {
        const reason = nonPublicReason(address);
        if (reason) return callback(new AddressRefusedError(`${hostname} resolves to ${reason}`), '');
      }
      const [first] = addresses;
      if (options.all) return callback(null, addresses);
      if (!first) return callback(new AddressRefusedError(`${hostname} resolves to no address`), '');
      callback(null, first.address, first.family);
    });
  };
}
