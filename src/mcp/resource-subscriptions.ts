import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ErrorCode,
  McpError,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../monitoring/logger.js';
import { readEventsAfter } from './read-events-after.js';
import type { ToolContext } from './tool-context.js';

const RUN_URI = /^pipeline:\/\/runs\/([0-9a-f-]{36})(\/plan)?$/i;

/**
 * `resources/subscribe` on a run's resources: while subscribed, the session looks for new events of the run
 * (with the subscriber's token) and sends `notifications/resources/updated` for each subscribed URI of the run
 * when there are any. Watching stops on unsubscribe and when the session closes.
 */
export function enableRunSubscriptions(server: McpServer, ctx: ToolContext, logger: Logger): void {
  const watches = new Map<string, { uris: Set<string>; timer: NodeJS.Timeout }>();
  server.server.registerCapabilities({ resources: { subscribe: true } });

  server.server.setRequestHandler(SubscribeRequestSchema, async (request, extra) => {
    const match = RUN_URI.exec(request.params.uri);
    const runId = match?.[1]?.toLowerCase();
    if (!runId) throw new McpError(ErrorCode.InvalidParams, `uri: not a run resource: ${request.params.uri}`);
    const api = ctx.apiFor(extra);
    // What the run did before the subscription is not an update: start from its newest event.
    const start = await readEventsAfter(api, runId, 0);
    if (!start.ok) throw new McpError(-32002, `${request.params.uri}: ${start.detail}`);
    let cursor = start.cursor;
    const existing = watches.get(runId);
    if (existing) {
      existing.uris.add(request.params.uri);
      return {};
    }
    let busy = false;
    const uris = new Set([request.params.uri]);
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void readEventsAfter(api, runId, cursor)
        .then(async (read) => {
          if (!read.ok || read.cursor === cursor) return;
          cursor = read.cursor;
          for (const uri of uris) await server.server.sendResourceUpdated({ uri });
        })
        .catch((err: unknown) => logger.warn({ err, runId }, 'could not look for a subscribed run’s events'))
        .finally(() => {
          busy = false;
        });
    }, ctx.pollMs);
    timer.unref();
    watches.set(runId, { uris, timer });
    return {};
  });

  server.server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
    const runId = RUN_URI.exec(request.params.uri)?.[1]?.toLowerCase();
    const watch = runId ? watches.get(runId) : undefined;
    watch?.uris.delete(request.params.uri);
    if (runId && watch && watch.uris.size === 0) {
      clearInterval(watch.timer);
      watches.delete(runId);
    }
    return {};
  });

  const previousOnClose = server.server.onclose;
  server.server.onclose = () => {
    for (const watch of watches.values()) clearInterval(watch.timer);
    watches.clear();
    previousOnClose?.();
  };
}
