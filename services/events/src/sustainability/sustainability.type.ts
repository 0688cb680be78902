import { Field, Float, Int, ObjectType } from 'type-graphql';

import { CHECKLIST_ITEMS } from './checklist-items';
import type { SustainabilityChecklistRecord } from './sustainability.entity';
import { SustainabilitySector } from './sustainability.enums';

@ObjectType({ description: "One item of the forum's sustainability checklist" })
export class ChecklistItem {
  @Field({ description: 'Stable code of the item, for example HR_BARRIER_FREE' })
  code!: string;

  @Field(() => SustainabilitySector, { description: 'The sector the item belongs to' })
  sector!: SustainabilitySector;

  @Field({ description: 'What the item asks for' })
  label!: string;

  @Field({ description: 'Whether it was done' })
  done!: boolean;

  @Field(() => String, { nullable: true, description: 'What shows it was done: text or a URL' })
  evidence!: string | null;
}

@ObjectType({ description: "One sector's items and score" })
export class SectorScore {
  @Field(() => SustainabilitySector, { description: 'The sector' })
  sector!: SustainabilitySector;

  @Field(() => Float, { description: 'Done items divided by items, 0 to 1' })
  score!: number;

  @Field(() => Int, { description: 'How many of its items are done' })
  doneCount!: number;

  @Field(() => Int, { description: 'How many items it has' })
  itemCount!: number;

  @Field(() => [ChecklistItem], { description: 'Its items, in checklist order' })
  items!: ChecklistItem[];
}

@ObjectType({ description: "An edition's or an event's sustainability checklist, with a score per sector and overall" })
export class SustainabilityChecklist {
  @Field(() => Float, { description: 'Done items divided by all 16 items, 0 to 1' })
  score!: number;

  @Field(() => Int, { description: 'How many items are done' })
  doneCount!: number;

  @Field(() => Int, { description: 'How many items the checklist has (16)' })
  itemCount!: number;

  @Field(() => [SectorScore], { description: 'Each sector, with its items and score' })
  sectors!: SectorScore[];

  @Field(() => Int, {
    description: 'Quote this as expectedVersion when you update the checklist; 0 before its first update',
  })
  version!: number;
}

function ratio(done: number, total: number): number {
  return total === 0 ? 0 : Math.round((done / total) * 10_000) / 10_000;
}

/** Lays the stored state over the forum's fixed item list; an item with no stored state is not done. */
export function toChecklist(record: SustainabilityChecklistRecord | null): SustainabilityChecklist {
  const items: ChecklistItem[] = CHECKLIST_ITEMS.map((definition) => {
    const state = record?.items[definition.code];
    return { ...definition, done: state?.done ?? false, evidence: state?.evidence ?? null };
  });
  const sectors = Object.values(SustainabilitySector).map((sector) => {
    const sectorItems = items.filter((item) => item.sector === sector);
    const doneCount = sectorItems.filter((item) => item.done).length;
    return {
      sector,
      score: ratio(doneCount, sectorItems.length),
      doneCount,
      itemCount: sectorItems.length,
      items: sectorItems,
    };
  });
  const doneCount = items.filter((item) => item.done).length;
  return {
    score: ratio(doneCount, items.length),
    doneCount,
    itemCount: items.length,
    sectors,
    version: record?.version ?? 0,
  };
}
