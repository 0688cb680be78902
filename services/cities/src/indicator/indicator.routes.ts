import type http from 'node:http';

import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';

import { BulkMode, type SubgraphRouteTools } from '@hrc/graph-kit';
import type { RawRoute } from '@hrc/service-kit';

import { createCitiesLoaders } from '../loaders';
import { importIndicatorValuesCsv, INDICATOR_VALUES_CSV_PATH } from './indicator.import';

function send(response: http.ServerResponse, status: number, body: unknown): true {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
  return true;
}

/**
 * The CSV import as an HTTP route. The server has read the body (within its body limit) and verified the gateway's
 * signature over it, which carries the caller's identity from its token; the route answers the per-row report as
 * JSON, and a typed error as a 4xx with its code and field.
 */
export function indicatorRoutes(orm: MikroORM, tools: SubgraphRouteTools): RawRoute[] {
  return [
    async (request, response, call): Promise<boolean> => {
      const url = new URL(request.url ?? '/', 'http://cities');
      if (url.pathname !== INDICATOR_VALUES_CSV_PATH) return false;
      if (request.method !== 'POST') {
        response.writeHead(405, { allow: 'POST' }).end();
        return true;
      }
      if (!call.caller) {
        return send(response, 401, {
          errors: [
            { message: 'This route takes a call signed by the gateway', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        });
      }
      const { body } = call;
      const { identity, requestId } = call.caller;
      const mode = url.searchParams.get('mode') === BulkMode.ROW_BY_ROW ? BulkMode.ROW_BY_ROW : BulkMode.ALL_OR_NOTHING;
      const em = orm.em.fork();
      // As for a GraphQL call: the import's work stops when the caller (the gateway) goes away.
      const disconnected = new AbortController();
      response.once('close', () => {
        if (!response.writableFinished) disconnected.abort();
      });
      const ctx = {
        signal: disconnected.signal,
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
