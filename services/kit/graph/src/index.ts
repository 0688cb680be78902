import './enums';

export * from './authorization';
export * from './cache-hints';
export * from './change-feed';
export * from './connection';
export * from './federation';
export * from './format-error';
export * from './input-fields';
export * from './loaders';
export * from './moderation-resolver';
export * from './nested-list-resolver';
export * from './records';
export * from './secretariat-views';
export * from './subgraph-app';
export * from './translated-fields';
export * from './translations';
export * from './validators';
