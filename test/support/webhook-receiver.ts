import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a receiver got, and what it answered. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  receivedAt: bigint;
  data: { entityId: string; entityType: string; action: string; organizationId: string | null; [key: string]: unknown };
}

/** A POST whose answer is still being decided (its `answer` returned a promise). */
export interface OpenWebhook {
  path: string;
  data: ReceivedWebhook['data'];
  /** The sender closed the connection before it got an answer (it gave up on the attempt). */
  abandoned: boolean;
  answered: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Every POST as it arrives, before it is answered; `received` records it once answered. */
  arrived: OpenWebhook[];
  /** Those answered 2xx. */
  accepted(path?: string): ReceivedWebhook[];
  /** Waits (polling, up to `timeoutMs`) until `condition` holds on what was received. */
  until(condition: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP endpoint on 127.0.0.1 that records every POST. `answer` decides each status from the request and how
 * many attempts of the same webhook-id came before it (0 for the first); it may return a promise to hold the answer
 * open until the test decides.
 */
export async function startWebhookReceiver(
  answer: (request: { path: string; webhookId: string; previousAttempts: number }) => number | Promise<number> = () =>
    200,
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const arrived: OpenWebhook[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const webhookId = String(request.headers['webhook-id']);
      const path = request.url ?? '/';
      const previousAttempts = received.filter((entry) => entry.headers['webhook-id'] === webhookId).length;
      let data: ReceivedWebhook['data'];
      try {
        data = (JSON.parse(body) as { data: ReceivedWebhook['data'] }).data;
      } catch {
        data = { entityId: '', entityType: '', action: '', organizationId: null };
      }
      const open: OpenWebhook = { path, data, abandoned: false, answered: false };
      arrived.push(open);
      response.on('close', () => {
        if (!response.writableEnded) open.abandoned = true;
      });
      void Promise.resolve(answer({ path, webhookId, previousAttempts })).then((status) => {
        open.answered = true;
        received.push({ path, headers: request.headers, body, status, receivedAt: process.hrtime.bigint(), data });
        if (response.destroyed) return;
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'try again later');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    arrived,
    accepted: (path) => received.filter((entry) => entry.status < 300 && (!path || entry.path === path)),
    async until(condition, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!condition(received)) {
        if (Date.now() > deadline) {
          throw new Error(`the receiver did not get what was expected in time; it got ${received.length} requests`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
