import type { AuditRecord } from '@hrc/domain-kit';

import { ChangeOperation, changeOf } from '../src';

function write(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditRecord {
  return {
    entityType: 'Policy',
    entityId: 'p1',
    occurredAt: new Date('2026-11-01T00:00:00Z'),
    before,
    after,
  } as AuditRecord;
}

test.each([
  ['created by the secretariat', null, { status: 'PUBLISHED' }, ChangeOperation.PUBLISHED],
  ['approved', { status: 'SUBMITTED' }, { status: 'PUBLISHED' }, ChangeOperation.PUBLISHED],
  ['a public record changed', { status: 'PUBLISHED' }, { status: 'PUBLISHED' }, ChangeOperation.UPDATED],
  ['withdrawn', { status: 'PUBLISHED' }, { status: 'WITHDRAWN' }, ChangeOperation.WITHDRAWN],
  ['a record without review status, created', null, { name: 'Gwangju' }, ChangeOperation.PUBLISHED],
  [
    'a record without review status, changed',
    { name: 'Gwangju' },
    { name: 'Gwangju Metropolitan City' },
    ChangeOperation.UPDATED,
  ],
])('%s is %s for the public', (_label, before, after, operation) => {
  expect(changeOf(write(before, after)).operation).toBe(operation);
});
