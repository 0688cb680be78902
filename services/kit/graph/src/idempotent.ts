import { Utils, wrap, type EntityClass } from '@mikro-orm/core';
import type { MiddlewareFn } from 'type-graphql';

import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '@hrc/domain-kit';
import { BadUserInputError, type RequestContext } from '@hrc/service-kit';

/** What is stored for a retry: the record's id, or a bulk payload with each row's record reduced to its id. */
type Receipt =
  | { kind: 'record'; id: unknown }
  | { kind: 'bulk'; payload: { rows: Array<{ record: string | null }> } & Record<string, unknown> };

const MAX_KEY_LENGTH = 255;

function receiptOf(result: unknown): Receipt {
  const value = result as { rows?: Array<{ record: { id: string } | null }> };
  if (Array.isArray(value.rows)) {
    return {
      kind: 'bulk',
      payload: { ...value, rows: value.rows.map((row) => ({ ...row, record: row.record?.id ?? null })) },
    };
  }
  // A use case may return a plain row it inserted without an entity (bulk inserts do): its id is the key.
  const record = result as { id?: unknown };
  const entity: boolean = Utils.isEntity(record);
  return { kind: 'record', id: entity ? wrap(record, true).getPrimaryKey() : record.id };
}

async function replay(ctx: RequestContext, entity: EntityClass<object>, receipt: Receipt): Promise<unknown> {
  if (receipt.kind === 'record') return ctx.em.findOneOrFail(entity, receipt.id as never);
  const ids = receipt.payload.rows.flatMap((row) => (row.record ? [row.record] : []));
  const records = new Map(
    (ids.length ? await ctx.em.find(entity, { id: { $in: ids } } as never) : []).map((record) => [
      (record as { id: string }).id,
      record,
    ]),
  );
  return {
    ...receipt.payload,
    rows: receipt.payload.rows.map((row) => ({
      ...row,
      record: row.record ? (records.get(row.record) ?? null) : null,
    })),
  };
}

function withoutKey(args: Record<string, unknown>): Record<string, unknown> {
  const input = args.input as Record<string, unknown> | undefined;
  if (!input || typeof input !== 'object' || !('clientMutationId' in input)) return args;
  const { clientMutationId: _key, ...rest } = input;
  return { ...args, input: rest };
}

/**
 * Makes a create or bulk mutation safe to retry. The key is the input's `clientMutationId`, or else the request's
 * `Idempotency-Key` header (scoped to the field's response key, so aliased mutations in one request each get their
 * own). Keys are kept per organisation in PostgreSQL for 24 hours: a retry with the same arguments gets the original
 * result (the records as they are now) and writes nothing; the same key with other arguments is a CONFLICT. A failed
 * request frees its key, since it wrote nothing.
 */
export function Idempotent(entity: EntityClass<object>): MiddlewareFn<RequestContext> {
  return async ({ args, context, info }, next) => {
    const given = (args.input as { clientMutationId?: string | null } | undefined)?.clientMutationId;
    const key = given ?? (context.idempotencyKey ? `${context.idempotencyKey}#${info.path.key}` : null);
    const { identity } = context;
    const scope = identity.organizationId ?? (identity.subject ? `subject:${identity.subject}` : null);
    if (!key || !scope) return next();
    if (key.length > MAX_KEY_LENGTH + 100 || (given ?? context.idempotencyKey ?? '').length > MAX_KEY_LENGTH) {
      throw new BadUserInputError('clientMutationId', `an idempotency key has at most ${MAX_KEY_LENGTH} characters`);
    }
    const request = { scope, key, operation: info.fieldName, body: withoutKey(args) };
    const claim = await claimIdempotencyKey(context.em, request);
    if (!claim.claimed) return replay(context, entity, claim.result as Receipt);
    try {
      const result: unknown = await next();
      await completeIdempotencyKey(context.em, request, receiptOf(result));
      return result;
    } catch (error) {
      await releaseIdempotencyKey(context.em, request);
      throw error;
    }
  };
}
