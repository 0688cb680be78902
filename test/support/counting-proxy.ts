import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of one subgraph that counts the calls reaching it and, while held, keeps them waiting, so a test
 * can have calls overlap at the gateway without timing anything.
 */
export class CountingProxy {
  /** Bodies of the calls that reached the proxy, in order. */
  readonly bodies: string[] = [];
  private held = false;
  private readonly waiting: Array<() => void> = [];
  private server?: http.Server;

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.bodies.push(body);
        const forward = async () => {
          try {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(request.headers)) {
              if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) {
                headers[name] = value;
              }
            }
            const answer = await fetch(this.target, { method: request.method, headers, body });
            const forwarded: Record<string, string> = {};
            for (const name of ['content-type', 'cache-control']) {
              const value = answer.headers.get(name);
              if (value) forwarded[name] = value;
            }
            response.writeHead(answer.status, forwarded);
            response.end(await answer.text());
          } catch {
            response.writeHead(502).end();
          }
        };
        if (this.held) this.waiting.push(() => void forward());
        else void forward();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    for (const forward of this.waiting.splice(0)) forward();
  }

  /** Calls whose body contains `text`. */
  count(text: string): number {
    return this.bodies.filter((body) => body.includes(text)).length;
  }

  async close(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The value of a Prometheus counter (summed over the series matching `labels`) from a /metrics page. */
export async function counterValue(metricsUrl: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) {
      if (labels && !line.includes(labels)) continue;
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

export async function eventually(check: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the condition never held');
}
