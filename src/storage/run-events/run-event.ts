import type { RunEventBody, RunEventType } from './run-event-body.js';

/** Where and when an event was recorded. */
export interface RunEventMeta {
  id: number;
  runId: string;
  stepId: number | null;
  /** One plain sentence for people reading the timeline. */
  message: string;
  createdAt: Date;
}

/** A known event read back from the run's timeline. */
export type RunEvent = RunEventMeta & RunEventBody;

/** A known event of one type. */
export type RunEventOf<T extends RunEventType> = RunEventMeta & Extract<RunEventBody, { type: T }>;

/**
 * A stored row no schema accepts (a type from an older version, or data that no longer fits): readers get
 * it as this rather than a crash, keep walking past it, and act on nothing in it.
 */
export type UnreadableRunEvent = RunEventMeta & {
  type: 'unreadable';
  data: { storedType: string; storedData: unknown; problem: string };
};

/** What readers of the timeline get for each row. */
export type StoredRunEvent = RunEvent | UnreadableRunEvent;

/**
 * An event as it goes out on the live bus once stored: its id (where a live stream resumes from, as SSE's
 * `Last-Event-ID`), the same type and data, and when it was recorded.
 */
export type PublishedRunEvent = { id: number; runId: string; message: string; at: string } & RunEventBody;

export function toPublished(event: RunEvent): PublishedRunEvent {
  const { stepId: _stepId, createdAt, ...rest } = event;
  return { ...rest, at: createdAt.toISOString() };
}
