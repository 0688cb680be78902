import { DownloadError } from './graph';

/** A query parameter a download takes into its GraphQL filter; enums are checked by GraphQL against the schema. */
export interface Parameter {
  name: string;
  kind: 'int' | 'text';
}

/** Parameters every download takes beside its filter. */
const COMMON = new Set(['hxl']);

/** The filter a download's query parameters describe; an unknown, repeated or malformed one is the caller's mistake. */
export function filterOf(
  query: Record<string, unknown>,
  parameters: Parameter[],
  extra: string[] = [],
): Record<string, string | number> {
  const filter: Record<string, string | number> = {};
  for (const [name, raw] of Object.entries(query)) {
    if (COMMON.has(name) || extra.includes(name)) continue;
    const parameter = parameters.find((candidate) => candidate.name === name);
    if (!parameter) {
      const known = parameters.map((candidate) => candidate.name).join(', ');
      throw new DownloadError(
        400,
        `Unknown parameter "${name}"; this download takes ${known || 'none'}`,
        name,
        {},
        String(raw),
      );
    }
    if (typeof raw !== 'string') throw new DownloadError(400, `The parameter "${name}" may be given once`, name);
    if (parameter.kind === 'int') {
      if (!/^-?\d{1,9}$/.test(raw.trim())) {
        throw new DownloadError(400, `The parameter "${name}" must be a whole number, not "${raw}"`, name, {}, raw);
      }
      filter[name] = Number(raw.trim());
    } else {
      if (raw.trim() === '') throw new DownloadError(400, `The parameter "${name}" must not be empty`, name);
      filter[name] = raw.trim();
    }
  }
  return filter;
}

/** `?hxl=1` (or true) adds the HXL hashtag row; anything else there is a mistake worth saying. */
export function wantsHxl(query: Record<string, unknown>): boolean {
  const value = query.hxl;
  if (value === undefined) return false;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new DownloadError(400, 'The parameter "hxl" must be 1 or 0', 'hxl', {}, String(value));
}
