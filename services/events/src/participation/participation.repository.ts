import type { EntityManager } from '@mikro-orm/postgresql';

import { visibilitySql } from '@hrc/domain-kit';
import { type Identity, isUuid, tableQuery, tableRef } from '@hrc/service-kit';

import { Event } from '../event/event.entity';

/** The accessibility needs a registration can state, counted by kind; free-text needs are counted, never shown. */
export const NEED_KINDS = [
  'wheelchair',
  'signLanguage',
  'captions',
  'supportPerson',
  'guideDog',
  'dietary',
  'other',
] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export interface ParticipationFigures {
  sessions: number;
  registered: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  organizations: number;
  organizationIds: string[];
  needs: Record<NeedKind, number>;
  feedbackCount: number;
  ratingCounts: number[];
  includesSampleData: boolean;
}

export function emptyParticipation(): ParticipationFigures {
  return {
    sessions: 0,
    registered: 0,
    waitlisted: 0,
    cancelled: 0,
    attended: 0,
    organizations: 0,
    organizationIds: [],
    needs: Object.fromEntries(NEED_KINDS.map((kind) => [kind, 0])) as Record<NeedKind, number>,
    feedbackCount: 0,
    ratingCounts: [0, 0, 0, 0, 0],
    includesSampleData: false,
  };
}

function needCondition(kind: NeedKind): string {
  if (kind === 'dietary' || kind === 'other') return `nullif(r.accessibility_needs->>'${kind}', '') is not null`;
  return `coalesce((r.accessibility_needs->>'${kind}')::boolean, false)`;
}

/**
 * Participation in many forum editions in two statements, whatever the number of editions, sessions or people: per
 * edition, the sessions the caller may read, their registrations by status, the distinct registering organisations,
 * accessibility needs counted by kind (of registrations that were not cancelled), and the ratings of their feedback.
 * Only counts leave this function: no name, email or individual need.
 */
export async function participationOfEditions(
  em: EntityManager,
  identity: Identity,
  editionIds: readonly string[],
): Promise<Map<string, ParticipationFigures>> {
  const figures = new Map(editionIds.map((id) => [id, emptyParticipation()]));
  const ids = editionIds.filter(isUuid);
  if (ids.length === 0) return figures;
  const knex = em.getKnex();
  const visibility = visibilitySql(identity, 'e');
  const needs = NEED_KINDS.map(
    (kind) => `(count(r.id) filter (where r.status <> 'CANCELLED' and ${needCondition(kind)}))::int as "need_${kind}"`,
  ).join(',\n');
  const rows = (await tableQuery(em, Event, 'e')
    .select(
      knex.raw(
        `e.edition_id::text as edition,
         count(distinct e.id)::int as sessions,
         (count(r.id) filter (where r.status = 'REGISTERED'))::int as registered,
         (count(r.id) filter (where r.status = 'WAITLISTED'))::int as waitlisted,
         (count(r.id) filter (where r.status = 'CANCELLED'))::int as cancelled,
         (count(r.id) filter (where r.status = 'ATTENDED'))::int as attended,
         coalesce(array_agg(distinct r.organization_id::text) filter (where r.status <> 'CANCELLED' and r.organization_id is not null), '{}') as organization_ids,
         bool_or(e.is_sample_data) as sample,
         ${needs}`,
      ),
    )
    .leftJoin(tableRef(em, 'Registration', 'r'), 'r.event_id', 'e.id')
    .whereRaw('e.edition_id = any(?)', [ids])
    .whereRaw(visibility.sql, visibility.bindings)
    .groupBy('e.edition_id')) as Array<Record<string, unknown>>;
  for (const row of rows) {
    const target = figures.get(row.edition as string);
    if (!target) continue;
    const organizationIds = (row.organization_ids as string[]).sort();
    Object.assign(target, {
      sessions: row.sessions,
      registered: row.registered,
      waitlisted: row.waitlisted,
      cancelled: row.cancelled,
      attended: row.attended,
      organizations: organizationIds.length,
      organizationIds,
      includesSampleData: row.sample,
      needs: Object.fromEntries(NEED_KINDS.map((kind) => [kind, row[`need_${kind}`] as number])),
    });
  }
  const ratings = (await tableQuery(em, 'Feedback', 'f')
    .join(tableRef(em, Event, 'e'), 'e.id', 'f.event_id')
    .select(knex.raw('e.edition_id::text as edition, f.rating, count(*)::int as total'))
    .whereRaw('e.edition_id = any(?)', [ids])
    .whereRaw(visibility.sql, visibility.bindings)
    .groupBy('e.edition_id', 'f.rating')) as Array<{ edition: string; rating: number; total: number }>;
  for (const row of ratings) {
    const target = figures.get(row.edition);
    if (!target || row.rating < 1 || row.rating > 5) continue;
    target.ratingCounts[row.rating - 1] = row.total;
    target.feedbackCount += row.total;
  }
  return figures;
}
