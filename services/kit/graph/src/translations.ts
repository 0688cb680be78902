import { ArrayMaxSize, IsOptional, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Directive, Field, InputType, ObjectType } from 'type-graphql';

import { BCP47_PATTERN, type TranslatedText } from '@hrc/domain-kit';

@Directive('@shareable')
@ObjectType({ description: 'A text in one language' })
export class LocalizedText {
  @Field({ description: 'BCP 47 language tag' })
  lang!: string;

  @Field({ description: 'The text in that language' })
  text!: string;
}

@InputType({ description: 'A text in one language' })
export class LocalizedTextInput {
  @Field({ description: 'BCP 47 language tag, for example "ko" or "fr-CA"' })
  @Matches(BCP47_PATTERN, { message: 'lang must be a BCP 47 language tag' })
  lang!: string;

  @Field({ description: 'The text, 1 to 4000 characters' })
  @MinLength(1)
  @MaxLength(4000)
  text!: string;
}

/** An optional input list of translations of a text (`nameTranslations`, `titleTranslations`, …), each validated. */
export function TranslationsInputField(): PropertyDecorator {
  return (prototype, property) => {
    Field(() => [LocalizedTextInput], {
      nullable: true,
      description: 'Translations, at most one per language and 50 in all; a list given replaces the stored one',
    })(prototype, property);
    IsOptional()(prototype, property);
    ArrayMaxSize(50)(prototype, property);
    ValidateNested({ each: true })(prototype, property);
  };
}

export function toLocalizedTexts(translations: TranslatedText | null | undefined): LocalizedText[] {
  return Object.entries(translations ?? {}).map(([lang, text]) => ({ lang, text }));
}

export function fromLocalizedTexts(inputs: LocalizedTextInput[] | null | undefined): TranslatedText {
  return Object.fromEntries((inputs ?? []).map(({ lang, text }) => [lang, text]));
}

/**
 * Stores the translation lists an input gives (`titleTranslations`, …) on a record, as `{ lang: text }`; a list left
 * out keeps the stored translations.
 */
export function assignGivenTranslations<K extends string>(
  record: { [P in K]: TranslatedText },
  input: { [P in K]?: LocalizedTextInput[] | null },
  keys: readonly K[],
): void {
  for (const key of keys) {
    const given = input[key];
    if (given !== undefined) record[key] = fromLocalizedTexts(given);
  }
}
