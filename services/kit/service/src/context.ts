import type { EntityManager } from '@mikro-orm/postgresql';

import type { Identity } from './identity';
import type { Logger } from './logger';

/** What every resolver receives: a forked EntityManager, per-request loaders, and the verified caller. */
export interface RequestContext<TLoaders = unknown> {
  em: EntityManager;
  identity: Identity;
  requestId: string;
  logger: Logger;
  loaders: TLoaders;
  /** The request's Idempotency-Key header, when the client sent one. */
  idempotencyKey?: string | null;
  /** Aborts when the caller goes away or the request's deadline passes; its statements are cancelled then. */
  signal: AbortSignal;
}
