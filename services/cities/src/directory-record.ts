import { randomUUID } from 'node:crypto';

import { Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

import { type TranslatedText } from '@hrc/domain-kit';
import { VersionedRecord } from '@hrc/graph-kit';

/**
 * The columns an entry of the network's directory (a city, an organisation) carries: a uuid, a URL-safe slug, and a
 * name with its translations, served through `name(lang)` and `nameTranslations`. The @ObjectType lets subclasses
 * inherit the fields; it is never a type of its own in the schema.
 */
@ObjectType()
export abstract class DirectoryRecord extends VersionedRecord {
  @Field(() => ID, { description: "Stable UUID; a city's, and a seeded organisation's, derives from its slug" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Stable, URL-safe identifier, for example "gwangju" or "etc-graz"' })
  @Property({ type: 'text', unique: true })
  slug!: string;

  /** The original name. */
  @Property({ type: 'text' })
  @Index()
  name!: string;

  @Property({ type: 'json' })
  nameTranslations: Opt<TranslatedText> = {};
}
