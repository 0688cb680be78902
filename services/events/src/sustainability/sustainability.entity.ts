import { randomUUID } from 'node:crypto';

import { Check, Entity, EntityRepositoryType, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

import { Event } from '../event/event.entity';
import { ForumEdition } from '../forum-edition/forum-edition.entity';
import { SustainabilityChecklistRepository } from './sustainability.repository';

/** The state of one checklist item; items not stored are not done and have no evidence. */
export interface ChecklistItemState {
  done: boolean;
  evidence: string | null;
}

/**
 * The stored state of an edition's or an event's sustainability checklist. The items themselves are the forum's
 * fixed list (checklist-items.ts), so only their state is stored, keyed by item code.
 */
@Entity({ tableName: 'sustainability_checklist', repository: () => SustainabilityChecklistRepository })
@Check({ name: 'sustainability_checklist_one_owner', expression: '(edition_id is null) <> (event_id is null)' })
export class SustainabilityChecklistRecord {
  [EntityRepositoryType]?: SustainabilityChecklistRepository;

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ForumEdition, {
    mapToPk: true,
    nullable: true,
    fieldName: 'edition_id',
    deleteRule: 'cascade',
    unique: true,
  })
  editionId: string | null = null;

  @ManyToOne(() => Event, { mapToPk: true, nullable: true, fieldName: 'event_id', deleteRule: 'cascade', unique: true })
  eventId: string | null = null;

  @Property({ type: 'json' })
  items: Opt<Record<string, ChecklistItemState>> = {};

  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
