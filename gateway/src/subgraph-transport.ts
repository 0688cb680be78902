import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request } from 'undici';

/** The fetcher Apollo's data source calls for each subgraph request. */
export type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
/** What Apollo's data source reads of a subgraph's answer: a Response, or anything that answers as one does. */
export type SubgraphResponse = Awaited<ReturnType<Fetcher>>;

/** How the gateway makes one (already signed) HTTP call to a subgraph. */
export type SubgraphTransport = (url: string, init: RequestInit) => Promise<SubgraphResponse>;

/**
 * A subgraph's answer read whole, answering as a Response does for what Apollo's data source reads (status,
 * headers, `json()`, `text()`), without the WHATWG stream a Response wraps its body in: under load, building and
 * reading those streams took about 5 % of the gateway's time.
 */
export class SubgraphAnswer implements SubgraphResponse {
  readonly redirected = false;
  readonly url = '';
  private used = false;
  // Private at run time too: on a Response, `body` is a stream, and code treating this as one must not find a string.
  readonly #text: string;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    text: string,
  ) {
    this.#text = text;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  /** As a Response: the body is read once; a second read is a TypeError. */
  text(): Promise<string> {
    if (this.used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.used = true;
    return Promise.resolve(this.#text);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = new TextEncoder().encode(await this.text());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  clone(): SubgraphAnswer {
    if (this.used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new SubgraphAnswer(this.status, this.statusText, new Headers(this.headers), this.#text);
  }
}

/** The platform's fetch: WHATWG streams and a Request object per call. */
export const fetchTransport: SubgraphTransport = (url, init) => fetch(url, init);

/**
 * undici's `request` over one keep-alive agent: the same HTTP client fetch is built on, without fetch's WHATWG
 * layers (the gateway's profile under load showed a third of its time in fetch). The body is read whole, since the
 * gateway needs all of it, and handed on as a SubgraphAnswer.
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
    // As a Response: these statuses have no body.
    const bodiless = answer.statusCode === 204 || answer.statusCode === 205 || answer.statusCode === 304;
    return new SubgraphAnswer(answer.statusCode, answer.statusText, headers, bodiless ? '' : body);
  };
}
