import { Matches, MaxLength, MinLength } from 'class-validator';
import { Directive, Field, InputType, ObjectType } from 'type-graphql';

import { BCP47_PATTERN, type TranslatedText } from '@hrc/domain-kit';

@Directive('@shareable')
@ObjectType({ description: 'A text in one language' })
export class LocalizedText {
  @Field({ description: 'BCP 47 language tag' })
  lang!: string;

  @Field()
  text!: string;
}

@InputType()
export class LocalizedTextInput {
  @Field({ description: 'BCP 47 language tag, for example "ko" or "fr-CA"' })
  @Matches(BCP47_PATTERN, { message: 'lang must be a BCP 47 language tag' })
  lang!: string;

  @Field()
  @MinLength(1)
  @MaxLength(4000)
  text!: string;
}

export function toLocalizedTexts(translations: TranslatedText | null | undefined): LocalizedText[] {
  return Object.entries(translations ?? {}).map(([lang, text]) => ({ lang, text }));
}

export function fromLocalizedTexts(inputs: LocalizedTextInput[] | null | undefined): TranslatedText {
  return Object.fromEntries((inputs ?? []).map(({ lang, text }) => [lang, text]));
}
