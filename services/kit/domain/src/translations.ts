/** Text by BCP 47 language tag, beside the original text of a field. */
export type TranslatedText = Record<string, string>;

/** A loose BCP 47 check: language, optional script, region and variants. */
export const BCP47_PATTERN = /^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|\d{3}))?(-[a-zA-Z0-9]{5,8})*$/;

/**
 * Picks the best text for a requested language: the exact tag, then its primary language ("ko-KR" -> "ko"),
 * then the original.
 */
export function localize(
  original: string,
  translations: TranslatedText | null | undefined,
  lang?: string | null,
): string {
  if (!lang || !translations) return original;
  const wanted = lang.toLowerCase();
  const byTag = new Map(Object.entries(translations).map(([tag, text]) => [tag.toLowerCase(), text]));
  return byTag.get(wanted) ?? byTag.get(wanted.split('-')[0]!) ?? original;
}
