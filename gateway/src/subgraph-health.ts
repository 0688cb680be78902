import type { FastifyInstance } from '@hrc/service-kit';

export const SUBGRAPH_HEALTH_PATH = '/health/subgraphs';

/** How long a probe may take; a subgraph slower than this to answer /ready counts as down. */
const PROBE_TIMEOUT_MS = 2_000;

export interface SubgraphHealth {
  name: string;
  status: 'up' | 'down';
}

/** Asks one subgraph's /ready (open on every subgraph, unsigned) whether it serves. */
async function probe(name: string, graphqlUrl: string): Promise<SubgraphHealth> {
  try {
    const response = await fetch(new URL('/ready', graphqlUrl), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.arrayBuffer();
    return { name, status: response.ok ? 'up' : 'down' };
  } catch {
    return { name, status: 'down' };
  }
}

/**
 * GET /health/subgraphs: each subgraph's readiness, 200 when all are up and 503 when any is down. The gateway's own
 * /ready stays process-level, so one subgraph down does not take the gateway (and the other subgraphs' data) out of
 * a load balancer. Names only: subgraph addresses are internal.
 */
export function subgraphHealthRoute(subgraphUrls: Record<string, string>) {
  return (app: FastifyInstance) => {
    app.get(SUBGRAPH_HEALTH_PATH, async (_request, reply) => {
      const subgraphs = await Promise.all(Object.entries(subgraphUrls).map(([name, url]) => probe(name, url)));
      const up = subgraphs.every((subgraph) => subgraph.status === 'up');
      return reply.code(up ? 200 : 503).send({ status: up ? 'ok' : 'degraded', subgraphs });
    });
  };
}
