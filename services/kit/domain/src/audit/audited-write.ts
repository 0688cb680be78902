import {
  ForeignKeyConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
  wrap,
  type EntityManager,
} from '@mikro-orm/postgresql';

import { BadUserInputError, ConflictError, insertRows, StaleVersionError, type RequestContext } from '@hrc/service-kit';

import { AuditRecord } from './audit-record.entity';
import { assertCatalogued, type AuditCatalogue, type AuditedChange } from './catalogue';

export interface WriteScope<C extends AuditCatalogue = AuditCatalogue> {
  /** The transaction's EntityManager: everything persisted here commits with the audit records. */
  em: EntityManager;
  audit(change: AuditedChange<C>): void;
}

/** A plain copy of an entity's columns for the audit trail's before and after values. */
export function snapshot(entity: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(wrap(entity).toPOJO())) as Record<string, unknown>;
}

/** Compares the version the writer read with the stored one; a mismatch is never a silent overwrite. */
export function assertVersion(entityType: string, entity: { version: number }, expectedVersion: number): void {
  if (entity.version !== expectedVersion) throw new StaleVersionError(entityType, expectedVersion, entity.version);
}

/** The columns a write fills in an audit record; the id and the transaction id are the database's. */
const AUDIT_RECORD_PROPERTIES = [
  'occurredAt',
  'actorSubject',
  'actorOrganizationId',
  'actorRoles',
  'action',
  'entityType',
  'entityId',
  'before',
  'after',
  'requestId',
] as const satisfies ReadonlyArray<keyof AuditRecord>;

export type AuditedWrite<C extends AuditCatalogue> = <T>(
  ctx: RequestContext,
  work: (scope: WriteScope<C>) => Promise<T>,
) => Promise<T>;

/**
 * Makes a subgraph's write runner: each write runs in one transaction with its audit records, so the change and its
 * trail commit together or not at all. Database constraint failures become typed client errors.
 */
export function auditedWriter<C extends AuditCatalogue>(catalogue: C): AuditedWrite<C> {
  return async (ctx, work) => {
    try {
      return await ctx.em.transactional(async (em) => {
        // Inserted together after the work, in one statement: a bulk write of 1,000 rows audits 1,000 records
        // without 1,000 entities in the unit of work, and without 1,000 snapshots escaped into the SQL text.
        const pending: Array<Record<(typeof AUDIT_RECORD_PROPERTIES)[number], unknown>> = [];
        const scope: WriteScope<C> = {
          em,
          audit(change) {
            assertCatalogued(catalogue, change.entityType, change.action);
            pending.push({
              occurredAt: new Date(),
              actorSubject: ctx.identity.subject,
              actorOrganizationId: ctx.identity.organizationId,
              actorRoles: [...ctx.identity.roles],
              action: change.action,
              entityType: change.entityType,
              entityId: change.entityId,
              before: change.before ?? null,
              after: change.after ?? null,
              requestId: ctx.requestId,
            });
          },
        };
        const result = await work(scope);
        await em.flush();
        await insertRows(em, AuditRecord, AUDIT_RECORD_PROPERTIES, pending);
        return result;
      });
    } catch (error) {
      throw asClientError(error);
    }
  };
}

function asClientError(error: unknown): unknown {
  if (error instanceof OptimisticLockError) {
    return new ConflictError('The record changed while this write was in progress; read it again and retry', {
      field: 'expectedVersion',
    });
  }
  if (error instanceof UniqueConstraintViolationException) {
    // The constraint's name means nothing to a client; use cases that can name the record in the way check first.
    return new ConflictError('A record with the same unique values already exists');
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    return new BadUserInputError(constraintOf(error), 'refers to a record that does not exist');
  }
  return error;
}

function constraintOf(error: Error): string {
  return (error as { constraint?: string }).constraint ?? 'constraint';
}
