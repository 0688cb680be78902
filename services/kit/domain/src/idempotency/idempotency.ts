import { createHash } from 'node:crypto';

import type { EntityManager } from '@mikro-orm/postgresql';

import { ConflictError } from '@hrc/service-kit';

/** How long a key answers retries with its first result; after that it may be used afresh. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

export interface IdempotentRequest {
  /** The caller's organisation, or its subject: keys never cross organisations. */
  scope: string;
  key: string;
  /** The mutation field. */
  operation: string;
  /** The arguments, hashed: a retry must send the same ones. */
  body: unknown;
}

export type Claim = { claimed: true } | { claimed: false; result: unknown };

/** JSON with keys sorted, so the same arguments hash the same whatever order the client sent them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, each]) => each !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${canonical(each)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHashOf(operation: string, body: unknown): string {
  return createHash('sha256')
    .update(`${operation}\n${canonical(body)}`)
    .digest('hex');
}

function tableOf(em: EntityManager): string {
  return `"${em.config.get('schema')}"."idempotency_key"`;
}

/**
 * Claims a key for a request in one statement: a new key, or one older than the window, is taken for this request;
 * a key taken by the same request answers with its stored result; by another request, CONFLICT.
 */
export async function claimIdempotencyKey(em: EntityManager, request: IdempotentRequest): Promise<Claim> {
  const table = tableOf(em);
  const hash = requestHashOf(request.operation, request.body);
  const claimed = await em.getConnection().execute<Array<{ key: string }>>(
    `insert into ${table} (scope, key, operation, request_hash, result, created_at) values (?, ?, ?, ?, null, now())
     on conflict (scope, key) do update
       set operation = excluded.operation, request_hash = excluded.request_hash, result = null, created_at = now()
       where ${table}.created_at < now() - interval '${IDEMPOTENCY_WINDOW_HOURS} hours'
     returning key`,
    [request.scope, request.key, request.operation, hash],
  );
  if (claimed.length > 0) return { claimed: true };
  const [existing] = await em
    .getConnection()
    .execute<Array<{ operation: string; request_hash: string; result: unknown }>>(
      `select operation, request_hash, result from ${table} where scope = ? and key = ?`,
      [request.scope, request.key],
    );
  if (!existing || existing.request_hash !== hash) {
    throw new ConflictError(
      `This idempotency key was already used within ${IDEMPOTENCY_WINDOW_HOURS} hours for a different request` +
        `${existing ? ` (${existing.operation})` : ''}; use a new key for a new request`,
      { field: 'clientMutationId' },
    );
  }
  if (existing.result === null) {
    throw new ConflictError('The first request with this idempotency key is still running; retry in a moment', {
      field: 'clientMutationId',
    });
  }
  return { claimed: false, result: existing.result };
}

/** Stores the result a retry will get. */
export async function completeIdempotencyKey(
  em: EntityManager,
  request: Pick<IdempotentRequest, 'scope' | 'key'>,
  result: unknown,
): Promise<void> {
  await em
    .getConnection()
    .execute(`update ${tableOf(em)} set result = ?::jsonb where scope = ? and key = ?`, [
      JSON.stringify(result),
      request.scope,
      request.key,
    ]);
}

/** Frees a key whose request failed, so the caller's retry runs again (a failed request wrote nothing). */
export async function releaseIdempotencyKey(
  em: EntityManager,
  request: Pick<IdempotentRequest, 'scope' | 'key'>,
): Promise<void> {
  await em
    .getConnection()
    .execute(`delete from ${tableOf(em)} where scope = ? and key = ? and result is null`, [request.scope, request.key]);
}
