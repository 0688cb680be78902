import { createHash, createHmac, createSecretKey, type KeyObject, randomUUID, timingSafeEqual } from 'node:crypto';

import { HttpError } from './errors';
import { IDENTITY_HEADER, type IdentityEnvelope, identityOfEnvelope, type VerifiedCall } from './identity';

/*
 * The gateway's signature on a subgraph call. It binds the method, the path with its query string, a timestamp, a
 * nonce, the identity header and the exact body bytes, so a captured call can be neither sent to another route
 * (a calendar GET replayed as `GET /graphql?query=…`), nor changed, nor replayed: a write's nonce is accepted once.
 */

export const SIGNATURE_HEADER = 'x-hub-signature';
export const TIMESTAMP_HEADER = 'x-hub-timestamp';
export const NONCE_HEADER = 'x-hub-nonce';

/** How old (or how far ahead, between clocks) a signed call may be; also how long a nonce is remembered. */
export const MAX_SIGNATURE_AGE_SECONDS = 60;

const VERSION = 'v2';

/** Remembers the nonces of accepted calls until they could no longer pass the age check anyway. */
export interface NonceStore {
  /** Records `nonce` until `expiresAtMs`; false when it was already recorded (a replay). */
  claim(nonce: string, expiresAtMs: number, nowMs: number): boolean;
}

/** A nonce store in this process's memory; each subgraph replica keeps its own. */
export class MemoryNonceStore implements NonceStore {
  private readonly expiries = new Map<string, number>();

  claim(nonce: string, expiresAtMs: number, nowMs: number): boolean {
    this.forgetExpired(nowMs);
    const known = this.expiries.get(nonce);
    if (known !== undefined && known > nowMs) return false;
    this.expiries.set(nonce, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  /** Entries arrive in roughly increasing expiry, so dropping from the oldest end stops at the first live one. */
  private forgetExpired(nowMs: number): void {
    for (const [nonce, expiresAt] of this.expiries) {
      if (expiresAt > nowMs) return;
      this.expiries.delete(nonce);
    }
  }
}

/** The path and query string of a request target, as both sides see it (`/graphql?query=…`). */
function parsePathAndQuery(url: string): string {
  const parsed = new URL(url, 'http://subgraph');
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * The gateway signs every call to the same few subgraph URLs: their paths are parsed once. Bounded, since verifying
 * sees targets chosen by callers (a full cache is emptied, not grown).
 */
const PATHS_KEPT = 256;
const pathsOfUrls = new Map<string, string>();
function pathAndQuery(url: string): string {
  let path = pathsOfUrls.get(url);
  if (path === undefined) {
    path = parsePathAndQuery(url);
    if (pathsOfUrls.size >= PATHS_KEPT) pathsOfUrls.clear();
    pathsOfUrls.set(url, path);
  }
  return path;
}

/** The HMAC key of the signing secret, imported once per secret (a process has one or two). */
const keysOfSecrets = new Map<string, KeyObject>();
function hmacKeyOf(secret: string): KeyObject {
  let key = keysOfSecrets.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    if (keysOfSecrets.size >= 8) keysOfSecrets.clear();
    keysOfSecrets.set(secret, key);
  }
  return key;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function signatureOf(
  secret: string,
  parts: { method: string; url: string; timestamp: string; nonce: string; identityHeader: string; body: string },
): string {
  const canonical = [
    VERSION,
    parts.method.toUpperCase(),
    pathAndQuery(parts.url),
    parts.timestamp,
    parts.nonce,
    parts.identityHeader,
    sha256(parts.body),
  ].join('\n');
  return `${VERSION}=${createHmac('sha256', hmacKeyOf(secret)).update(canonical).digest('hex')}`;
}

export interface CallToSign {
  method: string;
  /** The request target: a full URL or a path with its query string. */
  url: string;
  identityHeader: string;
  body: string;
  now?: number;
  nonce?: string;
}

/** The headers that sign one call: identity, timestamp, nonce and signature. Sign every call afresh. */
export function signGatewayCall(secret: string, call: CallToSign): Record<string, string> {
  const timestamp = String(Math.floor((call.now ?? Date.now()) / 1000));
  const nonce = call.nonce ?? randomUUID();
  return {
    [IDENTITY_HEADER]: call.identityHeader,
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signatureOf(secret, { ...call, timestamp, nonce }),
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function refuse(message: string): never {
  throw new HttpError(401, 'UNAUTHENTICATED', message);
}

/** Reads never change anything, so only the other methods (every GraphQL POST) spend their nonce. */
const NONCE_FREE_METHODS = new Set(['GET', 'HEAD']);

export interface CallToVerify {
  secret: string;
  method: string;
  /** The request target as received (`request.url`). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  now: number;
  nonceStore: NonceStore;
}

/**
 * Verifies a subgraph call against the gateway's signature; anything unsigned, tampered, aimed at another method or
 * path, stale or replayed is a 401. Pure apart from the nonce store it is given.
 */
export function verifyGatewaySignature(call: CallToVerify): VerifiedCall {
  const identityHeader = headerValue(call.headers[IDENTITY_HEADER]);
  const signature = headerValue(call.headers[SIGNATURE_HEADER]);
  const timestamp = headerValue(call.headers[TIMESTAMP_HEADER]);
  const nonce = headerValue(call.headers[NONCE_HEADER]);
  if (!identityHeader || !signature || !timestamp || !nonce) {
    refuse('Subgraphs accept only requests signed by the gateway');
  }
  const expected = Buffer.from(
    signatureOf(call.secret, { method: call.method, url: call.url, timestamp, nonce, identityHeader, body: call.body }),
  );
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    refuse('The gateway signature does not match this request');
  }
  const signedAt = Number(timestamp);
  if (!Number.isInteger(signedAt) || Math.abs(call.now / 1000 - signedAt) > MAX_SIGNATURE_AGE_SECONDS) {
    refuse('The gateway signature has expired');
  }
  if (!NONCE_FREE_METHODS.has(call.method.toUpperCase())) {
    const expiresAt = (signedAt + MAX_SIGNATURE_AGE_SECONDS + 1) * 1000;
    if (!call.nonceStore.claim(nonce, expiresAt, call.now)) refuse('This gateway signature has already been used');
  }
  let envelope: Partial<IdentityEnvelope>;
  try {
    envelope = JSON.parse(Buffer.from(identityHeader, 'base64url').toString('utf8')) as Partial<IdentityEnvelope>;
  } catch {
    refuse('The identity header is not valid');
  }
  return { identity: identityOfEnvelope(envelope), requestId: envelope.rid || randomUUID() };
}
