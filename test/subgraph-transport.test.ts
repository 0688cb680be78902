import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { fetchTransport, undiciTransport, type SubgraphTransport } from '@hrc/gateway';

/*
 * The gateway's two HTTP clients for subgraph calls answer alike at the edges: statuses without a body, a subgraph
 * that goes away in the middle of its answer, and an abort.
 */

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const status = Number(new URL(request.url!, 'http://x').searchParams.get('status') ?? 200);
    if (request.url!.startsWith('/cut')) {
      // Promise a long body, send part of it, and go away.
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"data":');
      setTimeout(() => response.socket?.destroy(), 20);
      return;
    }
    if (request.url!.startsWith('/slow')) {
      setTimeout(() => response.end('{}'), 5_000).unref();
      return;
    }
    response.writeHead(status, { 'cache-control': 'max-age=60, public', 'x-twice': ['a', 'b'] });
    response.end(status === 200 ? '{"data":{}}' : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe.each<[string, () => SubgraphTransport]>([
  ['undici', () => undiciTransport()],
  ['fetch', () => fetchTransport],
])('the %s transport', (_name, transportOf) => {
  const post = (path: string, signal?: AbortSignal) =>
    transportOf()(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal,
    });

  test('passes an answer on with its status, body and headers', async () => {
    const response = await post('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"data":{}}');
    expect(response.headers.get('cache-control')).toBe('max-age=60, public');
    expect(response.headers.get('x-twice')).toBe('a, b');
  });

  test('is read as a Response is: JSON once, then a TypeError; ok by status; a clone before reading', async () => {
    const response = await post('/');
    expect(response.ok).toBe(true);
    expect(response.bodyUsed).toBe(false);
    const copy = response.clone();
    expect(await response.json()).toEqual({ data: {} });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toMatchObject({ name: 'TypeError' });
    expect(await copy.text()).toBe('{"data":{}}');
    expect((await post('/?status=503')).ok).toBe(false);
  });

  test.each([204, 205, 304])('passes a %i on without a body', async (status) => {
    const response = await post(`/?status=${status}`);
    expect(response.status).toBe(status);
    expect(await response.text()).toBe('');
  });

  test('reports a subgraph that goes away mid-answer as unreachable (a TypeError)', async () => {
    // By name: fetch's errors come from Node's own realm, not the test's.
    await expect(post('/cut').then((response) => response.text())).rejects.toMatchObject({ name: 'TypeError' });
  });

  test('rejects with the abort reason when the call is aborted', async () => {
    const reason = new Error('the client went away');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 20);
    await expect(post('/slow', controller.signal).then((response) => response.text())).rejects.toBe(reason);
  });
});
