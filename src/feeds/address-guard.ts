import { promises as dnsPromises, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, isIPv4, isIPv6, type LookupFunction } from 'node:net';

/** Resolves a host name to every address it has; injectable so tests never need real DNS. */
export type LookupFn = (hostname: string) => Promise<readonly LookupAddress[]>;

export type AddressCheck =
  | { ok: true }
  | { ok: false; code: 'feed/private-address' | 'feed/dns'; message: string };

/** The `code` of the error our guarded lookup hands to node:net when it refuses an address. */
export const privateAddressErrorCode = 'ERR_SITREP_PRIVATE_ADDRESS';

export const systemLookup: LookupFn = (hostname) => dnsPromises.lookup(hostname, { all: true });

/**
 * True only for addresses that are globally reachable unicast: loopback,
 * private, link-local, unique-local, CGNAT, multicast, unspecified,
 * documentation and other special-purpose ranges are not. IPv4 embedded in
 * IPv6 (mapped, NAT64, 6to4) is judged by the embedded address. Anything that
 * is not a literal IP address is not public either.
 */
export function isPublicAddress(ip: string): boolean {
  const host = ip.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(host)) return isPublicIpv4(parseIpv4(host));
  if (isIPv6(host)) return isPublicIpv6(parseIpv6(host));
  return false;
}

/**
 * Checks a URL before anything is fetched from it (used when an admin adds a
 * feed). The fetcher itself does not rely on this: it checks the address it
 * actually connects to, so DNS changing its answer later is no way around it.
 */
export async function assertPublicUrl(url: string, lookup: LookupFn = systemLookup): Promise<AddressCheck> {
  const host = hostOf(url);
  if (host === null) return { ok: false, code: 'feed/dns', message: `"${url}" is not an http(s) URL with a host name` };
  if (isIP(host) !== 0) return checkAddresses(host, [host]);
  let addresses: readonly LookupAddress[];
  try {
    addresses = await lookup(host);
  } catch (error) {
    return { ok: false, code: 'feed/dns', message: `cannot resolve ${host}: ${describe(error)}` };
  }
  if (addresses.length === 0) return { ok: false, code: 'feed/dns', message: `${host} has no addresses` };
  return checkAddresses(host, addresses.map((entry) => entry.address));
}

/**
 * Adapts a LookupFn to node:net's callback shape. Every address a host
 * resolves to must be public (unless allowed), so a host that mixes public and
 * private records cannot be used to reach the private one.
 */
export function createGuardedLookup(lookup: LookupFn, allowPrivateNetworks: boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    lookup(hostname).then(
      (found) => {
        const refused = allowPrivateNetworks ? undefined : found.find((entry) => !isPublicAddress(entry.address));
        if (refused !== undefined) {
          callback(refusal(`${hostname} resolves to ${refused.address}, a non-public address`), '', 0);
          return;
        }
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = family === 0 ? found : found.filter((entry) => entry.family === family);
        const first = usable[0];
        if (first === undefined) {
          callback(notFound(hostname), '', 0);
        } else if (options.all === true) {
          callback(null, [...usable]);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(asErrno(error), '', 0),
    );
  };
}

/** The error node:net surfaces when a connection reaches a refused address by other means. */
export function refusal(message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(message);
  error.code = privateAddressErrorCode;
  return error;
}

function checkAddresses(host: string, addresses: readonly string[]): AddressCheck {
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused === undefined) return { ok: true };
  const via = refused === host ? '' : ` (${host} resolves to it)`;
  return { ok: false, code: 'feed/private-address', message: `${refused} is not a public address${via}` };
}

function hostOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // The URL parser already turned numeric forms such as 2130706433 or 0x7f.1 into dotted quads.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return host === '' ? null : host;
}

function parseIpv4(ip: string): number[] {
  return ip.split('.').map((part) => Number(part));
}

function parseIpv6(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = parseIpv4(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : new Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const bytes: number[] = [];
  for (const group of [...headGroups, ...zeros, ...tailGroups]) {
    const value = parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  return bytes;
}

/** [first octets…, prefix length] of IPv4 ranges that are not globally reachable (IANA special-purpose registry). */
const ipv4Blocked: ReadonlyArray<readonly [readonly number[], number]> = [
  [[0], 8], // "this network", includes the unspecified 0.0.0.0
  [[10], 8], // private
  [[100, 64], 10], // carrier-grade NAT
  [[127], 8], // loopback
  [[169, 254], 16], // link-local, includes cloud metadata endpoints
  [[172, 16], 12], // private
  [[192, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2], 24], // documentation
  [[192, 88, 99], 24], // deprecated 6to4 relay anycast
  [[192, 168], 16], // private
  [[198, 18], 15], // benchmarking
  [[198, 51, 100], 24], // documentation
  [[203, 0, 113], 24], // documentation
  [[224], 4], // multicast
  [[240], 4], // reserved, includes broadcast 255.255.255.255
];

function isPublicIpv4(octets: readonly number[]): boolean {
  return !ipv4Blocked.some(([prefix, bits]) => inPrefix(octets, prefix, bits));
}

function isPublicIpv6(bytes: readonly number[]): boolean {
  const embedded = bytes.slice(12, 16);
  if (inPrefix(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96)) return isPublicIpv4(embedded); // IPv4-mapped
  if (inPrefix(bytes, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) return isPublicIpv4(embedded); // NAT64
  if (inPrefix(bytes, [0x20, 0x02], 16)) return isPublicIpv4(bytes.slice(2, 6)); // 6to4
  // Only 2000::/3 holds global unicast; this excludes ::, ::1, IPv4-compatible,
  // discard-only, unique-local fc00::/7, link-local fe80::/10 and multicast ff00::/8.
  if (!inPrefix(bytes, [0x20], 3)) return false;
  if (inPrefix(bytes, [0x20, 0x01, 0x00], 23)) return false; // IETF protocol assignments, Teredo
  if (inPrefix(bytes, [0x20, 0x01, 0x0d, 0xb8], 32)) return false; // documentation
  if (inPrefix(bytes, [0x3f, 0xff], 20)) return false; // documentation
  return true;
}

function inPrefix(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const index = bit / 8;
    const width = Math.min(8, bits - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    if (((bytes[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
  error.code = 'ENOTFOUND';
  return error;
}

function asErrno(error: unknown): NodeJS.ErrnoException {
  return error instanceof Error ? error : new Error(String(error));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== undefined && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
