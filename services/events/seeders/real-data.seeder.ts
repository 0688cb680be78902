import type { EntityManager } from '@mikro-orm/postgresql';

import { cityIdFromSlug, ModerationStatus, organizationIdFromSlug } from '@hrc/domain-kit';

import { Event } from '../src/event/event.entity';
import { AccessibilityFeature, EventFormat, EventKind } from '../src/event/event.enums';
import { ForumEdition } from '../src/forum-edition/forum-edition.entity';
import { SustainabilityChecklistRecord } from '../src/sustainability/sustainability.entity';
import { SAMPLE_PROGRAMME_YEARS, SEED_EDITIONS, STEERING_COMMITTEE_MEETINGS_2023 } from './real-data';

const GWANGJU_TIME_ZONE = 'Asia/Seoul';

/** An instant from a local Gwangju date and time (Korea has had no daylight saving time since 1988). */
function seoulTime(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+09:00`);
}

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

interface SampleSession {
  kind: EventKind;
  title: string;
  day: 'first' | 'last';
  from: string;
  to: string;
  capacity: number;
}

const SAMPLE_SESSIONS: SampleSession[] = [
  { kind: EventKind.PLENARY, title: 'Opening plenary', day: 'first', from: '10:00', to: '12:00', capacity: 500 },
  {
    kind: EventKind.THEMATIC_SESSION,
    title: 'Thematic session on the forum theme',
    day: 'first',
    from: '14:00',
    to: '16:00',
    capacity: 120,
  },
  { kind: EventKind.PLENARY, title: 'Closing plenary', day: 'last', from: '15:00', to: '17:00', capacity: 500 },
];

/** Loads the forum editions, the 2023 steering committee meetings and labelled sample sessions; run once per database. */
export async function seedRealEventsData(em: EntityManager): Promise<void> {
  const gwangju = cityIdFromSlug('gwangju');
  const editions = new Map<number, ForumEdition>();
  for (const seed of SEED_EDITIONS) {
    const edition = em.create(ForumEdition, {
      number: seed.number,
      year: seed.year,
      theme: seed.theme,
      startsOn: seed.startsOn,
      endsOn: seed.endsOn,
      format: seed.format,
      timeZone: GWANGJU_TIME_ZONE,
      hostCityId: gwangju,
      note: seed.note ?? null,
    });
    editions.set(seed.year, edition);
  }

  for (const date of STEERING_COMMITTEE_MEETINGS_2023) {
    em.create(Event, {
      kind: EventKind.MEETING,
      title: 'World Human Rights Cities Forum steering committee meeting',
      description:
        'Steering committee meeting with domestic and overseas institutions, held online. The time of day is not recorded.',
      startsAt: seoulTime(date, '00:00'),
      endsAt: seoulTime(nextDay(date), '00:00'),
      allDay: true,
      timeZone: GWANGJU_TIME_ZONE,
      format: EventFormat.ONLINE,
      editionId: editions.get(2023)!.id,
      status: ModerationStatus.PUBLISHED,
    });
  }
  em.create(SustainabilityChecklistRecord, {
    editionId: editions.get(2023)!.id,
    items: {
      GOV_STEERING_COMMITTEE: {
        done: true,
        evidence: `Steering committee meetings held online on ${STEERING_COMMITTEE_MEETINGS_2023.join(' and ')}`,
      },
    },
  });

  const secretariat = organizationIdFromSlug('whrcf-secretariat');
  for (const year of SAMPLE_PROGRAMME_YEARS) {
    const edition = SEED_EDITIONS.find((seed) => seed.year === year)!;
    for (const session of SAMPLE_SESSIONS) {
      const date = session.day === 'first' ? edition.startsOn! : edition.endsOn!;
      em.create(Event, {
        kind: session.kind,
        title: `Sample session: ${session.title} (${year})`,
        description:
          `SAMPLE DATA: an illustrative session, not the real programme of the ${year} forum. ` +
          'Times, venue, capacity and accessibility details are placeholders.',
        startsAt: seoulTime(date, session.from),
        endsAt: seoulTime(date, session.to),
        timeZone: GWANGJU_TIME_ZONE,
        venue: 'Sample venue, Gwangju',
        isSampleData: true,
        format: EventFormat.IN_PERSON,
        hostCityId: gwangju,
        editionId: editions.get(year)!.id,
        contributedBy: secretariat,
        status: ModerationStatus.PUBLISHED,
        languages: ['ko', 'en'],
        interpretationLanguages: ['ko', 'en'],
        signLanguages: ['kvk'],
        accessibility: [
          AccessibilityFeature.WHEELCHAIR_ACCESS,
          AccessibilityFeature.SIGN_LANGUAGE,
          AccessibilityFeature.LIVE_CAPTIONS,
        ],
        capacity: session.capacity,
      });
    }
  }
  await em.flush();
}
