import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /**
   * Rewrites each finished line before it is written. The app passes a redactor of its own secret values
   * (`runtime/app-logger.ts`), so a secret is caught under any key, at any depth, and inside messages and
   * stack traces, not only where a key name gives it away.
   */
  redactLine?: (line: string) => string;
}

/**
 * A logger. Children carry `deliveryId` and `runId` so every line of a run can be found.
 *
 * The key-based redaction names whole paths only: a path starting with a wildcard (`*.token`) would make
 * pino re-parse every path over every binding and key of every line, garbage on the webhook's hot path
 * (figures: bench/README.md). Secret values are caught by `redactLine` instead.
 */
export function createLogger(
  level: string = 'info',
  name = 'pipeline',
  destination?: DestinationStream,
  { redactLine }: LoggerOptions = {},
): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: [
        'headers.authorization',
        'request.headers.authorization',
        'err.request.headers.authorization',
        'env',
      ],
      censor: '[redacted]',
    },
    ...(redactLine ? { hooks: { streamWrite: redactLine } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
