import { IsOptional, IsUrl, Matches, MaxLength } from 'class-validator';
import { Field } from 'type-graphql';

/*
 * Input fields several input types declare alike: the GraphQL field and its validation, written once.
 */

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
