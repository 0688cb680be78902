import { assertAllowed, assignGiven, insertAudited, revise, Rule } from '@hrc/domain-kit';
import { assignGivenTranslations } from '@hrc/graph-kit';
import { assertNoNulls, BadUserInputError, isUuid } from '@hrc/service-kit';

import { auditedWrite } from '../audit-catalogue';
import type { EventsContext } from '../context';
import { isTimeZone } from '../time-zone';
import { ForumEdition } from './forum-edition.entity';
import type {
  CreateForumEditionInput,
  ForumEditionContentInput,
  UpdateForumEditionInput,
} from './forum-edition.inputs';

/** Checks and applies an edition's content; throws BAD_USER_INPUT before anything is flushed. */
function applyContent(edition: ForumEdition, input: ForumEditionContentInput): void {
  assertNoNulls(input, ['number', 'format', 'timeZone', 'themeTranslations']);
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    throw new BadUserInputError('timeZone', 'must be an IANA time zone such as "Asia/Seoul"');
  }
  if (input.hostCityId !== undefined && !isUuid(input.hostCityId))
    throw new BadUserInputError('hostCityId', 'must be a City id');
  assignGiven(edition, input, ['number', 'theme', 'startsOn', 'endsOn', 'format', 'timeZone', 'hostCityId', 'note']);
  assignGivenTranslations(edition, input, ['themeTranslations']);
  if (edition.startsOn && edition.endsOn && edition.endsOn < edition.startsOn) {
    throw new BadUserInputError('endsOn', 'must not be before startsOn');
  }
  for (const [field, date] of [
    ['startsOn', edition.startsOn],
    ['endsOn', edition.endsOn],
  ] as const) {
    if (date && Number(date.slice(0, 4)) !== edition.year)
      throw new BadUserInputError(field, `must fall in ${edition.year}`);
  }
}

/** Adds a forum edition; the secretariat manages editions, so they need no review. */
export function createForumEdition(ctx: EventsContext, input: CreateForumEditionInput): Promise<ForumEdition> {
  return auditedWrite(ctx, (scope) => {
    const edition = scope.em.create(ForumEdition, {
      year: input.year,
      number: input.number,
      format: input.format,
      hostCityId: input.hostCityId,
    });
    applyContent(edition, input);
    return insertAudited(scope, 'ForumEdition', edition);
  });
}

/** Changes the forum edition of a year. */
export function updateForumEdition(
  ctx: EventsContext,
  year: number,
  expectedVersion: number,
  input: UpdateForumEditionInput,
): Promise<ForumEdition> {
  return auditedWrite(ctx, async (scope) =>
    revise(scope, {
      entity: ForumEdition,
      entityType: 'ForumEdition',
      id: (await scope.em.getRepository(ForumEdition).findByYearOrFail(year)).id,
      expectedVersion,
      authorize: () => assertAllowed(Rule.SECRETARIAT, ctx.identity),
      apply: (edition) => applyContent(edition, input),
    }),
  );
}
