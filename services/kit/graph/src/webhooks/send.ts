import http from 'node:http';
import https from 'node:https';

import { Webhook } from 'standardwebhooks';

import { assertLiteralHostAllowed, guardedLookup, type EndpointPolicy } from './addresses';

/** What one attempt got: a 2xx is delivered; anything else, or no answer, is retried. */
export interface AttemptResult {
  delivered: boolean;
  responseCode: number | null;
  /** Why it failed, short: an HTTP status line, a timeout, a refused address; null when delivered. */
  error: string | null;
  /** Cut short by `signal` (the worker stopping): not an attempt to record, the entry is simply sent again later. */
  aborted?: boolean;
}

const EXCERPT_CHARACTERS = 200;

/**
 * POSTs one signed entry (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). Redirects are not
 * followed (a 3xx is a failure), the whole attempt is bounded by `timeoutMs`, the address is checked at connect time,
 * and at most a short excerpt of the answer is read. Aborting `signal` ends the attempt at once.
 */
export function sendSigned(options: {
  url: string;
  secret: string;
  messageId: string;
  payload: string;
  timeoutMs: number;
  policy: EndpointPolicy;
  now?: Date;
  signal?: AbortSignal;
}): Promise<AttemptResult> {
  const abortedResult: AttemptResult = { delivered: false, responseCode: null, error: 'aborted', aborted: true };
  if (options.signal?.aborted) return Promise.resolve(abortedResult);
  const timestamp = options.now ?? new Date();
  let url: URL;
  try {
    url = new URL(options.url);
    assertLiteralHostAllowed(url, options.policy);
  } catch (error) {
    return Promise.resolve({ delivered: false, responseCode: null, error: messageOf(error) });
  }
  const signature = new Webhook(options.secret).sign(options.messageId, timestamp, options.payload);
  const body = Buffer.from(options.payload, 'utf8');
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const request = transport.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(options.policy),
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          'user-agent': 'whrcf-hub-webhooks/1',
          'webhook-id': options.messageId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let excerpt = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (excerpt.length < EXCERPT_CHARACTERS) excerpt += chunk.slice(0, EXCERPT_CHARACTERS - excerpt.length);
          else response.destroy();
        });
        const done = () =>
          finish(
            status >= 200 && status < 300
              ? { delivered: true, responseCode: status, error: null }
              : {
                  delivered: false,
                  responseCode: status,
                  error: `HTTP ${status}${excerpt ? `: ${excerpt.replace(/\s+/g, ' ').trim()}` : ''}`,
                },
          );
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish({ delivered: false, responseCode: null, error: `no answer within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    const onAbort = () => {
      request.destroy();
      finish(abortedResult);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) => finish({ delivered: false, responseCode: null, error: messageOf(error) }));
    request.end(body);
  });
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, EXCERPT_CHARACTERS);
}
