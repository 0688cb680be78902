import { randomUUID } from 'node:crypto';

import {
  ArrayType,
  Entity,
  EntityRepositoryType,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Opt,
} from '@mikro-orm/core';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

import { Theme, type TranslatedText } from '@hrc/domain-kit';
import { ContributedRecord } from '@hrc/graph-kit';
import { SearchVectorProperty, withTranslations, type SearchDocument } from '@hrc/service-kit';

import { City } from '../city/city.entity';
import { PolicyStage, UnMechanism } from './policy.enums';
import { PolicyRepository } from './policy.repository';

/** A link from a policy to a UN human rights recommendation it answers, as recorded in the UHRI. */
@ObjectType({ description: 'A UN human rights recommendation the policy answers' })
export class UnRecommendationLink {
  @Field(() => UnMechanism, { description: 'The UN mechanism that made the recommendation' })
  mechanism!: UnMechanism;

  @Field(() => String, {
    nullable: true,
    description: 'The treaty body or special procedure (for example "CRPD"), or the State under review for the UPR',
  })
  body!: string | null;

  @Field(() => Int, { nullable: true, description: 'The UPR cycle, for the UPR' })
  cycle!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The recommendation as numbered by the mechanism, e.g. "123.45"',
  })
  recommendation!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The record in the Universal Human Rights Index (uhri.ohchr.org)',
  })
  uhriUrl!: string | null;
}

/** Title and translations weigh more than the summary in search ranking. */
function searchDocument(policy: Policy): SearchDocument {
  return {
    A: withTranslations(policy.title, policy.titleTranslations),
    B: withTranslations(policy.summary, policy.summaryTranslations),
  };
}

@ObjectType({ description: "A city's human rights policy: an ordinance, charter, plan, office or programme" })
@Entity({ tableName: 'policy', repository: () => PolicyRepository })
// Keyset orders and nested pages: the default order of the policy list, newest adoption first; policies by title; policies by last change; a city's policies, page and count; an organisation's policies, page and count; a city's and an organisation's policies by title and by last change.
// The per-parent indexes of the default order also carry the columns visibility filters on, so a count per parent
// reads only the index.
@Index({
  name: 'policy_adopted_id_index',
  expression: `create index "policy_adopted_id_index" on "cities"."policy" ((coalesce("adopted_on", make_date("adopted_in", 1, 1), '0001-01-01'::date)), "id")`,
})
@Index({
  name: 'policy_lower_title_id_index',
  expression: `create index "policy_lower_title_id_index" on "cities"."policy" (lower("title"), "id")`,
})
@Index({ properties: ['updatedAt', 'id'] })
@Index({
  name: 'policy_city_adopted_id_covering_index',
  expression: `create index "policy_city_adopted_id_covering_index" on "cities"."policy" ("city_id", (coalesce("adopted_on", make_date("adopted_in", 1, 1), '0001-01-01'::date)), "id") include ("status", "contributed_by")`,
})
@Index({
  name: 'policy_contributed_by_adopted_id_covering_index',
  expression: `create index "policy_contributed_by_adopted_id_covering_index" on "cities"."policy" ("contributed_by", (coalesce("adopted_on", make_date("adopted_in", 1, 1), '0001-01-01'::date)), "id") include ("status")`,
})
@Index({
  name: 'policy_city_lower_title_id_index',
  expression: `create index "policy_city_lower_title_id_index" on "cities"."policy" ("city_id", lower("title"), "id")`,
})
@Index({ properties: ['cityId', 'updatedAt', 'id'] })
@Index({
  name: 'policy_contributed_by_lower_title_id_index',
  expression: `create index "policy_contributed_by_lower_title_id_index" on "cities"."policy" ("contributed_by", lower("title"), "id")`,
})
@Index({ properties: ['contributedBy', 'updatedAt', 'id'] })
export class Policy extends ContributedRecord {
  [EntityRepositoryType]?: PolicyRepository;

  @Field(() => ID, { description: "The policy's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => City, { mapToPk: true, fieldName: 'city_id', deleteRule: 'cascade' })
  @Index()
  cityId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'json' })
  titleTranslations: Opt<TranslatedText> = {};

  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: 'json' })
  summaryTranslations: Opt<TranslatedText> = {};

  @Field(() => [Theme], { description: 'Human rights themes of the shared taxonomy; empty when none' })
  @Index({
    name: 'policy_themes_gin',
    expression: 'create index "policy_themes_gin" on "cities"."policy" using gin ("themes")',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  themes: Opt<Theme[]> = [];

  @Field(() => [Int], { description: 'UN Sustainable Development Goals, 1 to 17' })
  @Index({
    name: 'policy_sdgs_gin',
    expression: 'create index "policy_sdgs_gin" on "cities"."policy" using gin ("sdgs")',
  })
  @Property({ type: new ArrayType<number>((goal) => Number(goal)), columnType: 'smallint[]' })
  sdgs: Opt<number[]> = [];

  @Field(() => [String], {
    description: 'SDG targets the policy serves, for example "11.7" (one of the 169 official targets)',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  sdgTargets: Opt<string[]> = [];

  @Field(() => [UnRecommendationLink], {
    description: 'UN human rights recommendations the policy answers; contributed and reviewed with the policy',
  })
  @Property({ type: 'json' })
  unRecommendations: Opt<UnRecommendationLink[]> = [];

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Date of adoption; null when unknown or only the year is known',
  })
  @Property({ type: 'date', nullable: true })
  adoptedOn: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Year of adoption, when only the year is known' })
  @Property({ type: 'integer', nullable: true })
  adoptedIn: number | null = null;

  @Field(() => PolicyStage, { description: 'Where the policy stands: proposed, adopted, implemented or evaluated' })
  @Enum({ items: () => PolicyStage })
  stage: Opt<PolicyStage> = PolicyStage.ADOPTED;

  @Field(() => String, {
    nullable: true,
    description: 'Where the policy is published (http or https); null when unknown',
  })
  @Property({ type: 'text', nullable: true })
  sourceUrl: string | null = null;

  @Field(() => Boolean, {
    description: 'True when the policy is made-up sample or synthetic data rather than a real policy',
  })
  @Property({ type: 'boolean', default: false })
  isSampleData: Opt<boolean> = false;

  @SearchVectorProperty(searchDocument)
  searchVector: string | null = null;
}
