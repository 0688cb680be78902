import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startEmbeddedPostgres, type EmbeddedPostgres } from '@hrc/dev-kit';

declare global {
  var hubTestPostgres: EmbeddedPostgres | undefined;
}

/**
 * Gives every test a PostgreSQL server: the one DATABASE_URL names, or an embedded one started here for this
 * run only. Each test file then creates its own database on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-postgres-'));
  const server = await startEmbeddedPostgres({ dataDir, port: 0, persistent: false });
  globalThis.hubTestPostgres = server;
  process.env.DATABASE_URL = server.url;
}
