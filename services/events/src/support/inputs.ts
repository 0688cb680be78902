import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { Field } from 'type-graphql';

import { LocalizedTextInput } from '@hrc/graph-kit';

/*
 * An input field shape every subgraph repeats; it belongs in @hrc/graph-kit next to `LocalizedTextInput`.
 */

/** An optional list of translations on an input type: at most 50 languages, each one validated. */
export function TranslationsField(): PropertyDecorator {
  return (prototype, property) => {
    ValidateNested({ each: true })(prototype, property);
    ArrayMaxSize(50)(prototype, property);
    IsOptional()(prototype, property);
    Field(() => [LocalizedTextInput], { nullable: true })(prototype, property);
  };
}
