import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { barChart } from './charts';
import { DownloadError, type ExportDependencies, GatewayExecutor } from './graph';
import { languageOf, type Language, type Messages, MESSAGES } from './messages';
import {
  fetchNetworkReport,
  NETWORK_REPORT_PARAMETERS,
  type NetworkReport,
  type ReportFigures,
} from './network-report';
import { filterOf } from './parameters';
import { DATA_LICENCE, disconnectSignal, REPORTS_PATH } from './routes';

type Query = Record<string, unknown>;

const PAGE_PATH = `${REPORTS_PATH}/network`;

/** Nothing outside the page itself: no script, no CDN, no external font (the hub works on a closed network). */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (character) => ESCAPES[character]!);

const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --rule: #c8c8c8; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Malgun Gothic", sans-serif; color: var(--ink); background: #fff; line-height: 1.5; }
header nav { margin-bottom: 1rem; }
a { color: var(--accent); }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; text-align: right; vertical-align: top; }
th[scope=row], td.text, th.text { text-align: left; }
thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; }
figure svg { max-width: 100%; height: auto; }
.note { color: var(--muted); font-size: .9rem; }
footer { margin-top: 2rem; border-top: 1px solid var(--rule); padding-top: 1rem; font-size: .9rem; color: var(--muted); }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  header nav, .downloads { display: none; }
  h2 { break-after: avoid; }
  figure, table { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}`;

interface Formatter {
  number(value: number): string;
  percent(value: number | null): string;
}

function formatterOf(messages: Messages): Formatter {
  const number = new Intl.NumberFormat(messages.locale);
  const percent = new Intl.NumberFormat(messages.locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    number: (value) => number.format(value),
    percent: (value) => (value === null ? '–' : percent.format(value)),
  };
}

/** The figures a report line shows, in table order, with the raw value for machines (data-value). */
function figuresOf(figures: ReportFigures, messages: Messages) {
  return [
    { key: 'cities', label: messages.cities, value: figures.cities.cities },
    { key: 'declaredCities', label: messages.declaredCities, value: figures.cities.declaredCities },
    { key: 'mechanisms', label: messages.mechanisms, value: figures.cities.mechanisms },
    { key: 'policies', label: messages.policies, value: figures.cities.policies },
    { key: 'programs', label: messages.programs, value: figures.education.programs },
    { key: 'enrolled', label: messages.enrolled, value: figures.education.enrolled },
    { key: 'completed', label: messages.completed, value: figures.education.completed },
    { key: 'editionsHosted', label: messages.editionsHosted, value: figures.events.editionsHosted },
    { key: 'registrations', label: messages.registrations, value: figures.events.registrations },
    { key: 'attended', label: messages.attended, value: figures.events.attended },
  ];
}

const hasSample = (figures: ReportFigures) =>
  figures.cities.includesSampleData || figures.education.includesSampleData || figures.events.includesSampleData;

function cell(value: number, format: Formatter, key: string): string {
  return `<td data-key="${key}" data-value="${value}">${escape(format.number(value))}</td>`;
}

function networkTable(report: NetworkReport, messages: Messages, format: Formatter): string {
  const rows = figuresOf(report.network, messages)
    .map((figure) => `<tr><th scope="row">${escape(figure.label)}</th>${cell(figure.value, format, figure.key)}</tr>`)
    .join('');
  const rate = report.network.education.completionRate;
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${escape(messages.networkTotals)}"><table id="network-totals"><caption>${escape(messages.networkTotals)}</caption>
<thead><tr><th scope="col" class="text">${escape(messages.figure)}</th><th scope="col">${escape(messages.value)}</th></tr></thead>
<tbody>${rows}<tr><th scope="row">${escape(messages.completionRate)}</th><td data-key="completionRate" data-value="${rate ?? ''}">${escape(format.percent(rate))}</td></tr></tbody></table></div>`;
}

function regionTable(report: NetworkReport, messages: Messages, format: Formatter, id: string, caption: string) {
  const columns = figuresOf(report.network, messages);
  const head = columns.map((figure) => `<th scope="col">${escape(figure.label)}</th>`).join('');
  const body = report.regions
    .map((totals) => {
      const name = messages.regionNames[totals.region ?? ''] ?? totals.region ?? '';
      const cells = figuresOf(totals, messages)
        .map((figure) => cell(figure.value, format, figure.key))
        .join('');
      return `<tr data-region="${escape(totals.region)}"><th scope="row">${escape(name)}</th>${cells}</tr>`;
    })
    .join('');
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${escape(caption)}"><table id="${id}"><caption>${escape(caption)}</caption>
<thead><tr><th scope="col" class="text">${escape(messages.region)}</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function chartFigure(
  report: NetworkReport,
  messages: Messages,
  format: Formatter,
  options: { id: string; title: string; alt: (parts: string) => string; pick: (figures: ReportFigures) => number },
): string {
  const bars = report.regions.map((totals) => ({
    label: messages.regionNames[totals.region ?? ''] ?? String(totals.region),
    value: options.pick(totals),
  }));
  const parts = bars.map((bar) => `${bar.label} ${format.number(bar.value)}`).join(', ');
  const svg = barChart(bars, { alt: options.alt(parts), locale: messages.locale });
  return `<figure id="${options.id}" aria-labelledby="${options.id}-caption"><figcaption id="${options.id}-caption">${escape(options.title)}</figcaption>
${svg}
<p class="note">${escape(messages.chartTableNote)}</p>
${regionTable(report, messages, format, `${options.id}-table`, options.title)}</figure>`;
}

function citiesOfRegion(report: NetworkReport, region: string, messages: Messages, format: Formatter): string {
  const name = messages.regionNames[region] ?? region;
  const rows = report.rows.filter((row) => row.region === region);
  const columns = figuresOf(report.network, messages).filter((figure) => figure.key !== 'cities');
  const head = columns.map((figure) => `<th scope="col">${escape(figure.label)}</th>`).join('');
  const body = rows.length
    ? rows
        .map((row) => {
          const cells = figuresOf(row, messages)
            .filter((figure) => figure.key !== 'cities')
            .map((figure) => cell(figure.value, format, figure.key))
            .join('');
          return `<tr data-city="${escape(row.cityId)}"><th scope="row">${escape(row.city.name)}</th><td class="text">${escape(row.country)}</td><td>${row.declarationYear ?? '–'}</td>${cells}</tr>`;
        })
        .join('')
    : `<tr><td class="text" colspan="${columns.length + 3}">${escape(messages.noCities)}</td></tr>`;
  return `<section aria-labelledby="region-${escape(region)}"><h3 id="region-${escape(region)}">${escape(messages.citiesIn(name))}</h3>
<div class="table-wrap" tabindex="0" role="region" aria-label="${escape(messages.citiesIn(name))}"><table data-region-table="${escape(region)}"><caption>${escape(messages.citiesIn(name))}</caption>
<thead><tr><th scope="col" class="text">${escape(messages.city)}</th><th scope="col" class="text">${escape(messages.country)}</th><th scope="col">${escape(messages.declared)}</th>${head}</tr></thead>
<tbody>${body}</tbody></table></div></section>`;
}

function yearsOf(filter: Record<string, unknown>, messages: Messages): string {
  const from = filter.fromYear as number | undefined;
  const to = filter.toYear as number | undefined;
  if (from !== undefined && from === to) return String(from);
  if (from === undefined && to === undefined) return messages.allYears;
  return `${from ?? '…'}–${to ?? '…'}`;
}

function page(language: Language, title: string, body: string, alternate: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><nav aria-label="${language === 'ko' ? '언어' : 'Language'}"><a href="${escape(alternate)}" lang="${language === 'ko' ? 'en' : 'ko'}">${escape(MESSAGES[language].otherLanguage)}</a></nav></header>
<main>
${body}
</main>
</body>
</html>`;
}

function reportPage(
  report: NetworkReport,
  language: Language,
  filter: Record<string, unknown>,
  query: string,
  retrievedAt: Date,
): string {
  const messages = MESSAGES[language];
  const format = formatterOf(messages);
  const title = messages.title(yearsOf(filter, messages));
  const when = new Intl.DateTimeFormat(messages.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  const downloadQuery = new URLSearchParams(
    Object.entries(filter).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  const suffix = downloadQuery ? `?${downloadQuery}` : '';
  const regions = report.regions.map((totals) => totals.region).filter((region): region is string => !!region);
  const body = `<h1>${escape(title)}</h1>
<p>${escape(messages.intro)}${hasSample(report.network) ? ` <strong>${escape(messages.sampleNote)}</strong>` : ''}</p>
<h2>${escape(messages.networkTotals)}</h2>
${networkTable(report, messages, format)}
<h2>${escape(messages.regionTotals)}</h2>
${chartFigure(report, messages, format, { id: 'chart-policies', title: messages.policiesChart, alt: messages.policiesChartAlt, pick: (figures) => figures.cities.policies })}
${chartFigure(report, messages, format, { id: 'chart-education', title: messages.educationChart, alt: messages.educationChartAlt, pick: (figures) => figures.education.enrolled })}
${regions.map((region) => citiesOfRegion(report, region, messages, format)).join('\n')}
<footer>
<p>${escape(messages.licence(DATA_LICENCE.name, DATA_LICENCE.attribution, when.format(retrievedAt) + ' UTC'))} <a href="${DATA_LICENCE.url}">${escape(DATA_LICENCE.url)}</a></p>
<p>${escape(messages.filter)}: <code>${escape(JSON.stringify(filter))}</code></p>
<p class="downloads">${escape(messages.downloads)}: <a href="${REPORTS_PATH}/network.csv${escape(suffix)}">CSV</a> · <a href="${REPORTS_PATH}/network.json${escape(suffix)}">JSON</a> · <a href="${REPORTS_PATH}/network.csv.meta.json${escape(suffix)}">CSV metadata</a></p>
</footer>`;
  const other = new URLSearchParams(query);
  other.set('lang', language === 'ko' ? 'en' : 'ko');
  return page(language, title, body, `${PAGE_PATH}?${other.toString()}`);
}

function errorPage(language: Language, status: number, error: unknown): { status: number; html: string } {
  const messages = MESSAGES[language];
  const bad = error instanceof DownloadError && error.status === 400;
  const title = bad ? messages.badRequestTitle : messages.failedTitle;
  const detail =
    error instanceof DownloadError && error.status < 500
      ? error.parameter
        ? messages.badParameter(error.parameter, error.value ?? '')
        : error.message
      : messages.failed;
  const body = `<h1>${escape(title)}</h1><p role="alert">${escape(detail)}</p><p><a href="${PAGE_PATH}?lang=${language}">${escape(messages.back)}</a></p>`;
  return { status, html: page(language, title, body, `${PAGE_PATH}?lang=${language === 'ko' ? 'en' : 'ko'}`) };
}

/** GET /reports/network?year=2023&lang=ko|en: the network report as a printable, accessible page, drawn on the server. */
export function reportPageRoute(dependencies: ExportDependencies) {
  return (app: FastifyInstance): void => {
    app.get(PAGE_PATH, async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
      const language = languageOf(request.query.lang, request.headers['accept-language']);
      reply
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('content-language', language)
        .header('vary', 'Accept-Language')
        .type('text/html; charset=utf-8');
      try {
        const { year, lang: _lang, ...rest } = request.query;
        const filter = filterOf(rest, NETWORK_REPORT_PARAMETERS);
        if (year !== undefined) {
          const { year: parsed } = filterOf({ year }, [{ name: 'year', kind: 'int' }]);
          filter.fromYear = parsed as number;
          filter.toYear = parsed as number;
        }
        const executor = await GatewayExecutor.forRequest(dependencies, request, disconnectSignal(reply));
        const retrievedAt = new Date();
        const report = await fetchNetworkReport(executor, filter);
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
        return reply.send(reportPage(report, language, filter, query, retrievedAt));
      } catch (error) {
        if (!(error instanceof DownloadError)) throw error;
        // A year outside the network report's range is refused as fromYear/toYear: the page's parameter is `year`.
        const named =
          request.query.year !== undefined && (error.parameter === 'fromYear' || error.parameter === 'toYear')
            ? new DownloadError(error.status, error.message, 'year', error.headers, String(request.query.year))
            : error;
        const { status, html } = errorPage(language, named.status, named);
        return reply.code(status).send(html);
      }
    });
  };
}
