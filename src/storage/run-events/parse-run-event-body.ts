import { z } from 'zod';
import { RunEventTypes, runEventBodySchema, type RunEventBody } from './run-event-body.js';

/** An event a writer tried to record that no schema accepts: a bug in the writer, never retried. */
export class InvalidRunEventError extends Error {
  override name = 'InvalidRunEventError';
}

const KNOWN_TYPES = new Set<string>(RunEventTypes);

/**
 * The event's type and data checked against its schema, or an InvalidRunEventError naming the type and
 * what is wrong. Writers' types are checked at compile time too; this catches what a cast or JSON let through.
 */
export function parseRunEventBody(type: string, data: unknown): RunEventBody {
  const parsed = runEventBodySchema.safeParse({ type, data });
  if (parsed.success) return parsed.data;
  if (!KNOWN_TYPES.has(type)) {
    throw new InvalidRunEventError(
      `Run event type '${type}' is unknown: add its schema to src/storage/run-events before writing it.`,
    );
  }
  throw new InvalidRunEventError(
    `Run event '${type}' refused: its data does not match the schema.\n${z.prettifyError(parsed.error)}`,
  );
}
