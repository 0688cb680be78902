import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Marks a seed as loaded, so a restart never loads it twice. */
@Entity({ tableName: 'seed_run' })
export class SeedRun {
  @PrimaryKey({ type: 'text' })
  name: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  appliedAt: Date = new Date();

  constructor(name: string) {
    this.name = name;
  }
}
