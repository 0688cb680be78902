export * from './embedded-postgres';
export * from './tokens';
