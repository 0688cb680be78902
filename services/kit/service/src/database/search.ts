import { Index, Property } from '@mikro-orm/core';
import { FullTextType } from '@mikro-orm/postgresql';

/** The weighted parts of a search document: 'A' words (a title) rank above 'B' words (the rest). */
export type SearchDocument = Record<'A' | 'B', string>;

/** A text and every translation of it, as words for a search document. */
export function withTranslations(
  text: string | null,
  translations: Readonly<Record<string, string>> | null | undefined,
): string {
  return [text ?? '', ...Object.values(translations ?? {})].join(' ');
}

/**
 * A full-text search column (a GIN-indexed tsvector) computed from `document` on every write. It is never loaded
 * unless asked for and never serialised; repositories search it with `search_vector @@ websearch_to_tsquery(…)`.
 */
export function SearchVectorProperty<T extends object>(document: (record: T) => SearchDocument): PropertyDecorator {
  return (prototype, property) => {
    Property<T>({
      type: FullTextType,
      nullable: true,
      lazy: true,
      hidden: true,
      onCreate: document,
      onUpdate: document,
    })(prototype, String(property));
    Index<T, string>({ type: 'fulltext' })(prototype as T, String(property) as never);
  };
}
