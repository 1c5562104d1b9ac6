import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { RateLimitInfo } from 'hono-rate-limiter';
import type pg from 'pg';
import type { ApiToken } from '../../config/api-tokens.js';
import type { Logger } from '../../monitoring/logger.js';
import type { EventBus, RunQueue } from '../../queue/index.js';
import type { Run } from '../../storage/index.js';
import type { Authentication, Principal } from './principal.js';
import type { RateLimitOptions } from './rate-limit.js';

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

/** One file the code index found for a query, with the range of its best-matching chunk. */
export type CodeSearchHit = {
  path: string;
  startLine: number;
  endLine: number;
  /** Declarations in the range; '' for loose code. */
  symbol: string;
  score: number;
  /** The chunk's text; '' once the search's token budget is spent. */
  snippet: string;
};

/** Searches a repository's code index; `commit` is undefined when the repository was never indexed. */
export type SearchCode = (
  repoFullName: string,
  query: string,
  k: number,
) => Promise<{ commit: string | undefined; hits: CodeSearchHit[] }>;
/** A run's pull request as a unified diff (cut at a size, saying so), or why GitHub gives none. */
export type DiffOf = (
  run: Run & { prNumber: number },
) => Promise<
  { found: true; diff: string; bytes: number; truncated: boolean } | { found: false; reason: string }
>;

export interface ApiV1Deps {
  db: pg.Pool;
  /** Given by the composition root (the API never imports the GitHub layer). */
  locateIssue: LocateIssue;
  /** The run's cost limit from its repository's configuration (null: unknown); absent, none is shown. */
  budgetOf?: (run: Run) => Promise<number | null>;
  /** Given by the composition root; without it a start must name an existing issue. */
  openIssue?: OpenIssue;
  queue: RunQueue;
  bus: EventBus;
  tokens: readonly ApiToken[] | undefined;
  /** The dashboard's sign-in: authenticates a request without `Authorization` by its session cookie. */
  sessions?: SessionAuthentication;
  /**
   * Whether this machine gets full access without tokens (default true). False once people sign in to the
   * dashboard: a browser here could otherwise drop its session and see everything.
   */
  loopbackAccess?: boolean;
  /** Requests per caller and window (see `limitRatePerCaller`). */
  rateLimit: Omit<RateLimitOptions, 'logger'>;
  logger: Logger;
  /**
   * Given by the composition root (the API never loads the code index itself), or why there is none; absent,
   * the code index is off.
   */
  searchCode?: SearchCode | { unavailable: string };
  /** Given by the composition root (reads the pull request from GitHub); absent, a run's diff is unavailable. */
  diffOf?: DiffOf;
}

/** The caller of a request that carries the dashboard's session, or undefined when it carries none. */
export type SessionAuthentication = (c: Context) => Promise<Authentication | undefined>;

/** What a route handler finds on its context: the authenticated caller, and where it stands with its rate limit. */
export type ApiV1Env = { Variables: { principal: Principal; rateLimit: RateLimitInfo } };

export type ApiV1App = OpenAPIHono<ApiV1Env>;
