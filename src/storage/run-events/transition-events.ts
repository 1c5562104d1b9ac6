import { z } from 'zod';
import { reviewFeedbackSchema } from '../review-feedback.js';
import { eventSchema } from './event-schema.js';

/**
 * What the worker adds to a status change it makes (orchestration's moveRun): the sentence stored in the
 * run's `error`, and the technical detail of a failure.
 */
const workerMove = {
  error: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
};

/**
 * The events the run lifecycle's transitions write (storage/run-lifecycle). Each one's data holds `to`, the
 * status the run moved to, so the stored and the published event are the same.
 */
export const transitionEventSchemas = [
  eventSchema('run_started', z.object({ to: z.literal('running'), ...workerMove })),
  eventSchema('run_waiting_approval', z.object({ to: z.literal('waiting_approval'), ...workerMove })),
  eventSchema('approved', z.object({ to: z.literal('queued') })),
  eventSchema('plan_revision_requested', z.object({ to: z.literal('queued'), feedback: z.string().min(1) })),
  eventSchema('run_waiting_input', z.object({ to: z.literal('waiting_input'), ...workerMove })),
  eventSchema('input_received', z.object({ to: z.literal('queued'), text: z.string() })),
  eventSchema('cancel_requested', z.object({ to: z.literal('cancelled'), ...workerMove })),
  eventSchema('retry_requested', z.object({ to: z.literal('queued'), attempt: z.number().int().positive() })),
  /** Reopening an ended run (with `to`), or feedback handed to an active run (a plain event, no `to`). */
  eventSchema('review_feedback', reviewFeedbackSchema.extend({ to: z.literal('queued').optional() })),
  /** A queued deploy run replaced by a newer merge to the same environment (`by` is the newer deploy run). */
  eventSchema(
    'deploy_superseded',
    z.object({ to: z.literal('cancelled'), by: z.string(), reason: z.string().min(1) }),
  ),
  eventSchema('run_succeeded', z.object({ to: z.literal('succeeded'), ...workerMove })),
  eventSchema(
    'run_failed',
    /** Failed by the worker, or abandoned by the queue: then the job's `reason` and `deliveryId` too. */
    z.object({
      to: z.literal('failed'),
      ...workerMove,
      reason: z.string().optional(),
      deliveryId: z.string().nullable().optional(),
    }),
  ),
] as const;
