import { assertAllowed, assertVersion, insertAudited, revise, Rule } from '@hrc/domain-kit';
import { BadUserInputError, findByIdOrFail } from '@hrc/service-kit';

import { auditedWrite, type EventsWriteScope } from '../audit-catalogue';
import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { ForumEdition } from '../forum-edition/forum-edition.entity';
import { CHECKLIST_CODES } from './checklist-items';
import { type ChecklistItemState, SustainabilityChecklistRecord } from './sustainability.entity';
import type { ChecklistItemInput, UpdateSustainabilityChecklistArgs } from './sustainability.inputs';
import type { ChecklistOwner } from './sustainability.repository';

function assertKnownItems(items: ChecklistItemInput[]): void {
  for (const [index, item] of items.entries()) {
    if (!CHECKLIST_CODES.has(item.code))
      throw new BadUserInputError(`items.${index}.code`, 'is not an item of the checklist');
  }
}

/** The checklist's owner, once the caller may change its checklist: the secretariat for editions, the organiser or the secretariat for events. */
async function authorizedOwner(
  scope: EventsWriteScope,
  ctx: EventsContext,
  args: UpdateSustainabilityChecklistArgs,
): Promise<ChecklistOwner> {
  if (args.editionYear != null) {
    assertAllowed(Rule.SECRETARIAT, ctx.identity);
    return { editionId: (await scope.em.getRepository(ForumEdition).findByYearOrFail(args.editionYear)).id };
  }
  const event = await findByIdOrFail(scope.em, Event, args.eventId!);
  assertAllowed(Rule.OWNER, ctx.identity, [event.contributedBy]);
  return { eventId: event.id };
}

function withItems(
  stored: Record<string, ChecklistItemState>,
  items: ChecklistItemInput[],
): Record<string, ChecklistItemState> {
  const next = { ...stored };
  for (const item of items) next[item.code] = { done: item.done, evidence: item.evidence ?? null };
  return next;
}

/**
 * Marks checklist items of an edition or an event done or not, with evidence. A checklist is stored from its first
 * update on; before that its version is 0.
 */
export function updateSustainabilityChecklist(
  ctx: EventsContext,
  args: UpdateSustainabilityChecklistArgs,
): Promise<SustainabilityChecklistRecord> {
  if ((args.editionYear == null) === (args.eventId == null))
    throw new BadUserInputError('editionYear', 'give exactly one of editionYear or eventId');
  assertKnownItems(args.items);
  return auditedWrite(ctx, async (scope) => {
    const owner = await authorizedOwner(scope, ctx, args);
    const stored = await scope.em.getRepository(SustainabilityChecklistRecord).findOf(owner);
    if (!stored) {
      assertVersion('SustainabilityChecklist', { version: 0 }, args.expectedVersion);
      const record = scope.em.create(SustainabilityChecklistRecord, { ...owner, items: withItems({}, args.items) });
      return insertAudited(scope, 'SustainabilityChecklist', record);
    }
    return revise(scope, {
      entity: SustainabilityChecklistRecord,
      entityType: 'SustainabilityChecklist',
      id: stored.id,
      expectedVersion: args.expectedVersion,
      // The owner's rule was checked above: a checklist belongs to its edition or event.
      authorize: () => undefined,
      apply: (record) => {
        record.items = withItems(record.items, args.items);
      },
    });
  });
}
