import { validateSync } from 'class-validator';
import { InputType } from 'type-graphql';

import { assignGivenTranslations, LocalizedTextInput, TranslationsInputField } from '../src';

@InputType()
class TitleInput {
  @TranslationsInputField()
  titleTranslations?: LocalizedTextInput[] | null;
}

function text(lang: string, value: string): LocalizedTextInput {
  return Object.assign(new LocalizedTextInput(), { lang, text: value });
}

/** The properties class-validator names, nested ones with their path. */
function invalidProperties(input: TitleInput): string[] {
  const paths = (errors: ReturnType<typeof validateSync>, prefix: string): string[] =>
    errors.flatMap((error) => {
      const path = prefix ? `${prefix}.${error.property}` : error.property;
      return [...(error.constraints ? [path] : []), ...paths(error.children ?? [], path)];
    });
  return paths(validateSync(input), '');
}

describe('an input list of translations', () => {
  test('may be left out or empty', () => {
    expect(invalidProperties(new TitleInput())).toEqual([]);
    expect(invalidProperties(Object.assign(new TitleInput(), { titleTranslations: [] }))).toEqual([]);
  });

  test('validates every translation', () => {
    const input = Object.assign(new TitleInput(), {
      titleTranslations: [text('ko', '광주'), text('not a tag!', 'x'), text('fr', '')],
    });
    expect(invalidProperties(input)).toEqual(['titleTranslations.1.lang', 'titleTranslations.2.text']);
  });

  test('holds at most 50 languages', () => {
    const input = Object.assign(new TitleInput(), {
      titleTranslations: Array.from({ length: 51 }, () => text('ko', '광주')),
    });
    expect(invalidProperties(input)).toEqual(['titleTranslations']);
  });
});

describe('translations given by an input', () => {
  test('are stored by language; a list left out keeps the stored ones, an empty list clears them', () => {
    const record = {
      titleTranslations: { ko: '옛 제목' },
      summaryTranslations: { fr: 'Résumé' },
      notesTranslations: { en: 'Notes' },
    };
    assignGivenTranslations(
      record,
      { titleTranslations: [text('ko', '새 제목'), text('en', 'New title')], notesTranslations: [] },
      ['titleTranslations', 'summaryTranslations', 'notesTranslations'],
    );
    expect(record).toEqual({
      titleTranslations: { ko: '새 제목', en: 'New title' },
      summaryTranslations: { fr: 'Résumé' },
      notesTranslations: {},
    });
  });
});
