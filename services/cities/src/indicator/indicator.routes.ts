import type http from 'node:http';

import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';

import { BulkMode, type SubgraphRouteTools } from '@hrc/graph-kit';

import { createCitiesLoaders } from '../loaders';
import { importIndicatorValuesCsv, INDICATOR_VALUES_CSV_PATH } from './indicator.import';

const MAX_CSV_BYTES = 2_000_000;

function send(response: http.ServerResponse, status: number, body: unknown): true {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
  return true;
}

/**
 * The CSV import as an HTTP route: read the body, verify the gateway's signature over it (which carries the caller's
 * identity from its token), and answer the per-row report as JSON; a typed error is a 4xx with its code and field.
 */
export function indicatorRoutes(orm: MikroORM, tools: SubgraphRouteTools) {
  return [
    async (request: http.IncomingMessage, response: http.ServerResponse): Promise<boolean> => {
      const url = new URL(request.url ?? '/', 'http://cities');
      if (url.pathname !== INDICATOR_VALUES_CSV_PATH) return false;
      if (request.method !== 'POST') {
        response.writeHead(405, { allow: 'POST' }).end();
        return true;
      }
      const body = await tools.readBody(request, MAX_CSV_BYTES);
      const { identity, requestId } = tools.verify(request.headers, body);
      const mode = url.searchParams.get('mode') === BulkMode.ROW_BY_ROW ? BulkMode.ROW_BY_ROW : BulkMode.ALL_OR_NOTHING;
      const em = orm.em.fork();
      const ctx = {
        em,
        identity,
        requestId,
        logger: tools.logger.child({ requestId }),
        loaders: createCitiesLoaders(em, identity),
      };
      try {
        const report = await importIndicatorValuesCsv(ctx, body, mode);
        return send(response, 200, {
          ...report,
          rows: report.rows.map((row) => ({
            ...row,
            line: row.index + 2,
            record: undefined,
            id: row.record?.id ?? null,
          })),
        });
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        const code = error.extensions.code;
        const status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : code === 'CONFLICT' ? 409 : 400;
        return send(response, status, { errors: [{ message: error.message, extensions: error.extensions }] });
      }
    },
  ];
}
