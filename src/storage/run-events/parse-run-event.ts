import { z } from 'zod';
import { num, numOrNull, type EventRow } from '../rows.js';
import { runEventBodySchema } from './run-event-body.js';
import type { StoredRunEvent } from './run-event.js';

/**
 * A stored row as readers get it: a typed event, or an UnreadableRunEvent when no schema accepts it
 * (rows written by an older version), so a reader never crashes on history.
 */
export function parseRunEvent(row: EventRow): StoredRunEvent {
  const meta = {
    id: num(row.id),
    runId: row.run_id,
    stepId: numOrNull(row.step_id),
    message: row.message,
    createdAt: row.created_at,
  };
  // jsonb NULL is how an event without data is stored.
  const body = runEventBodySchema.safeParse({ type: row.type, data: row.data ?? undefined });
  if (body.success) return { ...meta, ...body.data };
  return {
    ...meta,
    type: 'unreadable',
    data: { storedType: row.type, storedData: row.data, problem: z.prettifyError(body.error) },
  };
}
