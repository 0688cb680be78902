import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { type BrowserContext, chromium, type Page } from 'playwright-core';

import { organizationIdFromSlug } from '@hrc/domain-kit';
import { EXPLORER_PATH, SCHEMA_PATH } from '@hrc/gateway';

import { startGateway, startHub, type RunningHub } from './support/hub';

/*
 * A real browser against the real gateway: the explorer on a closed network, and a page on another origin calling the
 * API (CORS, preflights included, as only a browser enforces them). Debian's Chromium, driven by playwright-core.
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`test/browser.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
}

/** A production gateway's environment, with secrets of its own: production refuses the published ones. */
const PRODUCTION = {
  NODE_ENV: 'production',
  HUB_SIGNING_SECRET: 'a-fresh-production-signing-secret-0123456789',
  JWT_SECRET: 'a-fresh-production-jwt-secret-0123456789abcd',
};

let hub: RunningHub;
let origin: string;
const closing: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  hub = await startHub({ only: ['cities'] });
  origin = new URL(hub.url).origin;
}, 120_000);
afterAll(async () => {
  await Promise.all(closing.map((close) => close()));
  await hub?.close();
});

describe('the explorer over HTTP', () => {
  test('serves its page and files from the hub, each with its content type and the page CSP', async () => {
    const page = await fetch(`${origin}${EXPLORER_PATH}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    const files = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(files).toHaveLength(5);
    for (const file of files) {
      expect(file.startsWith(`${EXPLORER_PATH}/`)).toBe(true);
      const response = await fetch(`${origin}${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(
        file.endsWith('.css') ? /^text\/css; charset=utf-8$/ : /^text\/javascript; charset=utf-8$/,
      );
    }
    expect((await fetch(`${origin}${EXPLORER_PATH}/package.json`)).status).toBe(404);
  });

  test('is off in production unless GATEWAY_EXPLORER=true', async () => {
    for (const [environment, status] of [
      [PRODUCTION, 404],
      [{ ...PRODUCTION, GATEWAY_EXPLORER: 'true' }, 200],
    ] as const) {
      const { gateway, address } = await startGateway(hub.supergraphSdl, environment);
      closing.push(() => gateway.close());
      expect((await fetch(`${new URL(address.url).origin}${EXPLORER_PATH}`)).status).toBe(status);
    }
  });
});

(haveChromium ? describe : describe.skip)('in a browser', () => {
  let context: BrowserContext;
  let userDataDir: string;

  beforeAll(async () => {
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  /**
   * A page that may reach only the given origins: with `block`, every other request is refused (a closed network);
   * without it, only watched, because Playwright answers CORS preflights itself for the requests it intercepts, and
   * the preflights must reach the gateway.
   */
  async function pageReaching(allowed: string[], block: boolean): Promise<{ page: Page; elsewhere: string[] }> {
    const page = await context.newPage();
    closing.push(() => page.close());
    const elsewhere: string[] = [];
    const isAllowed = (url: string) => allowed.includes(new URL(url).origin);
    if (block) {
      await page.route('**/*', (route) => {
        if (isAllowed(route.request().url())) return route.continue();
        elsewhere.push(route.request().url());
        return route.abort('internetdisconnected');
      });
    } else {
      page.on('request', (request) => {
        if (!isAllowed(request.url())) elsewhere.push(request.url());
      });
    }
    return { page, elsewhere };
  }

  /** Opens the explorer at `base` with no other origin reachable, runs `query` and returns what the result pane shows. */
  async function runInExplorer(base: string, query: string, expected: string): Promise<string> {
    const { page, elsewhere } = await pageReaching([base], true);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // The schema comes from the published SDL, not from introspection, which production turns off.
    const schemaRead = page.waitForResponse(`${base}${SCHEMA_PATH}`);
    const response = await page.goto(`${base}${EXPLORER_PATH}?query=${encodeURIComponent(query)}`);
    expect(response!.status()).toBe(200);
    expect((await schemaRead).status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");

    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response');
    await result.getByText(expected).waitFor({ timeout: 30_000 });
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
    return result.innerText();
  }

  test('the explorer loads from the hub alone and runs a query', async () => {
    const query = '{ cities(first: 2) { totalCount } }';
    const expected = (await hub.query<{ cities: { totalCount: number } }>(query)).data!.cities.totalCount;
    expect(expected).toBeGreaterThan(2);
    const shown = await runInExplorer(origin, query, '"totalCount"');
    expect(shown).toMatch(new RegExp(`"totalCount":\\s*${expected}`));
  }, 60_000);

  test('in production, where introspection is off, an explorer turned on still runs operations', async () => {
    // Production refuses the test secrets the subgraphs use, so this gateway answers an operation of its own only.
    const { gateway, address } = await startGateway(hub.supergraphSdl, { ...PRODUCTION, GATEWAY_EXPLORER: 'true' });
    closing.push(() => gateway.close());
    const shown = await runInExplorer(new URL(address.url).origin, '{ __typename }', '"__typename"');
    expect(shown).toMatch(/"__typename":\s*"Query"/);
  }, 60_000);

  /*
   * The dashboard page reads the gateway's URL and a token from its fragment (never sent to its server), reads cities
   * anonymously, then creates a draft policy with the token, and writes both answers into the page.
   */
  const DASHBOARD = `<!doctype html>
<html><body><pre id="result"></pre><script>
const parameters = new URLSearchParams(location.hash.slice(1));
const call = (query, variables, token) =>
  fetch(parameters.get('gateway'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) },
    body: JSON.stringify({ query, variables }),
  }).then(async (response) => ({ status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() }));
(async () => {
  const read = await call('{ cities(first: 3) { edges { node { name } } } city(slug: "gwangju") { id name } }');
  const cityId = read.body.data.city.id;
  const created = await call(
    'mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { title status } }',
    { input: { cityId, title: 'Policy from a dashboard', summary: 'Created by a page on another origin.' } },
    parameters.get('token'),
  );
  return { read, created };
})().then(
  (result) => { document.getElementById('result').textContent = JSON.stringify(result); },
  (error) => { document.getElementById('result').textContent = JSON.stringify({ failed: String(error) }); },
);
</script></body></html>`;

  async function dashboardOrigin(): Promise<string> {
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(DASHBOARD);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closing.push(() => new Promise((resolve) => server.close(resolve)));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function runDashboard(gatewayUrl: string, token: string): Promise<any> {
    const dashboard = await dashboardOrigin();
    const { page, elsewhere } = await pageReaching([dashboard, new URL(gatewayUrl).origin], false);
    await page.goto(`${dashboard}/#${new URLSearchParams({ gateway: gatewayUrl, token })}`);
    const result = page.locator('#result');
    await result.getByText(/./).waitFor({ timeout: 30_000 });
    expect(elsewhere).toEqual([]);
    return JSON.parse(await result.innerText());
  }

  test('a page on another origin reads cities anonymously and, with a token, creates a draft policy', async () => {
    const preflights: Array<string | undefined> = [];
    const seePreflight = (request: http.IncomingMessage) => {
      if (request.method === 'OPTIONS') preflights.push(request.headers['access-control-request-headers']);
    };
    hub.gateway.server.on('request', seePreflight);
    closing.push(async () => hub.gateway.server.off('request', seePreflight));

    const token = await hub.token('partner', organizationIdFromSlug('gwangju-metropolitan-city'));
    const { read, created } = await runDashboard(hub.url, token);

    expect(read.status).toBe(200);
    expect(read.requestId).toBeTruthy();
    expect(read.body.data.cities.edges).toHaveLength(3);
    expect(read.body.data.city.name).toBe('Gwangju');
    expect(created.status).toBe(200);
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createPolicy).toEqual({ title: 'Policy from a dashboard', status: 'SUBMITTED' });
    // The browser asked before sending the token: a preflight naming the Authorization header.
    expect(preflights.some((headers) => headers?.split(',').includes('authorization'))).toBe(true);
  }, 60_000);

  test('a gateway that does not allow the page origin is refused by the browser', async () => {
    const { gateway, address } = await startGateway(hub.supergraphSdl, { CORS_ORIGINS: 'https://dashboard.example' });
    closing.push(() => gateway.close());
    const result = await runDashboard(address.url, await hub.token('partner'));
    expect(result.failed).toMatch(/Failed to fetch/);
  }, 60_000);
});
