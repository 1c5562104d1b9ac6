import type { ErrorEvent, NodeClient } from '@sentry/node';

/** An error the app logged: the error itself when there is one, the log message, and tags to find it by. */
export interface ErrorReport {
  error: unknown;
  message: string;
  tags: Record<string, string>;
}

export type ReportError = (report: ErrorReport) => void;

export interface ErrorReportingOptions {
  /** Sentry DSN (`SENTRY_DSN`). */
  dsn: string;
  environment: string;
  /** Rewrites text so no secret is left in it: every event passes through it whole before it is sent. */
  scrub: (text: string) => string;
}

/** Clients opened (or being opened), flushed and closed at shutdown (see `flushErrorReports`). */
const openClients = new Set<Promise<NodeClient>>();

/**
 * Sends errors to Sentry through a client of the app's own (no global hub, no automatic instrumentation: the
 * app reports what it logs at error level, see `createLogger`'s `reportError`). Every event is scrubbed whole
 * with the app's secret redactor before it leaves, whatever field a secret ended up in. The SDK is loaded
 * only here, so a process without SENTRY_DSN carries none of it; reports made while it loads are sent once
 * it has.
 */
export function createErrorReporter(options: ErrorReportingOptions): ReportError {
  const opening = import('@sentry/node').then((sentry) => {
    const client = new sentry.NodeClient({
      dsn: options.dsn,
      environment: options.environment,
      transport: sentry.makeNodeTransport,
      stackParser: sentry.defaultStackParser,
      integrations: [],
      sendDefaultPii: false,
      beforeSend: (event) => scrubbed(event, options.scrub),
    });
    client.init();
    const send = ({ error, message, tags }: ErrorReport) => {
      const scope = new sentry.Scope();
      scope.setClient(client);
      scope.setTags(tags);
      if (error === undefined) client.captureMessage(message, 'error', undefined, scope);
      else client.captureException(error, { data: { message } }, scope);
    };
    return { client, send };
  });
  openClients.add(opening.then(({ client }) => client));
  return (report) => {
    opening.then(
      ({ send }) => send(report),
      (error: unknown) =>
        process.stderr.write(`Sentry could not be loaded; an error went unreported: ${String(error)}\n`),
    );
  };
}

/** Waits (at most `timeoutMs`) for the reports still being sent, and closes the clients. */
export async function flushErrorReports(timeoutMs = 2_000): Promise<void> {
  const clients = [...openClients];
  openClients.clear();
  // A client that never loaded has nothing to send (its failure was written to stderr when reported to).
  await Promise.allSettled(clients.map(async (opening) => (await opening).close(timeoutMs)));
}

function scrubbed(event: ErrorEvent, scrub: (text: string) => string): ErrorEvent {
  return JSON.parse(scrub(JSON.stringify(event))) as ErrorEvent;
}
