export * from './addresses';
export * from './backoff';
export * from './send';
export * from './webhook.entities';
export * from './webhook.types';
export * from './webhooks';
export * from './worker';
