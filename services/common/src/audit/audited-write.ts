import {
  ForeignKeyConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
  wrap,
  type EntityManager,
} from '@mikro-orm/postgresql';

import type { RequestContext } from '../context';
import { BadUserInputError, ConflictError, StaleVersionError } from '../errors';
import { AuditRecord } from './audit-record.entity';

export type AuditAction = 'CREATE' | 'UPDATE' | 'APPROVE' | 'REJECT' | 'WITHDRAW' | 'RESTORE' | 'DELETE';

export interface AuditedChange {
  action: AuditAction | string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface WriteScope {
  /** The transaction's EntityManager: everything persisted here commits with the audit records. */
  em: EntityManager;
  audit(change: AuditedChange): void;
}

/** A plain copy of an entity's columns for the audit trail's before and after values. */
export function snapshot(entity: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(wrap(entity).toPOJO())) as Record<string, unknown>;
}

/** Compares the version the writer read with the stored one; a mismatch is never a silent overwrite. */
export function assertVersion(entityType: string, entity: { version: number }, expectedVersion: number): void {
  if (entity.version !== expectedVersion) throw new StaleVersionError(entityType, expectedVersion, entity.version);
}

/**
 * Runs a write in one transaction with its audit records: the change and its trail commit together
 * or not at all. Database constraint failures become typed client errors.
 */
export async function auditedWrite<T>(ctx: RequestContext, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  try {
    return await ctx.em.transactional(async (em) => {
      const scope: WriteScope = {
        em,
        audit(change) {
          const record = em.create(AuditRecord, {
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
          em.persist(record);
        },
      };
      return work(scope);
    });
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      throw new ConflictError('The record changed while this write was in progress; read it again and retry', {
        field: 'expectedVersion',
      });
    }
    if (error instanceof UniqueConstraintViolationException) {
      throw new ConflictError(`A record with the same unique values already exists (${constraintOf(error)})`);
    }
    if (error instanceof ForeignKeyConstraintViolationException) {
      throw new BadUserInputError(constraintOf(error), 'refers to a record that does not exist');
    }
    throw error;
  }
}

function constraintOf(error: Error): string {
  return (error as { constraint?: string }).constraint ?? 'constraint';
}
