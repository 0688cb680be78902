import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext } from 'playwright-core';

import { startHub, type RunningHub } from './support/hub';

/*
 * Issue 12, the printable report page, as a person sees it: Debian's Chromium renders it in Korean and English, its
 * figures equal the GraphQL network report's, axe-core finds no WCAG 2.2 AA violation, and screenshots at 1280 and
 * 390 px and a PDF are kept under test/artifacts/ (git-ignored). Without /usr/bin/chromium the browser tests are
 * skipped, visibly.
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, 'artifacts');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let hub: RunningHub;
let base: string;
beforeAll(async () => {
  hub = await startHub();
  base = new URL(hub.url).origin;
});
afterAll(() => hub?.close());

const REPORT = `query($filter: NetworkReportFilter) { networkReport(filter: $filter) {
  regions { region cities { cities declaredCities mechanisms policies } education { programs enrolled completed }
    events { editionsHosted registrations attended } }
  network { cities { cities declaredCities mechanisms policies } education { programs enrolled completed }
    events { editionsHosted registrations attended } } } }`;

const flatten = (figures: any) => ({
  cities: figures.cities.cities,
  declaredCities: figures.cities.declaredCities,
  mechanisms: figures.cities.mechanisms,
  policies: figures.cities.policies,
  programs: figures.education.programs,
  enrolled: figures.education.enrolled,
  completed: figures.education.completed,
  editionsHosted: figures.events.editionsHosted,
  registrations: figures.events.registrations,
  attended: figures.events.attended,
});

describe('the report page over HTTP', () => {
  test('picks the language from lang, then Accept-Language; unknown lang is English', async () => {
    const korean = await fetch(`${base}/reports/network?year=2023&lang=ko`);
    expect(korean.status).toBe(200);
    expect(korean.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await korean.text()).toMatch(/<html lang="ko">[\s\S]*인권도시 네트워크 보고서, 2023/);
    const negotiated = await fetch(`${base}/reports/network?year=2023`, {
      headers: { 'accept-language': 'fr;q=1, ko-KR;q=0.9, en;q=0.5' },
    });
    expect(await negotiated.text()).toContain('<html lang="ko">');
    const unknown = await fetch(`${base}/reports/network?year=2023&lang=xx`, { headers: { 'accept-language': 'ko' } });
    expect(await unknown.text()).toMatch(/<html lang="en">[\s\S]*Human Rights Cities Network report, 2023/);
  });

  test('loads nothing from outside the hub', async () => {
    const response = await fetch(`${base}/reports/network?year=2023&lang=en`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).not.toMatch(/<script|<link|@import|url\(|src="http/);
    const svgs = html.match(/<svg[^>]*>/g) ?? [];
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(svg).toMatch(/role="img"/);
    for (const svg of svgs) expect(svg).toMatch(/aria-label="[^"]+"/);
  });

  test.each([
    ['ko', 'year=twenty', '매개변수 “year”'],
    ['en', 'year=twenty', 'The parameter “year”'],
    ['ko', 'year=2023&region=MARS', '매개변수 “region”'],
    ['en', 'year=2023&colour=red', 'The parameter “colour”'],
  ])('a bad filter gets 400 in the page language (%s, %s)', async (lang, query, message) => {
    const response = await fetch(`${base}/reports/network?${query}&lang=${lang}`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(message);
  });
});

const browserDescribe = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) {
  console.warn(
    `SKIPPED: the report page browser tests need Debian's chromium at ${CHROMIUM} (apt-get install -y chromium)`,
  );
}

browserDescribe('the report page in headless Chromium', () => {
  let context: BrowserContext;
  let userDataDir: string;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'hrc-chromium-'));
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
  });
  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test.each(['en', 'ko'] as const)('renders in %s with the GraphQL figures, no WCAG 2.2 AA violation', async (lang) => {
    const expected = await hub.query(REPORT, { variables: { filter: { fromYear: 2023, toYear: 2023 } } });
    expect(expected.errors).toBeUndefined();
    const page = await context.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) external.push(request.url());
    });
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      const response = await page.goto(`${base}/reports/network?year=2023&lang=${lang}`);
      expect(response!.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('h1').innerText()).toContain(
        lang === 'ko' ? '인권도시 네트워크 보고서' : 'Human Rights Cities',
      );

      // The figures on the page, as shown (Intl-formatted) and as data, equal the API's.
      const network = await page.$$eval('#network-totals td[data-key]', (cells) =>
        cells.map((cell) => [cell.getAttribute('data-key'), cell.getAttribute('data-value'), cell.textContent]),
      );
      const numbers = new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-GB');
      const want = flatten(expected.data!.networkReport.network) as Record<string, number>;
      for (const [key, value] of Object.entries(want)) {
        const shown = network.find(([candidate]) => candidate === key);
        expect(shown?.[1]).toBe(String(value));
        expect(shown?.[2]).toBe(numbers.format(value));
      }
      for (const region of expected.data!.networkReport.regions) {
        const cells = await page.$$eval(`#chart-policies-table tr[data-region="${region.region}"] td`, (found) =>
          Object.fromEntries(
            found.map((cell) => [cell.getAttribute('data-key'), Number(cell.getAttribute('data-value'))]),
          ),
        );
        expect(cells).toEqual(flatten(region));
      }
      // Each chart is an image with a text alternative, followed by the table it summarises.
      expect(await page.locator('figure svg[role="img"][aria-label]').count()).toBe(2);
      expect(await page.locator('figure table').count()).toBe(2);

      const axe = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      expect(axe.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

      await page.screenshot({ path: path.join(ARTIFACTS, `report-${lang}-1280.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      const narrow = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      expect(narrow.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${lang}-390.png`), fullPage: true });
      const pdf = await page.pdf({
        path: path.join(ARTIFACTS, `report-${lang}.pdf`),
        format: 'A4',
        printBackground: true,
      });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(external).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
