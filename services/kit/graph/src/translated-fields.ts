import { Arg, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';

import { localize, type TranslatedText } from '@hrc/domain-kit';

import { ResolveSynchronously } from './federation';
import { LocalizedText, toLocalizedTexts } from './translations';

export interface TranslatedField<T> {
  /** The original text's property, for example "title"; its translations live in "titleTranslations". */
  field: keyof T & string;
  nullable?: boolean;
  description?: string;
}

/**
 * `<field>(lang)` and `<field>Translations` for every translatable text of a type, written once: the text in the
 * requested language (BCP 47) or the original, and the list of translations.
 */
export function createTranslatedFieldsResolver<T extends object>(
  type: ClassType<T>,
  fields: Array<TranslatedField<T>>,
): Function {
  @Resolver(() => type)
  class TranslatedFieldsResolver {}
  const prototype = TranslatedFieldsResolver.prototype as unknown as Record<string, unknown>;

  for (const { field, nullable = false, description } of fields) {
    const translationsField = `${field}Translations`;
    // type-graphql finds a field resolver by its method name, so each method is named after its field.
    const inLanguage = (record: T, lang?: string | null): string | null => {
      const original = record[field] as unknown as string | null;
      return original === null
        ? null
        : localize(original, record[translationsField as keyof T] as unknown as TranslatedText, lang);
    };
    prototype[field] = inLanguage;
    // Every node of a page has a translated text, so it resolves without type-graphql's asynchronous argument handling.
    ResolveSynchronously((record, args: { lang?: string | null }) => inLanguage(record as T, args.lang))(
      prototype,
      field,
      Object.getOwnPropertyDescriptor(prototype, field)!,
    );
    Root()(prototype, field, 0);
    Arg('lang', () => String, { nullable: true, description: 'A BCP 47 language tag such as "ko" or "fr-CA"' })(
      prototype,
      field,
      1,
    );
    FieldResolver(() => String, {
      nullable,
      description:
        description ??
        `The ${field} in the requested language: the exact tag, then its primary language, then the original`,
    })(prototype, field, Object.getOwnPropertyDescriptor(prototype, field)!);

    prototype[translationsField] = (record: T) =>
      toLocalizedTexts(record[translationsField as keyof T] as unknown as TranslatedText);
    Root()(prototype, translationsField, 0);
    FieldResolver(() => [LocalizedText], { description: `Every translation of the ${field}, by language` })(
      prototype,
      translationsField,
      Object.getOwnPropertyDescriptor(prototype, translationsField)!,
    );
  }
  Object.defineProperty(TranslatedFieldsResolver, 'name', { value: `${type.name}TranslatedFieldsResolver` });
  return TranslatedFieldsResolver;
}
