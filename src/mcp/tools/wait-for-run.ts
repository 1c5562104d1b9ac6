import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { RunSchema } from '../../api/v1/schemas.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { PipelineApi, RunJson } from '../pipeline-api.js';
import type { ToolContext, ToolExtra } from '../tool-context.js';
import { readEventsAfter } from '../read-events-after.js';
import { toolAnswer, toolError } from '../tool-results.js';
import { runIdInput } from './run-id.js';

/** Statuses a run stays in until a person acts (or never leaves). */
const SETTLED = new Set(['waiting_approval', 'waiting_input', 'succeeded', 'failed', 'cancelled']);

/**
 * `wait_for_run`: blocks until the run's status changes (or, with `until: "settled"`, until it needs a person or
 * has ended), or the timeout. Each event of the run after `since_event_id` (default: the newest when the call
 * starts) is sent as `notifications/progress` with its message, which keeps a client's idle timeout from firing
 * on a long run; the answer's `last_event_id` is where a caller that waits again in a loop picks up, so it sees
 * every step once.
 */
export function registerWaitForRun(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'wait_for_run',
    {
      title: 'Wait for a run',
      description:
        'Wait until a run changes status (until: "change") or until it waits for you or has ended ' +
        '(until: "settled"), reporting each new step as progress. Answers with the run, whether it timed out ' +
        'and `last_event_id`: pass it as `since_event_id` when you wait again, to be told exactly the steps since.',
      inputSchema: {
        run_id: runIdInput,
        until: z.enum(['change', 'settled']).default('settled'),
        timeout_seconds: z.number().int().min(1).max(3600).default(600),
        since_event_id: z
          .number()
          .int()
          .min(0)
          .optional()
          .describe(
            'Report the steps after this event (the last_event_id of the previous call); default: new ones',
          ),
      },
      outputSchema: {
        run: RunSchema,
        timed_out: z.boolean(),
        events_seen: z.number().int(),
        last_event_id: z.number().int(),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ run_id, until, timeout_seconds, since_event_id }, extra) => {
      const api = ctx.apiFor(extra);
      const first = await api.getRun(run_id);
      if (!first.ok) return toolError(first.status, first.detail);
      const from = first.body.run.status;
      const done = (run: RunJson) => (until === 'change' ? run.status !== from : SETTLED.has(run.status));
      const deadline = Date.now() + timeout_seconds * 1000;
      const progress = progressReporter(extra);
      const timeline = { cursor: since_event_id ?? 0, seen: 0 };
      // Without a place to start from, what happened before this call is not news: skip to the newest event.
      const failedAtStart = await readTimeline(
        api,
        run_id,
        timeline,
        since_event_id === undefined ? null : progress,
      );
      if (failedAtStart) return failedAtStart;
      let run = first.body.run;
      while (!done(run) && Date.now() < deadline && !extra.signal.aborted) {
        await sleep(ctx.pollMs, undefined, { signal: extra.signal }).catch(() => undefined);
        const now = await api.getRun(run_id);
        if (!now.ok) return toolError(now.status, now.detail);
        run = now.body.run;
        // Read after the status, so the steps that led to it are reported with it.
        const failed = await readTimeline(api, run_id, timeline, progress);
        if (failed) return failed;
      }
      const timedOut = !done(run);
      return toolAnswer(
        { run, timed_out: timedOut, events_seen: timeline.seen, last_event_id: timeline.cursor },
        timedOut
          ? `Run ${run.id} is still ${run.status} after ${timeout_seconds} s; call wait_for_run again with ` +
              `since_event_id ${timeline.cursor}.`
          : `Run ${run.id} is ${run.status}.`,
      );
    },
  );
}

/**
 * Reads the run's events after `timeline.cursor` up to the newest, moving the cursor and reporting (and
 * counting) each with `report` (null: only moves the cursor). Answers a tool error when the API refuses.
 */
async function readTimeline(
  api: PipelineApi,
  runId: string,
  timeline: { cursor: number; seen: number },
  report: ((message: string) => Promise<void>) | null,
): Promise<CallToolResult | undefined> {
  const read = await readEventsAfter(api, runId, timeline.cursor, async (event) => {
    timeline.cursor = event.id;
    if (!report) return;
    timeline.seen += 1;
    await report(`${event.type}: ${event.message}`);
  });
  return read.ok ? undefined : toolError(read.status, read.detail);
}

/** Sends progress with a human message when the caller asked for it (a progressToken); otherwise nothing. */
function progressReporter(extra: ToolExtra): (message: string) => Promise<void> {
  const token = extra._meta?.progressToken;
  let progress = 0;
  return async (message) => {
    if (token === undefined) return;
    progress += 1;
    await extra.sendNotification({
      method: 'notifications/progress',
      params: { progressToken: token, progress, message },
    });
  };
}
