/**
 * The test environment: the database server that jest's global setup started (embedded PostgreSQL) or the one
 * DATABASE_URL names. This is the only place test helpers read the environment.
 */
export function testServerUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with `npm test`, whose global setup provides it');
  return url;
}
