import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', '*.contactEmail', '*.email'], censor: '[redacted]' },
  });
}
