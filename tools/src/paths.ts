import path from 'node:path';

/** The repository root, from tools/src (tests) or tools/dist (compiled). */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
export const SCHEMA_DIR = path.join(REPOSITORY_ROOT, 'schema');
export const SUPERGRAPH_PATH = path.join(SCHEMA_DIR, 'supergraph.graphql');
export const DATA_DIR = path.join(REPOSITORY_ROOT, '.data');
export const README_PATH = path.join(REPOSITORY_ROOT, 'README.md');
