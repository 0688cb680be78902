import { randomUUID } from 'node:crypto';

import { ArrayType, Entity, EntityRepositoryType, Enum, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';

import { Theme, type TranslatedText } from '@hrc/domain-kit';
import { ContributedRecord } from '@hrc/graph-kit';

import { ProgramAudience, ProgramFormat } from './program.enums';
import { ProgramRepository } from './program.repository';

/**
 * A human rights education programme. The provider is the contributing organisation, so `providerId` always
 * equals `contributedBy` and the kit's visibility rules apply unchanged.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A human rights education programme offered by a partner organisation in a city' })
@Entity({ tableName: 'program', repository: () => ProgramRepository })
// Keyset orders and nested pages: the default order of the programme list, by title; programmes by last change; a city's programmes; a provider's programmes; a city's and a provider's programmes by last change.
// The per-parent indexes of the default order also carry the columns visibility filters on, so a count per parent
// reads only the index.
@Index({
  name: 'program_lower_title_id_index',
  expression: `create index "program_lower_title_id_index" on "education"."program" (lower("title"), "id")`,
})
@Index({ properties: ['updatedAt', 'id'] })
@Index({
  name: 'program_city_lower_title_id_covering_index',
  expression: `create index "program_city_lower_title_id_covering_index" on "education"."program" ("city_id", lower("title"), "id") include ("status", "contributed_by")`,
})
@Index({
  name: 'program_provider_lower_title_id_covering_index',
  expression: `create index "program_provider_lower_title_id_covering_index" on "education"."program" ("provider_id", lower("title"), "id") include ("status", "contributed_by")`,
})
@Index({ properties: ['cityId', 'updatedAt', 'id'] })
@Index({ properties: ['providerId', 'updatedAt', 'id'] })
export class Program extends ContributedRecord {
  [EntityRepositoryType]?: ProgramRepository;

  @Field(() => ID, { description: "The programme's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** An `Organization` id in the cities subgraph; served as `provider`. */
  @Property({ type: 'uuid' })
  @Index()
  providerId!: string;

  /** A `City` id in the cities subgraph; served as `city`. */
  @Property({ type: 'uuid' })
  @Index()
  cityId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'json' })
  titleTranslations: Opt<TranslatedText> = {};

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'json' })
  descriptionTranslations: Opt<TranslatedText> = {};

  @Field(() => [ProgramAudience], { description: 'Who the programme is for; at least one' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  audiences: Opt<ProgramAudience[]> = [];

  @Field(() => [Theme], { description: 'Human rights themes it teaches; empty when none' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  themes: Opt<Theme[]> = [];

  @Field(() => [String], { description: 'BCP 47 tags of the languages the programme is taught in' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  languages: Opt<string[]> = [];

  @Field(() => ProgramFormat, { description: 'In person, online or blended' })
  @Enum({ items: () => ProgramFormat })
  format: Opt<ProgramFormat> = ProgramFormat.IN_PERSON;

  @Field(() => Float, { nullable: true, description: 'Teaching hours; null when unknown' })
  @Property({ type: 'double', nullable: true })
  durationHours: number | null = null;

  @Field(() => [String], { description: 'What participants learn, one statement each; empty when none is recorded' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  learningOutcomes: Opt<string[]> = [];
}
