import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import type { Logger } from './logger';

export interface PoolStatistics {
  used: number;
  free: number;
  pendingAcquires: number;
}

/** One registry per process, exposed on GET /metrics in Prometheus text format. */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation'>;
  private readonly duration: Histogram<'operation'>;
  private readonly errors: Counter<'operation' | 'code'>;

  constructor(service: string, poolStatistics?: () => PoolStatistics | undefined) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'hub_graphql_requests_total',
      help: 'GraphQL operations received, by operation name',
      labelNames: ['operation'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'hub_graphql_request_duration_seconds',
      help: 'GraphQL operation duration, by operation name',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'hub_graphql_errors_total',
      help: 'GraphQL errors returned, by operation name and extensions.code',
      labelNames: ['operation', 'code'],
      registers: [this.registry],
    });
    if (poolStatistics) {
      new Gauge({
        name: 'hub_db_pool_connections',
        help: 'Database pool connections by state',
        labelNames: ['state'],
        registers: [this.registry],
        collect() {
          const stats = poolStatistics();
          if (!stats) return;
          this.set({ state: 'used' }, stats.used);
          this.set({ state: 'free' }, stats.free);
          this.set({ state: 'pending' }, stats.pendingAcquires);
        },
      });
    }
  }

  /** Counts, times and logs every operation; unexpected errors are logged with their request id. */
  plugin(): ApolloServerPlugin<{ requestId?: string; logger?: Logger }> {
    return {
      requestDidStart: async () => {
        const stopTimer = this.duration.startTimer();
        return {
          willSendResponse: async ({ operationName, errors, contextValue }) => {
            const operation = operationName ?? 'anonymous';
            this.requests.inc({ operation });
            const seconds = stopTimer({ operation });
            contextValue.logger?.info(
              { operation, durationMs: Math.round(seconds * 1000), errors: errors?.length ?? 0 },
              'operation completed',
            );
            for (const error of errors ?? []) {
              const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
              this.errors.inc({ operation, code });
              if (code === 'INTERNAL_SERVER_ERROR') {
                contextValue.logger?.error({ err: error.originalError ?? error, operation }, 'operation failed');
              }
            }
          },
        };
      },
    };
  }
}
