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
  log(`starting embedded PostgreSQL in ${config.embeddedPostgres.dataDir} on port ${config.embeddedPostgres.port}`);
  const server: EmbeddedPostgres = await startEmbeddedPostgres({
    dataDir: config.embeddedPostgres.dataDir,
    port: config.embeddedPostgres.port,
    persistent: true,
  });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}
