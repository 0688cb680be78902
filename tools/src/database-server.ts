import { type EmbeddedPostgres, startEmbeddedPostgres } from '@hrc/dev-kit';

import type { ToolsConfig } from './config';

export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL, whose data survives restarts. */
export async function openDatabaseServer(config: ToolsConfig, log: (line: string) => void): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const { dataDir, port } = config.embeddedPostgres;
  log(`starting embedded PostgreSQL in ${dataDir} on ${port === 0 ? 'a free port' : `port ${port}`}`);
  const server: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  if (port === 0) log(`embedded PostgreSQL ready on port ${server.port}`);
  return { url: server.url, embedded: true, stop: () => server.stop() };
}
