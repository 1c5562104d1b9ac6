import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { RunSchema } from '../../api/v1/schemas.js';
import type { RunJson } from '../pipeline-api.js';
import type { ToolContext, ToolExtra } from '../tool-context.js';
import { toolAnswer, toolError } from '../tool-results.js';
import { runIdInput } from './run-id.js';

/** Statuses a run stays in until a person acts (or never leaves). */
const SETTLED = new Set(['waiting_approval', 'waiting_input', 'succeeded', 'failed', 'cancelled']);
const EVENT_PAGE = 200;

/**
 * `wait_for_run`: blocks until the run's status changes (or, with `until: "settled"`, until it needs a person or
 * has ended), or the timeout. Every event of the run meanwhile is sent as `notifications/progress` with its
 * message, which keeps a client's idle timeout from firing on a long run.
 */
export function registerWaitForRun(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'wait_for_run',
    {
      title: 'Wait for a run',
      description:
        'Wait until a run changes status (until: "change") or until it waits for you or has ended ' +
        '(until: "settled"), reporting each step as progress. Answers with the run and whether it timed out.',
      inputSchema: {
        run_id: runIdInput,
        until: z.enum(['change', 'settled']).default('settled'),
        timeout_seconds: z.number().int().min(1).max(3600).default(600),
      },
      outputSchema: { run: RunSchema, timed_out: z.boolean(), events_seen: z.number().int() },
      annotations: { readOnlyHint: true },
    },
    async ({ run_id, until, timeout_seconds }, extra) => {
      const api = ctx.apiFor(extra);
      const first = await api.getRun(run_id);
      if (!first.ok) return toolError(first.status, first.detail);
      const from = first.body.run.status;
      const done = (run: RunJson) => (until === 'change' ? run.status !== from : SETTLED.has(run.status));
      const deadline = Date.now() + timeout_seconds * 1000;
      const progress = progressReporter(extra);
      let run = first.body.run;
      let cursor = 0;
      let seen = 0;
      while (!done(run) && Date.now() < deadline && !extra.signal.aborted) {
        await sleep(ctx.pollMs, undefined, { signal: extra.signal }).catch(() => undefined);
        for (;;) {
          const page = await api.listEvents(run_id, cursor, EVENT_PAGE);
          if (!page.ok) return toolError(page.status, page.detail);
          for (const event of page.body.events) {
            cursor = event.id;
            seen += 1;
            await progress(`${event.type}: ${event.message}`);
          }
          if (page.body.events.length < EVENT_PAGE) break;
        }
        const now = await api.getRun(run_id);
        if (!now.ok) return toolError(now.status, now.detail);
        run = now.body.run;
      }
      const timedOut = !done(run);
      return toolAnswer(
        { run, timed_out: timedOut, events_seen: seen },
        timedOut
          ? `Run ${run.id} is still ${run.status} after ${timeout_seconds} s; call wait_for_run again.`
          : `Run ${run.id} is ${run.status}.`,
      );
    },
  );
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
