import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { PipelineApi } from './pipeline-api.js';

/** What a tool's handler is given by the SDK with each call: the caller's auth, progress token, abort signal. */
export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** What every tool of the controller needs. */
export type ToolContext = {
  /** The HTTP API as this call's caller (over stdio: the configured token; over HTTP: the request's). */
  apiFor(extra: ToolExtra): PipelineApi;
  /** How often `wait_for_run` and resource subscriptions look for new events. */
  pollMs: number;
};
