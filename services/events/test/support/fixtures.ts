import { randomUUID } from 'node:crypto';

import type { TestSubgraph } from '@hrc/dev-kit/testing';
import { ANONYMOUS, type Identity } from '@hrc/service-kit';

/** The callers of the PII matrix: three partner organisations, liaison staff and the secretariat. */
export const ORGANIZER_ORG = randomUUID();
export const REGISTRANT_ORG = randomUUID();
export const OTHER_ORG = randomUUID();

export const callers = {
  anonymous: ANONYMOUS,
  organizer: { subject: 'organiser-user', organizationId: ORGANIZER_ORG, roles: ['partner'] },
  registrant: { subject: 'registrant-user', organizationId: REGISTRANT_ORG, roles: ['partner'] },
  otherPartner: { subject: 'other-user', organizationId: OTHER_ORG, roles: ['partner'] },
  liaison: { subject: 'liaison-user', organizationId: null, roles: ['liaison'] },
  secretariat: { subject: 'secretariat-user', organizationId: null, roles: ['secretariat'] },
} satisfies Record<string, Identity>;

export const CREATE_EVENT = `
  mutation ($input: CreateEventInput!) {
    createEvent(input: $input) { id version status }
  }`;

export interface EventOptions {
  capacity?: number | null;
  organizationId?: string | null;
  editionYear?: number;
  startsAt?: string;
  endsAt?: string;
  timeZone?: string;
  hostCityId?: string;
  title?: string;
}

/** Creates a published event as the secretariat, organised by `organizationId`. */
export async function createPublishedEvent(subgraph: TestSubgraph, options: EventOptions = {}) {
  const result = await subgraph.query<{ createEvent: { id: string; version: number; status: string } }>(
    CREATE_EVENT,
    {
      input: {
        kind: 'WORKSHOP',
        title: options.title ?? 'Accessible city workshop',
        startsAt: options.startsAt ?? '2031-05-20T01:00:00Z',
        endsAt: options.endsAt ?? '2031-05-20T03:00:00Z',
        timeZone: options.timeZone ?? 'Asia/Seoul',
        format: 'IN_PERSON',
        capacity: options.capacity === undefined ? 50 : options.capacity,
        organizationId: options.organizationId === undefined ? ORGANIZER_ORG : options.organizationId,
        editionYear: options.editionYear,
        hostCityId: options.hostCityId,
        languages: ['ko', 'en'],
      },
    },
    callers.secretariat,
  );
  if (!result.data?.createEvent) throw new Error(`createEvent failed: ${JSON.stringify(result.errors)}`);
  return result.data.createEvent;
}

export const REGISTER = `
  mutation ($input: RegisterForEventInput!) {
    registerForEvent(input: $input) { id status arrival version }
  }`;
