import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import type { Logger } from './logger';

export interface PoolStatistics {
  used: number;
  free: number;
  pendingAcquires: number;
}

/** How many distinct operation names get their own label; later names count under `other`. */
export const MAX_OPERATION_LABELS = 100;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Operation names are chosen by clients, so as labels they would grow the registry without bound: only the first
 * MAX_OPERATION_LABELS well-formed names seen get their own series, the rest share `other`.
 */
export class OperationLabels {
  private readonly known = new Set<string>();

  constructor(private readonly limit = MAX_OPERATION_LABELS) {}

  labelOf(operationName: string | null | undefined): string {
    if (!operationName) return 'anonymous';
    if (this.known.has(operationName)) return operationName;
    if (!OPERATION_NAME.test(operationName) || this.known.size >= this.limit) return 'other';
    this.known.add(operationName);
    return operationName;
  }
}

/** One registry per process, served in Prometheus text format on the internal metrics port. */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operationLabels = new OperationLabels();
  private readonly requests: Counter<'operation'>;
  private readonly duration: Histogram<'operation'>;
  private readonly errors: Counter<'operation' | 'code'>;

  constructor(service: string, poolStatistics?: () => PoolStatistics | undefined) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'hub_graphql_requests_total',
      help: 'GraphQL operations received, by operation name (bounded; the rest count as other)',
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

  /**
   * Counts, times and logs one finished operation: one `info` line of small fields (the operation name cut to 100
   * characters, the duration, the error count and any `extra` the caller adds), never the document, the variables or
   * the answer. Unexpected errors are logged with their request id. The GraphQL plugin and the gateway's answers from
   * its response cache both end here, so every operation is logged once.
   */
  operationCompleted(parts: {
    operationName: string | null | undefined;
    seconds: number;
    errors?: ReadonlyArray<{ extensions?: Record<string, unknown>; originalError?: unknown }>;
    logger?: Logger;
    extra?: Record<string, string | number | boolean>;
  }): void {
    const operation = this.operationLabels.labelOf(parts.operationName);
    this.requests.inc({ operation });
    this.duration.observe({ operation }, parts.seconds);
    parts.logger?.info(
      {
        operation: parts.operationName?.slice(0, 100) ?? 'anonymous',
        durationMs: Math.round(parts.seconds * 1000),
        errors: parts.errors?.length ?? 0,
        ...parts.extra,
      },
      'operation completed',
    );
    for (const error of parts.errors ?? []) {
      const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
      this.errors.inc({ operation, code });
      if (code === 'INTERNAL_SERVER_ERROR') {
        parts.logger?.error({ err: error.originalError ?? error, operation }, 'operation failed');
      }
    }
  }

  /** Counts, times and logs every operation (see `operationCompleted`). */
  plugin(): ApolloServerPlugin<{ requestId?: string; logger?: Logger }> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ operationName, errors, contextValue }) => {
            this.operationCompleted({
              operationName,
              seconds: Number(process.hrtime.bigint() - started) / 1e9,
              errors,
              logger: contextValue.logger,
            });
          },
        };
      },
    };
  }
}
