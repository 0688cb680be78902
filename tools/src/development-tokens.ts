import { SEED_ORGANIZATIONS } from '@hrc/cities';
import { mintToken } from '@hrc/dev-kit';
import { organizationIdFromSlug } from '@hrc/domain-kit';
import { type Role } from '@hrc/service-kit';

/** The organisation development partner tokens act for, unless told otherwise. */
export const DEFAULT_PARTNER_ORGANIZATION = 'gwangju-metropolitan-city';

export interface DevelopmentTokenRequest {
  role: Role;
  organizationSlug?: string;
  organizationId?: string;
  subject?: string;
  expiresIn?: string;
}

/** The organisations a development hub has: the real seed's. Others are named by --org-id. */
export const KNOWN_ORGANIZATION_SLUGS: readonly string[] = SEED_ORGANIZATIONS.map((organization) => organization.slug);

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Known slugs close to a mistyped one: a few edits away, or sharing a word with it; closest first. */
export function closeOrganizationSlugs(slug: string, known: readonly string[] = KNOWN_ORGANIZATION_SLUGS): string[] {
  const words = new Set(
    slug
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length >= 3),
  );
  return known
    .map((candidate) => ({ candidate, distance: editDistance(slug.toLowerCase(), candidate) }))
    .filter(
      ({ candidate, distance }) =>
        distance <= Math.max(3, Math.floor(candidate.length / 3)) ||
        candidate.split('-').some((word) => words.has(word)),
    )
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 5)
    .map(({ candidate }) => candidate);
}

/** Refuses a slug no organisation of the seed has, naming the close matches; a token for it would act for nobody. */
export function assertKnownOrganization(slug: string): void {
  if (KNOWN_ORGANIZATION_SLUGS.includes(slug)) return;
  const close = closeOrganizationSlugs(slug);
  throw new Error(
    `No organisation has the slug "${slug}".` +
      (close.length ? ` Did you mean: ${close.join(', ')}?` : ` Known: ${KNOWN_ORGANIZATION_SLUGS.join(', ')}.`) +
      ' For an organisation created after the seed, pass its id with --org-id.',
  );
}

export async function developmentToken(secret: string, request: DevelopmentTokenRequest): Promise<string> {
  if (request.organizationSlug && !request.organizationId) assertKnownOrganization(request.organizationSlug);
  const organizationId =
    request.organizationId ??
    (request.organizationSlug || request.role === 'partner'
      ? organizationIdFromSlug(request.organizationSlug ?? DEFAULT_PARTNER_ORGANIZATION)
      : null);
  return mintToken(secret, {
    roles: [request.role],
    organizationId,
    subject: request.subject ?? `dev-${request.role}${request.organizationSlug ? `-${request.organizationSlug}` : ''}`,
    expiresIn: request.expiresIn ?? '12h',
  });
}
