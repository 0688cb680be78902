import { createHash } from 'node:crypto';

/** The hub's own UUID v5 namespace; changing it would change every seeded organisation's id. */
const HUB_NAMESPACE = Buffer.from('6f1c2d3e4a5b4c6d8e9f0a1b2c3d4e5f', 'hex');

/**
 * A stable UUID (v5) derived from a slug, so seeded records keep their ids across databases and
 * `npm run token -- --org <slug>` can name an organisation without a database.
 */
export function stableIdFromSlug(kind: string, slug: string): string {
  const hash = createHash('sha1').update(HUB_NAMESPACE).update(`${kind}:${slug}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function organizationIdFromSlug(slug: string): string {
  return stableIdFromSlug('organization', slug);
}

export function cityIdFromSlug(slug: string): string {
  return stableIdFromSlug('city', slug);
}
