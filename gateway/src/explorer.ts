import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { FastifyInstance } from '@hrc/service-kit';

/** Where the gateway serves GraphiQL. */
export const EXPLORER_PATH = '/explorer';

/*
 * GraphiQL 3 is the last major release that ships a browser bundle (`graphiql.min.js`, React as a global), so the
 * explorer is four files from node_modules plus this page: nothing to build and nothing fetched from a CDN, which is
 * what a closed network needs. The page's own start-up script is a file too, so the CSP allows no inline script.
 */
const ASSETS: Record<string, { packageName: string; file: string; type: string }> = {
  'react.js': { packageName: 'react', file: 'umd/react.production.min.js', type: 'text/javascript; charset=utf-8' },
  'react-dom.js': {
    packageName: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'text/javascript; charset=utf-8',
  },
  'graphiql.js': { packageName: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.css': { packageName: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
};

/*
 * Takes the schema from the gateway's published SDL rather than from introspection, which production turns off; falls
 * back to introspection if that fails. The paths come from the page's data attributes, so this script stays static.
 */
const START_SCRIPT = `'use strict';
const endpoint = new URL(document.body.dataset.endpoint, window.location.href).href;
const schemaUrl = new URL(document.body.dataset.schema, window.location.href).href;
const query = new URLSearchParams(window.location.search).get('query') || undefined;
const root = ReactDOM.createRoot(document.getElementById('graphiql'));
fetch(schemaUrl)
  .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
  .then((sdl) => GraphiQL.GraphQL.buildSchema(sdl))
  .catch(() => undefined)
  .then((schema) =>
    root.render(
      React.createElement(GraphiQL, {
        fetcher: GraphiQL.createFetcher({ url: endpoint }),
        schema,
        defaultEditorToolsVisibility: true,
        defaultQuery: '# Add a token under Headers: {"Authorization": "Bearer …"}\\n{ cities(first: 5) { totalCount edges { node { name country } } } }\\n',
        query,
      }),
    ),
  );
`;

const PAGE = ({ graphqlPath, schemaPath }: ExplorerPaths) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Human Rights Cities Hub — API explorer</title>
    <link rel="stylesheet" href="${EXPLORER_PATH}/graphiql.css" />
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
  </head>
  <body data-endpoint="${graphqlPath}" data-schema="${schemaPath}">
    <div id="graphiql">Loading the explorer…</div>
    <script src="${EXPLORER_PATH}/react.js"></script>
    <script src="${EXPLORER_PATH}/react-dom.js"></script>
    <script src="${EXPLORER_PATH}/graphiql.js"></script>
    <script src="${EXPLORER_PATH}/start.js"></script>
  </body>
</html>
`;

/**
 * Only the hub's own files. GraphiQL sets inline styles (React `style` props, CodeMirror) and its fonts are data
 * URIs, hence those two allowances; scripts stay 'self' only.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

export interface ExplorerPaths {
  /** Where the explorer sends operations. */
  graphqlPath: string;
  /** Where it reads the API schema (SDL). */
  schemaPath: string;
}

/** Registers GraphiQL at /explorer, its assets at /explorer/<file>, all served from node_modules. */
export function explorerRoutes(paths: ExplorerPaths): (app: FastifyInstance) => void {
  const files = new Map<string, { body: Buffer | string; type: string }>([
    ['start.js', { body: START_SCRIPT, type: 'text/javascript; charset=utf-8' }],
  ]);
  for (const [name, { packageName, file, type }] of Object.entries(ASSETS)) {
    // Read once at start-up: a missing package fails the gateway's start, not a browser's first visit. React's
    // `exports` hide its UMD builds from require.resolve, so the path is taken from the package's directory.
    const directory = path.dirname(require.resolve(`${packageName}/package.json`));
    files.set(name, { body: readFileSync(path.join(directory, file)), type });
  }
  const page = PAGE(paths);
  return (app) => {
    app.get(EXPLORER_PATH, async (_request, reply) =>
      reply
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(page),
    );
    app.get<{ Params: { file: string } }>(`${EXPLORER_PATH}/:file`, async (request, reply) => {
      const file = files.get(request.params.file);
      if (!file) return reply.code(404).send({ error: `Not found; the explorer is at ${EXPLORER_PATH}` });
      return reply
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('cache-control', 'public, max-age=3600')
        .type(file.type)
        .send(file.body);
    });
  };
}
