import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * The root logger. Children carry `deliveryId` and `runId` so every line of a run can be found.
 * Secrets are redacted by key name wherever they appear in a logged object.
 */
export function createLogger(
  level: string = 'info',
  name = 'pipeline',
  destination?: DestinationStream,
): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: [
        '*.token',
        '*.privateKey',
        '*.apiKey',
        '*.password',
        '*.authorization',
        'headers.authorization',
        'env',
        '*.PRIVATE_KEY',
        '*.WEBHOOK_SECRET',
        '*.ANTHROPIC_API_KEY',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
