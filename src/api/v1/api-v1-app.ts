import type { OpenAPIHono } from '@hono/zod-openapi';
import type pg from 'pg';
import type { ApiToken } from '../../config/api-tokens.js';
import type { Logger } from '../../monitoring/logger.js';
import type { EventBus, RunQueue } from '../../queue/index.js';
import type { Principal } from './principal.js';

/** Finds the app's installation and the open issue a run started through the API works on. */
export type LocateIssue = (
  repoFullName: string,
  issueNumber: number,
) => Promise<{ found: true; installationId: number; title: string } | { found: false; reason: string }>;

/** Opens a new issue for a run asked for with a title and a body (as the app, saying who asked). */
export type OpenIssue = (
  repoFullName: string,
  issue: { title: string; body: string; requestedBy: string },
) => Promise<
  { found: true; installationId: number; number: number; title: string } | { found: false; reason: string }
>;

export interface ApiV1Deps {
  db: pg.Pool;
  /** Given by the composition root (the API never imports the GitHub layer). */
  locateIssue: LocateIssue;
  /** Given by the composition root; without it a start must name an existing issue. */
  openIssue?: OpenIssue;
  queue: RunQueue;
  bus: EventBus;
  tokens: readonly ApiToken[] | undefined;
  logger: Logger;
}

/** What a route handler finds on its context: the authenticated caller. */
export type ApiV1Env = { Variables: { principal: Principal } };

export type ApiV1App = OpenAPIHono<ApiV1Env>;
