import { assertAllowed, insertAudited, Rule } from '@hrc/domain-kit';
import { BadUserInputError, findByIdOrFail } from '@hrc/service-kit';

import { auditedWrite } from '../audit-catalogue';
import type { EventsContext } from '../context';
import { Registration } from '../registration/registration.entity';
import { SEAT_HOLDING_STATUSES } from '../registration/registration.enums';
import { Feedback } from './feedback.entity';
import type { SubmitFeedbackInput } from './feedback.inputs';

/**
 * Evaluates an event for one registration that holds a seat, by the registering organisation or the secretariat;
 * a second evaluation of the same registration is a CONFLICT.
 */
export function submitFeedback(ctx: EventsContext, input: SubmitFeedbackInput): Promise<Feedback> {
  return auditedWrite(ctx, async (scope) => {
    const registration = await findByIdOrFail(scope.em, Registration, input.registrationId);
    assertAllowed(Rule.OWNER, ctx.identity, [registration.organizationId]);
    if (!SEAT_HOLDING_STATUSES.includes(registration.status)) {
      throw new BadUserInputError('registrationId', 'only registered participants can evaluate an event');
    }
    const feedback = scope.em.create(Feedback, {
      eventId: registration.eventId,
      registrationId: registration.id,
      organizationId: registration.organizationId,
      rating: input.rating,
      comment: input.comment ?? null,
    });
    return insertAudited(scope, 'Feedback', feedback);
  });
}
