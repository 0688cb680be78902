import { Readable } from 'node:stream';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { type Column, csvStream } from './csv';
import { PAGED_DATASETS, type PagedDataset } from './datasets';
import { DownloadError, type ExportDependencies, GatewayExecutor, pagedNodes } from './graph';
import { fetchNetworkReport, NETWORK_REPORT_COLUMNS, NETWORK_REPORT_PARAMETERS, reportLines } from './network-report';
import { filterOf, type Parameter, wantsHxl } from './parameters';

export const REPORTS_PATH = '/reports';

/**
 * The data licence downloads carry. The hub has no licence configured yet; CC BY 4.0 is the one UN and HDX data
 * users expect, and is stated here once so the integrator can change it in one place.
 */
export const DATA_LICENCE = {
  name: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  attribution: 'Human Rights Cities Network Hub',
};

type Query = Record<string, unknown>;

/** Licence, source, retrieval time and filter: kept beside the file (`….csv.meta.json`) and in the headers. */
export function metadataOf(
  title: string,
  path: string,
  filter: Record<string, unknown>,
  columns: Column<any>[] | undefined,
  retrievedAt: Date,
) {
  return {
    title,
    source: `${DATA_LICENCE.attribution}, ${path}`,
    licence: DATA_LICENCE.name,
    licenceUrl: DATA_LICENCE.url,
    attribution: DATA_LICENCE.attribution,
    retrievedAt: retrievedAt.toISOString(),
    filter,
    ...(columns ? { columns: columns.map((column) => ({ name: column.header, hxl: column.hxl })) } : {}),
  };
}

function provenanceHeaders(reply: FastifyReply, path: string, retrievedAt: Date): void {
  reply
    .header('x-data-licence', `${DATA_LICENCE.name} <${DATA_LICENCE.url}>`)
    .header('x-data-source', DATA_LICENCE.attribution)
    .header('x-retrieved-at', retrievedAt.toISOString())
    .header('link', `<${path}.meta.json>; rel="describedby"; type="application/json"`);
}

/** Aborts when the client goes away before the download is complete, which stops the paging and its subgraph calls. */
export function disconnectSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

function refuse(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof DownloadError)) throw error;
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.status).type('text/plain; charset=utf-8').send(`${error.message}\n`);
}

function attachment(reply: FastifyReply, name: string, extension: string, retrievedAt: Date): void {
  const day = retrievedAt.toISOString().slice(0, 10);
  reply.header('content-disposition', `attachment; filename="hrc-${name}-${day}.${extension}"`);
}

/** Splits a download's query into its $filter and its own variables. */
function variablesOf(dataset: PagedDataset, query: Query) {
  const values = filterOf(query, dataset.parameters);
  const filter: Record<string, unknown> = {};
  const variables: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (dataset.variables?.includes(name)) variables[name] = value;
    else filter[name] = value;
  }
  // An absent filter, not `filter: null`: some resolvers read the filter's fields without checking for null.
  return { filter, variables: Object.keys(filter).length ? { ...variables, filter } : variables, values };
}

/** Reads the first record before answering, so a refused filter still gets its 400 instead of a broken download. */
async function startedIterator<T>(source: AsyncGenerator<T>): Promise<AsyncIterable<T>> {
  const first = await source.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      yield* source;
    },
  };
}

function pagedRoute(app: FastifyInstance, dependencies: ExportDependencies, dataset: PagedDataset): void {
  const path = `${REPORTS_PATH}/${dataset.name}.csv`;
  app.get(path, async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
    try {
      const hxl = wantsHxl(request.query);
      const { variables } = variablesOf(dataset, request.query);
      const executor = await GatewayExecutor.forRequest(dependencies, request, disconnectSignal(reply));
      const retrievedAt = new Date();
      const records = await startedIterator(
        pagedNodes(executor, dataset.query, variables, (data) => dataset.connectionOf(data)),
      );
      provenanceHeaders(reply, path, retrievedAt);
      attachment(reply, dataset.name, 'csv', retrievedAt);
      return reply.type('text/csv; charset=utf-8; header=present').send(csvStream(records, dataset.columns, { hxl }));
    } catch (error) {
      return refuse(reply, error);
    }
  });
  metaRoute(app, path, dataset.title, dataset.parameters, dataset.columns);
}

function metaRoute(
  app: FastifyInstance,
  path: string,
  title: string,
  parameters: Parameter[],
  columns: Column<any>[] | undefined,
): void {
  app.get(`${path}.meta.json`, async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
    try {
      wantsHxl(request.query);
      const filter = filterOf(request.query, parameters);
      return reply.type('application/json; charset=utf-8').send(metadataOf(title, path, filter, columns, new Date()));
    } catch (error) {
      return refuse(reply, error);
    }
  });
}

function networkReportRoutes(app: FastifyInstance, dependencies: ExportDependencies): void {
  const title = 'Human Rights Cities Network report';
  for (const format of ['csv', 'json'] as const) {
    const path = `${REPORTS_PATH}/network.${format}`;
    app.get(path, async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
      try {
        const hxl = wantsHxl(request.query) && format === 'csv';
        const filter = filterOf(request.query, NETWORK_REPORT_PARAMETERS);
        const executor = await GatewayExecutor.forRequest(dependencies, request, disconnectSignal(reply));
        const retrievedAt = new Date();
        const report = await fetchNetworkReport(executor, filter);
        provenanceHeaders(reply, path, retrievedAt);
        attachment(reply, 'network-report', format, retrievedAt);
        if (format === 'json') {
          return reply
            .type('application/json; charset=utf-8')
            .send({ meta: metadataOf(title, path, filter, undefined, retrievedAt), report });
        }
        const stream = csvStream(Readable.from(reportLines(report)), NETWORK_REPORT_COLUMNS, { hxl });
        return reply.type('text/csv; charset=utf-8; header=present').send(stream);
      } catch (error) {
        return refuse(reply, error);
      }
    });
  }
  metaRoute(app, `${REPORTS_PATH}/network.csv`, title, NETWORK_REPORT_PARAMETERS, NETWORK_REPORT_COLUMNS);
}

/** The downloads under /reports, answered through the gateway's own GraphQL pipeline with the caller's identity. */
export function exportRoutes(dependencies: ExportDependencies) {
  return (app: FastifyInstance): void => {
    networkReportRoutes(app, dependencies);
    for (const dataset of PAGED_DATASETS) pagedRoute(app, dependencies, dataset);
  };
}
