import type { OpenAPIHono } from '@hono/zod-openapi';
import type pg from 'pg';
import type { ApiToken } from '../../config/api-tokens.js';
import type { Logger } from '../../monitoring/logger.js';
import type { EventBus, RunQueue } from '../../queue/index.js';
import type { Principal } from './principal.js';

export interface ApiV1Deps {
  db: pg.Pool;
  queue: RunQueue;
  bus: EventBus;
  tokens: readonly ApiToken[] | undefined;
  logger: Logger;
}

/** What a route handler finds on its context: the authenticated caller. */
export type ApiV1Env = { Variables: { principal: Principal } };

export type ApiV1App = OpenAPIHono<ApiV1Env>;
