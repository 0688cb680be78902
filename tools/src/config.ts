import path from 'node:path';

import { z } from 'zod';

import { GATEWAY_PORT } from '@hrc/registry';
import { DEVELOPMENT_JWT_SECRET, type EnvironmentSource, parseEnvironment, secret } from '@hrc/service-kit';

import { DATA_DIR } from './paths';

export const toolsEnvironmentSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL')
      .optional(),
    /** 0: a free port, reported when the embedded PostgreSQL is ready. */
    EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
    EMBEDDED_POSTGRES_DIR: z.string().min(1).default(path.join(DATA_DIR, 'postgres')),
    /** 0: every service on a free port, reported back by each process (see startHubProcesses). */
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    SUBGRAPH_PORT_OFFSET: z.coerce.number().int().min(0).max(60000).optional(),
    JWT_SECRET: secret.optional(),
  })
  .transform((env) => ({
    databaseUrl: env.DATABASE_URL,
    embeddedPostgres: { port: env.EMBEDDED_POSTGRES_PORT, dataDir: env.EMBEDDED_POSTGRES_DIR },
    gatewayPort: env.GATEWAY_PORT ?? GATEWAY_PORT,
    /** Added to each subgraph's usual port, to run a second hub beside the first (tests do). */
    subgraphPortOffset: env.SUBGRAPH_PORT_OFFSET ?? 0,
    /** Ports the caller chose; the load benchmark picks free ones for the rest, so it runs beside `npm start`. */
    chosenPorts: { gateway: env.GATEWAY_PORT, subgraphOffset: env.SUBGRAPH_PORT_OFFSET },
    jwtSecret: env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
  }));

export type ToolsConfig = z.output<typeof toolsEnvironmentSchema>;

/** The only reader of the environment for the developer commands. */
export function loadToolsConfig(environment: EnvironmentSource = process.env): ToolsConfig {
  return parseEnvironment(toolsEnvironmentSchema, environment);
}

/** What the commands pass on to the processes they start: the environment as it is, plus overrides. */
export function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
