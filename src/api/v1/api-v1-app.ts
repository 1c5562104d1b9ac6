import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RateLimitInfo } from 'hono-rate-limiter';
import type pg from 'pg';
import type { ApiToken } from '../../config/api-tokens.js';
import type { Logger } from '../../monitoring/logger.js';
import type { EventBus, RunQueue } from '../../queue/index.js';
import type { Principal } from './principal.js';
import type { RateLimitOptions } from './rate-limit.js';

/** Finds the app's installation and the open issue a run started through the API works on. */
export type LocateIssue = (
  repoFullName: string,
  issueNumber: number,
) => Promise<{ found: true; installationId: number; title: string } | { found: false; reason: string }>;

export interface ApiV1Deps {
  db: pg.Pool;
  /** Given by the composition root (the API never imports the GitHub layer). */
  locateIssue: LocateIssue;
  queue: RunQueue;
  bus: EventBus;
  tokens: readonly ApiToken[] | undefined;
  /** Requests per caller and window (see `limitRatePerCaller`). */
  rateLimit: Omit<RateLimitOptions, 'logger'>;
  logger: Logger;
}

/** What a route handler finds on its context: the authenticated caller, and where it stands with its rate limit. */
export type ApiV1Env = { Variables: { principal: Principal; rateLimit: RateLimitInfo } };

export type ApiV1App = OpenAPIHono<ApiV1Env>;
