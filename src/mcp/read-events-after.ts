import type { EventPageJson, PipelineApi } from './pipeline-api.js';

/** The API's largest page of a run's events: reading to the newest takes few requests even on a long run. */
const EVENT_PAGE = 1000;

export type RunEventJson = EventPageJson['events'][number];

/**
 * Reads the run's events after `cursor` up to the newest, a page at a time, handing each to `onEvent` in order.
 * Answers the id of the last event read (`cursor` when there was none), or the API's refusal.
 */
export async function readEventsAfter(
  api: PipelineApi,
  runId: string,
  cursor: number,
  onEvent: (event: RunEventJson) => Promise<void> | void = () => undefined,
): Promise<{ ok: true; cursor: number } | { ok: false; status: number; detail: string }> {
  let last = cursor;
  for (;;) {
    const page = await api.listEvents(runId, last, EVENT_PAGE);
    if (!page.ok) return page;
    for (const event of page.body.events) {
      last = event.id;
      await onEvent(event);
    }
    if (page.body.events.length < EVENT_PAGE) return { ok: true, cursor: last };
  }
}
