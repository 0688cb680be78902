import { Agent, request } from 'undici';

/** How the gateway makes one (already signed) HTTP call to a subgraph. */
export type SubgraphTransport = (url: string, init: RequestInit) => Promise<Response>;

/** The platform's fetch: WHATWG streams and a Request object per call. */
export const fetchTransport: SubgraphTransport = (url, init) => fetch(url, init);

/**
 * undici's `request` over one keep-alive agent: the same HTTP client fetch is built on, without fetch's WHATWG
 * layers (the gateway's profile under load showed a third of its time in fetch). The body is read whole, since the
 * gateway needs all of it, and handed on as a Response, the type Apollo's data source expects.
 */
export function undiciTransport(): SubgraphTransport {
  // Connections stay open between calls; keep-alive shorter than the subgraphs' own (Node's default 5 s, Fastify 72 s).
  const agent = new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 60_000 });
  return async (url, init) => {
    let answer;
    try {
      answer = await request(url, {
        dispatcher: agent,
        method: (init.method ?? 'GET') as 'GET' | 'POST',
        headers: init.headers as Record<string, string>,
        body: init.body as string | undefined,
        signal: init.signal ?? undefined,
      });
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason;
      // As fetch reports it: a TypeError is a subgraph that could not be reached.
      throw new TypeError('subgraph unreachable', { cause: error });
    }
    let body: string;
    try {
      body = await answer.body.text();
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason;
      // A subgraph that went away in the middle of its answer is unreachable too, as fetch reports it.
      throw new TypeError('subgraph unreachable', { cause: error });
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    }
    // A Response of these statuses may not have a body.
    const bodiless = answer.statusCode === 204 || answer.statusCode === 205 || answer.statusCode === 304;
    return new Response(bodiless ? null : body, { status: answer.statusCode, headers });
  };
}
