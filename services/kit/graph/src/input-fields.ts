import { IsInt, IsOptional, IsUrl, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, Int } from 'type-graphql';

import { BCP47_PATTERN, ModerationStatus } from '@hrc/domain-kit';

/*
 * Input fields several input types declare alike: the GraphQL field and its validation, written once.
 */

/** An optional, nullable http(s) URL input, such as a website. */
export function OptionalUrlInputField(options: { description?: string } = {}): PropertyDecorator {
  return (prototype, property) => {
    Field(() => String, {
      nullable: true,
      description: options.description ?? 'An http(s) URL; null clears it',
    })(prototype, property);
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
    Field(() => String, {
      description: 'Lower-case words joined by hyphens, at most 100 characters, for example "gwangju"; never changes',
    })(prototype, property);
    Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by hyphens' })(
      prototype,
      property,
    );
    MaxLength(100)(prototype, property);
  };
}

/**
 * A contribution's title (a policy's, a programme's, an event's): 3 to 300 characters. Optional in a content input,
 * where leaving it out keeps the stored title; `required` where the record is created.
 */
export function TitleInputField(options: { required?: boolean } = {}): PropertyDecorator {
  return (prototype, property) => {
    Field(() => String, {
      nullable: !options.required,
      description: options.required
        ? 'The title in its original language, 3 to 300 characters'
        : 'The title in its original language, 3 to 300 characters; left out, it stays',
    })(prototype, property);
    if (!options.required) IsOptional()(prototype, property);
    MinLength(3)(prototype, property);
    MaxLength(300)(prototype, property);
  };
}

/** A list filter's free-text search: 1 to 200 characters. */
export function SearchFilterField(options: { description?: string } = {}): PropertyDecorator {
  return (prototype, property) => {
    Field(() => String, { nullable: true, description: options.description ?? 'Free text, 1 to 200 characters' })(
      prototype,
      property,
    );
    IsOptional()(prototype, property);
    MinLength(1)(prototype, property);
    MaxLength(200)(prototype, property);
  };
}

/** A list filter on a language, given as a BCP 47 tag such as "ko" or "fr-CA". */
export function LanguageFilterField(options: { description?: string } = {}): PropertyDecorator {
  return (prototype, property) => {
    Field(() => String, { nullable: true, description: options.description })(prototype, property);
    IsOptional()(prototype, property);
    Matches(BCP47_PATTERN, { message: `${String(property)} must be a BCP 47 language tag` })(prototype, property);
  };
}

/** A list filter on review status. It only narrows what the caller may read: visibility applies whatever it says. */
export function ModerationStatusFilterField(): PropertyDecorator {
  return Field(() => ModerationStatus, {
    nullable: true,
    description: 'Only records the caller may read are ever returned, whatever this says',
  });
}

/** One end of a statistics filter's year range: a calendar year from 1900 to 2100, inclusive; open when omitted. */
export function YearFilterField(options: { description: string }): PropertyDecorator {
  return (prototype, property) => {
    Field(() => Int, { nullable: true, description: options.description })(prototype, property);
    IsOptional()(prototype, property);
    IsInt()(prototype, property);
    Min(1900)(prototype, property);
    Max(2100)(prototype, property);
  };
}
