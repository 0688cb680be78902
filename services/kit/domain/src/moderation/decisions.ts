import { BadUserInputError, ConflictError, type Identity } from '@hrc/service-kit';

import { Rule, assertAllowed } from '../authorization/policy';
import { ModerationStatus, applyPendingChanges, type Contribution } from './moderation';

export enum ModerationDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  WITHDRAW = 'WITHDRAW',
  RESTORE = 'RESTORE',
}

interface Transition {
  /** Statuses the decision applies to; 'any-but-withdrawn' for a withdrawal. */
  from: readonly ModerationStatus[] | 'any-but-withdrawn';
  to: ModerationStatus;
  /** Who may take it: the contributor may withdraw its own record; everything else is the secretariat's. */
  rule: Rule;
}

export const TRANSITIONS: Record<ModerationDecision, Transition> = {
  [ModerationDecision.APPROVE]: {
    from: [ModerationStatus.SUBMITTED],
    to: ModerationStatus.PUBLISHED,
    rule: Rule.SECRETARIAT,
  },
  [ModerationDecision.REJECT]: {
    from: [ModerationStatus.SUBMITTED],
    to: ModerationStatus.REJECTED,
    rule: Rule.SECRETARIAT,
  },
  [ModerationDecision.WITHDRAW]: { from: 'any-but-withdrawn', to: ModerationStatus.WITHDRAWN, rule: Rule.OWNER },
  [ModerationDecision.RESTORE]: {
    from: [ModerationStatus.WITHDRAWN],
    to: ModerationStatus.PUBLISHED,
    rule: Rule.SECRETARIAT,
  },
};

/** A decision's reason is required to reject: the contributor must be able to act on it. */
export function assertReasonGiven(decision: ModerationDecision, reason: string | null | undefined): void {
  if (decision === ModerationDecision.REJECT && !reason) {
    throw new BadUserInputError('reason', 'a rejection needs a reason the contributor can act on');
  }
}

/** Who may take `decision` on `record`; throws FORBIDDEN or UNAUTHENTICATED. */
export function authorizeDecision(identity: Identity, decision: ModerationDecision, record: Contribution): void {
  assertAllowed(TRANSITIONS[decision].rule, identity, [record.contributedBy]);
}

/**
 * Applies a review decision to a record. Approving or rejecting a published record with a held edit applies or drops
 * the edit and keeps the record public; every other decision moves the status along its transition, or is a CONFLICT.
 */
export function applyDecision(
  record: Contribution,
  decision: ModerationDecision,
  reason: string | null | undefined,
  typeName: string,
): void {
  const transition = TRANSITIONS[decision];
  const reviewsHeldEdit =
    record.status === ModerationStatus.PUBLISHED &&
    record.pendingChanges !== null &&
    (decision === ModerationDecision.APPROVE || decision === ModerationDecision.REJECT);
  const allowed =
    reviewsHeldEdit ||
    (transition.from === 'any-but-withdrawn'
      ? record.status !== ModerationStatus.WITHDRAWN
      : transition.from.includes(record.status));
  if (!allowed) {
    throw new ConflictError(`A ${record.status} ${typeName} cannot take the decision ${decision}`, {
      field: 'decision',
    });
  }
  if (reviewsHeldEdit) {
    // The published version stays public either way; approval applies the held edit, rejection drops it.
    if (decision === ModerationDecision.APPROVE) applyPendingChanges(record);
    else record.pendingChanges = null;
  } else {
    record.status = transition.to;
  }
  record.rejectionReason = decision === ModerationDecision.REJECT ? reason! : null;
}
