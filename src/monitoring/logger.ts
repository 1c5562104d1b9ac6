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
 * The key-based redaction names whole paths only. A path starting with a wildcard (`*.token`) would make
 * pino run its redactor, which parses every path again on each call, over every child logger's bindings
 * and over every key of every line: 14 KB of garbage per webhook delivery for bindings that are ids.
 * Secret values are caught by `redactLine` instead.
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
