import http from 'node:http';
import net from 'node:net';

import { buildSchema } from 'graphql';

import { postSigned } from '@hrc/dev-kit/testing';
import { MAX_OPERATION_LABELS } from '@hrc/service-kit';

import { startGateway, startHub, type RunningHub } from './support/hub';

/**
 * The HTTP edge, over real sockets: CORS for browsers on other origins, transport faults (chunked bodies over the
 * limit, slow and idle sockets, the connection cap), load shedding, the internal metrics port with bounded labels,
 * and the gateway's report of its subgraphs' health.
 */
let hub: RunningHub;
const started: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  hub = await startHub({ only: ['cities', 'events', 'education'] });
}, 120_000);
afterAll(async () => {
  await Promise.all(started.map((app) => app.close()));
  await hub?.close();
});

async function gatewayWith(environment: Record<string, string>) {
  const { gateway, address } = await startGateway(hub.supergraphSdl, environment);
  started.push(gateway);
  return { gateway, address, port: address.port };
}

const baseOf = (url: string) => url.replace(/\/graphql$/, '');

function openSocket(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves when the other end closes the socket (or it fails), whichever first. */
function closedByServer(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve();
    socket.once('close', () => resolve());
    socket.on('error', () => undefined);
    socket.resume();
  });
}

/** Posts a chunked body of `totalBytes` and resolves with the response, even if the server stops reading. */
function postChunked(url: string, totalBytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    request.on('response', (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    request.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, ' ');
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end();
    };
    pump();
  });
}

describe('CORS', () => {
  test('a preflight from any origin gets 204 with the methods and headers it asked for', async () => {
    const response = await fetch(hub.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dashboard.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });

  test('a cross-origin query reads the data and the request id', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { origin: 'https://dashboard.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ cities(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('CSRF prevention still refuses a simple (unpreflighted) POST', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });

  test('CORS_ORIGINS limits the origins a browser may call from', async () => {
    const { address } = await gatewayWith({ CORS_ORIGINS: 'https://dashboard.example' });
    const preflight = (origin: string) =>
      fetch(address.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight('https://dashboard.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('security headers are set', async () => {
    const response = await fetch(`${baseOf(hub.url)}/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('transport faults', () => {
  test('a chunked body over the limit gets 413, not a connection reset', async () => {
    const response = await postChunked(hub.url, 2_000_000);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('sockets that send nothing, or trickle their headers, are closed by the server', async () => {
    const { gateway, port } = await gatewayWith({ HEADERS_TIMEOUT_MS: '500', CONNECTION_TIMEOUT_MS: '1000' });
    const idle = await Promise.all(Array.from({ length: 100 }, () => openSocket(port)));
    const trickling = await Promise.all(Array.from({ length: 20 }, () => openSocket(port)));
    const timers = trickling.map((socket) => {
      socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
      // One header byte at a time: never idle long enough for the socket timeout, never done with the headers.
      return setInterval(() => socket.writable && socket.write('x'), 100);
    });
    try {
      // Each socket ends because the server closed it: the test never does before this resolves.
      await Promise.all([...idle, ...trickling].map(closedByServer));
      expect(await gateway.openConnections()).toBe(0);
    } finally {
      timers.forEach(clearInterval);
      [...idle, ...trickling].forEach((socket) => socket.destroy());
    }
  }, 20_000);

  test('connections beyond MAX_CONNECTIONS are closed at once', async () => {
    const { gateway, port, address } = await gatewayWith({ MAX_CONNECTIONS: '20' });
    const sockets = await Promise.all(Array.from({ length: 60 }, () => openSocket(port)));
    const dropped: net.Socket[] = [];
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            // Probe each socket: the server either closes it or answers.
            socket.on('error', () => undefined);
            socket.once('close', () => {
              dropped.push(socket);
              resolve();
            });
            socket.once('data', () => resolve());
            socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
          }),
      ),
    );
    expect(dropped.length).toBeGreaterThanOrEqual(40);
    expect(await gateway.openConnections()).toBeLessThanOrEqual(20);
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`${baseOf(address.url)}/health`)).status).toBe(200);
  });

  test('under memory pressure the gateway sheds load with 503 and Retry-After, and stays alive', async () => {
    const { address } = await gatewayWith({ LOAD_SHED_HEAP_USED_BYTES: '1' });
    let response: Response | undefined;
    for (let attempt = 0; attempt < 50; attempt += 1) {
      response = await fetch(address.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (response.status === 503) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(response!.status).toBe(503);
    expect(response!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await response!.json()) as any).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${baseOf(address.url)}/health`)).status).toBe(200);
  });
});

describe('metrics', () => {
  async function flood(send: (name: string) => Promise<Response>, count: number) {
    const names = Array.from({ length: count }, (_, index) => `Flood${index}`);
    for (let start = 0; start < names.length; start += 50) {
      await Promise.all(names.slice(start, start + 50).map(async (name) => (await send(name)).arrayBuffer()));
    }
  }

  test('/metrics is not on the public port of the gateway or of a subgraph', async () => {
    expect((await fetch(`${baseOf(hub.url)}/metrics`)).status).toBe(404);
    const cities = hub.subgraphs.get('cities')!;
    expect((await fetch(`${baseOf(cities.url)}/metrics`)).status).not.toBe(200);
  });

  test('5,000 unique operation names leave the gateway metrics small', async () => {
    const { address } = await gatewayWith({});
    expect(new URL(address.metricsUrl).hostname).toBe('127.0.0.1');
    const before = (await (await fetch(address.metricsUrl)).text()).length;
    await flood(
      (name) =>
        fetch(address.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `query ${name} { __typename }`, operationName: name }),
        }),
      5_000,
    );
    const metrics = await (await fetch(address.metricsUrl)).text();
    const operations = new Set(
      [...metrics.matchAll(/hub_graphql_requests_total\{operation="([^"]*)"/g)].map((m) => m[1]),
    );
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2);
    const other = /hub_graphql_requests_total\{operation="other",service="gateway"\} (\d+)/.exec(metrics)?.[1];
    expect(Number(other)).toBe(5_000 - MAX_OPERATION_LABELS);
    expect(metrics.length - before).toBeLessThan(250_000);
  }, 300_000);

  test('1,000 unique operation names leave a subgraph metrics small', async () => {
    const cities = hub.subgraphs.get('cities')!;
    await flood(
      (name) => postSigned(cities.url, JSON.stringify({ query: `query ${name} { __typename }`, operationName: name })),
      1_000,
    );
    const metrics = await (await fetch(cities.metricsUrl)).text();
    const operations = new Set(
      [...metrics.matchAll(/hub_graphql_requests_total\{operation="([^"]*)"/g)].map((m) => m[1]),
    );
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2);
    expect(metrics).toMatch(/hub_graphql_requests_total\{operation="other",service="cities"\}/);
    expect(metrics.length).toBeLessThan(400_000);
  }, 300_000);
});

describe('the published schema', () => {
  test('GET /schema.graphql serves the API schema without federation internals, also in production', async () => {
    const { address } = await gatewayWith({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      // Production refuses the published test secrets; /schema.graphql calls no subgraph.
      HUB_SIGNING_SECRET: 'y'.repeat(40),
    });
    const response = await fetch(`${baseOf(address.url)}/schema.graphql`);
    expect(response.status).toBe(200);
    const sdl = await response.text();
    expect(sdl).toMatch(/type Query \{/);
    expect(sdl).toContain('cities(');
    expect(sdl).not.toMatch(/join__|link__|@join|@link|_entities|_service/);
    const schema = buildSchema(sdl);
    expect(schema.getQueryType()?.getFields().cities).toBeDefined();
  });
});

describe('subgraph health at the gateway', () => {
  test('/health/subgraphs reports each subgraph; a stopped one turns it 503 while /ready stays 200', async () => {
    const base = baseOf(hub.url);
    const healthy = await fetch(`${base}/health/subgraphs`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toEqual({
      status: 'ok',
      subgraphs: expect.arrayContaining([
        { name: 'cities', status: 'up' },
        { name: 'education', status: 'up' },
      ]),
    });

    await hub.subgraphs.get('education')!.app.close();
    const degraded = await fetch(`${base}/health/subgraphs`);
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toEqual({
      status: 'degraded',
      subgraphs: expect.arrayContaining([
        { name: 'cities', status: 'up' },
        { name: 'education', status: 'down' },
      ]),
    });
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    // The other subgraph's data is still served.
    expect((await hub.query('{ cities(first: 1) { totalCount } }')).data?.cities.totalCount).toBeGreaterThan(0);
  });
});
