import { Counter, type Registry } from 'prom-client';

import { IDENTITY_HEADER, type IdentityEnvelope } from '@hrc/service-kit';

import { SubgraphAnswer, type SubgraphTransport } from './subgraph-transport';

/** What a shared subgraph answer is kept as: every caller gets its own SubgraphAnswer built from it. */
interface SharedAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

interface InFlight {
  key: string;
  answer: Promise<SharedAnswer>;
  /** Callers still waiting; when every one of them has gone away, the one real call is aborted. */
  waiting: number;
  abort: AbortController;
}

/** The fields of the identity header that decide what a subgraph answers (the request id and time do not). */
function identityClassOf(identityHeader: string | undefined): string {
  if (!identityHeader) return 'public';
  try {
    const envelope = JSON.parse(Buffer.from(identityHeader, 'base64url').toString('utf8')) as Partial<IdentityEnvelope>;
    return JSON.stringify([envelope.sub ?? null, envelope.org ?? null, envelope.roles ?? []]);
  } catch {
    // Unreadable: never share it with anyone.
    return `unique:${crypto.randomUUID()}`;
  }
}

/**
 * A subgraph operation the gateway wrote is a query when its text starts with `query` or `{`; anything else
 * (mutations, subscriptions) is never shared, since each must run once per caller.
 */
export function isQueryText(query: string | undefined): boolean {
  if (!query) return false;
  const start = query.trimStart();
  return start.startsWith('{') || /^query\b/.test(start);
}

/**
 * In-flight deduplication of identical subgraph queries: while one call for (URL, body, identity class) is under way,
 * identical calls wait for its answer instead of making their own. It wraps the *unsigned* call, so only the one real
 * call is signed (a signed POST's nonce is accepted once). The identity class is the whole identity (subject,
 * organisation, roles) minus the request id and time, so a partner's view is never handed to the public or to another
 * partner. Only answers being fetched are shared; nothing is kept afterwards (that is the response cache's job).
 */
export class SubgraphDeduplication {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly fetches: Counter<'outcome'>;

  constructor(registry: Registry) {
    this.fetches = new Counter({
      name: 'hub_gateway_subgraph_query_fetches_total',
      help: 'Subgraph query fetches: sent (a real call) or shared (answered by an identical call already in flight)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  /** Makes the call through `send`, or joins an identical one in flight. `signal` is this caller's own. */
  async fetch(
    url: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
    send: SubgraphTransport,
  ): Promise<SubgraphAnswer> {
    const headers = init.headers as Record<string, string>;
    const key = `${url}\n${identityClassOf(headers[IDENTITY_HEADER])}\n${String(init.body)}`;
    let entry = this.inFlight.get(key);
    if (entry) {
      this.fetches.inc({ outcome: 'shared' });
    } else {
      this.fetches.inc({ outcome: 'sent' });
      const abort = new AbortController();
      const created: InFlight = {
        key,
        abort,
        waiting: 0,
        answer: send(url, { ...init, signal: abort.signal })
          .then(async (response) => ({
            status: response.status,
            statusText: response.statusText,
            headers: [...response.headers],
            body: await response.text(),
          }))
          .finally(() => {
            if (this.inFlight.get(key) === created) this.inFlight.delete(key);
          }),
      };
      entry = created;
      this.inFlight.set(key, entry);
    }
    return this.wait(entry, signal);
  }

  private async wait(entry: InFlight, signal: AbortSignal | undefined): Promise<SubgraphAnswer> {
    entry.waiting += 1;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      entry.waiting -= 1;
      if (entry.waiting === 0) {
        // Nobody wants this answer any more: a later identical call must not join a call being aborted.
        if (this.inFlight.get(entry.key) === entry) this.inFlight.delete(entry.key);
        entry.abort.abort(signal?.reason);
      }
    };
    try {
      const answer = await (signal
        ? new Promise<SharedAnswer>((resolve, reject) => {
            if (signal.aborted) {
              reject(signal.reason);
              return;
            }
            const onAbort = () => reject(signal.reason);
            signal.addEventListener('abort', onAbort, { once: true });
            entry.answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
          })
        : entry.answer);
      return new SubgraphAnswer(answer.status, answer.statusText, new Headers(answer.headers), answer.body);
    } catch (error) {
      leave();
      throw error;
    } finally {
      if (!left) {
        left = true;
        entry.waiting -= 1;
      }
    }
  }
}
