import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';

import ipaddr from 'ipaddr.js';

import { BadUserInputError } from '@hrc/service-kit';

/** Whether receivers on loopback addresses (and over plain http) are accepted: development and tests only. */
export interface EndpointPolicy {
  allowLoopback: boolean;
}

/**
 * Whether an address may receive webhooks. Only global unicast passes: private, loopback, link-local, unique-local,
 * carrier-grade NAT, multicast, broadcast, unspecified, reserved and the IPv6 ranges that embed an IPv4 address (NAT64,
 * 6to4, Teredo) are refused; an IPv4-mapped IPv6 address is judged as the IPv4 address it carries. ipaddr.js's
 * range tables decide, not hand-written masks; an IPv6 address must moreover lie in 2000::/3, the global unicast
 * block (ipaddr.js calls everything it has no range for `unicast`, the IPv4-compatible ::/96 included: ::7f00:1).
 */
export function isAllowedAddress(address: string, policy: EndpointPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === 'loopback') return policy.allowLoopback;
  if (range !== 'unicast') return false;
  return parsed.kind() === 'ipv4' || parsed.match(GLOBAL_UNICAST_IPV6);
}

const GLOBAL_UNICAST_IPV6 = ipaddr.parseCIDR('2000::/3');

/** The host of a URL without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Checks an endpoint at registration: a URL, https (http only where loopback is allowed), no credentials, and a host
 * that resolves only to allowed addresses. Throws BAD_USER_INPUT naming `field`.
 */
export async function assertAcceptableEndpoint(raw: string, policy: EndpointPolicy, field = 'url'): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadUserInputError(field, 'must be an absolute URL');
  }
  if (raw.length > 2000) throw new BadUserInputError(field, 'must be at most 2000 characters');
  if (url.protocol !== 'https:' && !(policy.allowLoopback && url.protocol === 'http:')) {
    throw new BadUserInputError(field, 'must be an https URL');
  }
  if (url.username || url.password) throw new BadUserInputError(field, 'must not carry credentials');
  const addresses = await resolveAll(hostOf(url)).catch(() => {
    throw new BadUserInputError(field, `host ${url.hostname} does not resolve`);
  });
  const refused = addresses.find((address) => !isAllowedAddress(address.address, policy));
  if (refused) {
    throw new BadUserInputError(
      field,
      `host ${url.hostname} resolves to ${refused.address}, a private, loopback, link-local or otherwise non-public address`,
    );
  }
  return url;
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  if (ipaddr.isValid(host)) return Promise.resolve([{ address: host, family: host.includes(':') ? 6 : 4 }]);
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

/** Raised while connecting when the receiver's host resolves to a refused address. */
export class RefusedAddressError extends Error {
  readonly code = 'EREFUSEDADDRESS';
}

/**
 * A `lookup` for http(s).request that refuses non-public addresses: the addresses checked are the ones the socket
 * connects to, so a DNS answer that changes between registration and delivery (rebinding) cannot reach inside.
 */
export function guardedLookup(policy: EndpointPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const refused = list.find((entry) => !isAllowedAddress(entry.address, policy));
      if (refused || list.length === 0) {
        return callback(
          new RefusedAddressError(
            `${hostname} resolves to ${refused?.address ?? 'nothing'}, which is not a public address`,
          ),
          '',
          0,
        );
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Checks an IP-literal host before connecting (Node skips `lookup` for literals). */
export function assertLiteralHostAllowed(url: URL, policy: EndpointPolicy): void {
  const host = hostOf(url);
  if (ipaddr.isValid(host) && !isAllowedAddress(host, policy)) {
    throw new RefusedAddressError(`${host} is not a public address`);
  }
}
