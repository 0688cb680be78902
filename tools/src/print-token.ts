import { parseArgs } from 'node:util';

import { type Role, ROLES } from '@hrc/service-kit';

import { loadToolsConfig } from './config';
import { DEFAULT_PARTNER_ORGANIZATION, developmentToken } from './development-tokens';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--org <organisation slug>] [--org-id <uuid>] [--subject <id>] [--expires <12h>]
Prints a development token (HS256, signed with JWT_SECRET or the development default) on its own line.
Partner tokens act for --org (default ${DEFAULT_PARTNER_ORGANIZATION}).`;

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      'org-id': { type: 'string' },
      subject: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.role || !(ROLES as readonly string[]).includes(values.role)) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const token = await developmentToken(loadToolsConfig().jwtSecret, {
    role: values.role as Role,
    organizationSlug: values.org,
    organizationId: values['org-id'],
    subject: values.subject,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
