import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ArrayMaxSize, IsOptional, IsUrl, Matches, MaxLength, ValidateNested } from 'class-validator';
import DataLoader from 'dataloader';
import { Field } from 'type-graphql';

import { BadUserInputError, isUuid } from '@hrc/service-kit';
import { LocalizedTextInput } from '@hrc/graph-kit';

/*
 * Graph-layer helpers the cities subgraph needs and the kit does not have yet. They name no cities type, so they can
 * move to @hrc/graph-kit unchanged (see the issue 9 report); until then they live here, written once.
 */

/**
 * Records by one unique property (`id`, `slug`, `code`), one SELECT per batch; a key with no record, one that fails
 * `validKey` (a malformed uuid) or a record the caller may not read (`readable`) loads as null.
 */
export function recordLoader<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  property: keyof T & string,
  options: { validKey?: (key: string) => boolean; readable?: (record: T) => boolean } = {},
): DataLoader<string, T | null> {
  const { validKey = () => true, readable = () => true } = options;
  return new DataLoader(async (keys) => {
    const found = await em.find(entity, { [property]: { $in: keys.filter(validKey) } } as FilterQuery<T>);
    const byKey = new Map(found.filter(readable).map((record) => [String(record[property]), record]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Loaders of a type with two keys, a uuid `id` and a `slug`. */
export interface IdAndSlugLoaders<T> {
  byId: DataLoader<string, T | null>;
  bySlug: DataLoader<string, T | null>;
}

export function idAndSlugLoaders<T extends { id: string; slug: string }>(em: EntityManager, entity: EntityClass<T>): IdAndSlugLoaders<T> {
  return { byId: recordLoader(em, entity, 'id', { validKey: isUuid }), bySlug: recordLoader(em, entity, 'slug') };
}

/** A record asked for by exactly one of its two keys, `id` or `slug`; both or neither is BAD_USER_INPUT. */
export function loadByIdOrSlug<T>(
  loaders: IdAndSlugLoaders<T>,
  id: string | null | undefined,
  slug: string | null | undefined,
): Promise<T | null> {
  if ((id === undefined || id === null) === (slug === undefined || slug === null)) {
    throw new BadUserInputError('id', 'give exactly one of id or slug');
  }
  return id ? loaders.byId.load(id) : loaders.bySlug.load(slug!);
}

/** An optional input list of translations of a text (`nameTranslations`, `titleTranslations`, …), each validated. */
export function TranslationsInputField(): PropertyDecorator {
  return (prototype, property) => {
    Field(() => [LocalizedTextInput], { nullable: true })(prototype, property);
    IsOptional()(prototype, property);
    ArrayMaxSize(50)(prototype, property);
    ValidateNested({ each: true })(prototype, property);
  };
}

/** An optional, nullable http(s) URL input, such as a website. */
export function OptionalUrlInputField(options: { description?: string } = {}): PropertyDecorator {
  return (prototype, property) => {
    Field(() => String, { nullable: true, description: options.description })(prototype, property);
    IsOptional()(prototype, property);
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true },
      { message: `${String(property)} must be an http(s) URL` },
    )(prototype, property);
  };
}

/** A new record's slug: lower-case words joined by hyphens, as in "gwangju" or "etc-graz". */
export function SlugInputField(): PropertyDecorator {
  return (prototype, property) => {
    Field(() => String)(prototype, property);
    Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by hyphens' })(prototype, property);
    MaxLength(100)(prototype, property);
  };
}
