import { ConfigurationError } from '@hrc/service-kit';

import { loadToolsConfig } from './config';
import { openDatabaseServer, type DatabaseServer } from './database-server';
import { DEFAULT_PARTNER_ORGANIZATION, developmentToken } from './development-tokens';
import { ephemeralPorts, registryPorts, startHubProcesses, type RunningHub } from './hub-processes';

function log(line: string) {
  process.stdout.write(`[hub] ${line}\n`);
}

/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), every subgraph and the gateway, each in its own
 * process. Subgraphs migrate and load the real seed once; a subgraph that crashes is restarted with backoff; SIGINT or
 * SIGTERM stops everything, PostgreSQL last.
 */
async function main() {
  const config = loadToolsConfig();
  let hub: RunningHub | undefined;
  let database: DatabaseServer | undefined;
  let stopping = false;

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    await hub?.stop();
    if (database?.embedded) {
      log('stopping embedded PostgreSQL');
      await database.stop().catch(() => undefined);
    }
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    database = await openDatabaseServer(config, log);
    hub = startHubProcesses({
      databaseUrl: database.url,
      // GATEWAY_PORT=0: every service on a free port it reports back (tests run beside a developer's hub this way).
      ports: config.gatewayPort === 0 ? ephemeralPorts() : registryPorts(config.gatewayPort, config.subgraphPortOffset),
      log,
      // One crashed subgraph must not stop the hub: it is started again while the gateway serves the others.
      restartSubgraphs: true,
      onUnexpectedExit(name, code) {
        log(`${name} exited unexpectedly (code ${code})`);
        void stopAll(1);
      },
    });
    await hub.ready;
    const tokens = await Promise.all(
      (['partner', 'liaison', 'secretariat'] as const).map(async (role) => [
        role,
        await developmentToken(config.jwtSecret, { role }),
      ]),
    );
    process.stdout.write(
      [
        '',
        `The hub is running: ${hub.gatewayUrl.replace('127.0.0.1', 'localhost')}`,
        '',
        'Development tokens (send as "Authorization: Bearer <token>"; valid 12 hours):',
        ...tokens.map(
          ([role, token]) =>
            `  ${role}${role === 'partner' ? ` (${DEFAULT_PARTNER_ORGANIZATION})` : ''}:\n    ${token}`,
        ),
        '',
        'More: npm run token -- --role partner --org <organisation slug>. Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    // A signal during start-up stops the services on purpose; only a failure is worth printing.
    if (!stopping)
      process.stderr.write(
        `[hub] ${error instanceof ConfigurationError ? error.message : error instanceof Error ? error.stack : String(error)}\n`,
      );
    await stopAll(1);
  }
}

void main();
