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

export function developmentToken(secret: string, request: DevelopmentTokenRequest): Promise<string> {
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
