import { ConfigurationError } from './errors';

interface RunningService {
  close(): Promise<void>;
  /** Where the service listens, once it does. */
  listeningAddress?(): { port: number } | undefined;
}

/** What a service started by a launcher (npm start) sends it over IPC once it listens: the port it bound. */
export interface ListeningMessage {
  type: 'listening';
  port: number;
}

/**
 * Starts a service and stops it cleanly on SIGTERM or SIGINT. A configuration error prints one line naming
 * the variable and exits with code 1.
 */
export async function runService(name: string, start: () => Promise<RunningService>): Promise<void> {
  let service: RunningService;
  try {
    service = await start();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${name}: ${error.message}\n`);
    } else {
      process.stderr.write(`${name}: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    }
    process.exit(1);
  }
  // A launcher that asked for port 0 learns the port bound, with no race between choosing a port and binding it.
  const address = service.listeningAddress?.();
  if (address && process.send) process.send({ type: 'listening', port: address.port } satisfies ListeningMessage);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${name}: ${signal} received, shutting down\n`);
    try {
      await service.close();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`${name}: shutdown failed: ${String(error)}\n`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
