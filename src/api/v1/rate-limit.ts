import type { MiddlewareHandler } from 'hono';
import { MemoryStore, RedisStore, rateLimiter, type RedisClient, type Store } from 'hono-rate-limiter';
import type { Redis } from 'ioredis';
import type { Logger } from '../../monitoring/logger.js';
import type { ApiV1Env } from './api-v1-app.js';
import { problem } from './problem.js';

export interface RateLimitOptions {
  /** Requests one caller may make per window. */
  limit: number;
  windowMs: number;
  /** Shared counts across web processes; without it each process counts on its own. */
  redis?: { client: Redis; prefix: string };
  logger: Logger;
}

/**
 * Limits each API caller (per token, or `api:local`) to `limit` requests per window, counted in Redis when
 * there is one so that every web process shares the count. Past the limit: 429 problem+json with
 * `Retry-After`; the `RateLimit-*` headers tell every caller where it stands. Runs after authentication, so
 * the key is the caller, never a header the caller chose. When Redis cannot count, requests go through (the
 * API stays up) and the failure is logged.
 */
export function limitRatePerCaller(options: RateLimitOptions): MiddlewareHandler<ApiV1Env> {
  const store: Store<ApiV1Env> = options.redis
    ? new RedisStore({ client: ioredisClient(options.redis.client), prefix: options.redis.prefix })
    : new MemoryStore();
  return rateLimiter<ApiV1Env>({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => c.get('principal').actor,
    store: failOpen(store, options.logger),
    handler: (c) => {
      const { resetTime } = c.get('rateLimit');
      const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
      return problem(
        c,
        429,
        `This token made more than ${options.limit} requests in ${options.windowMs / 1000} s; try again in ${retryAfter} s.`,
        { 'retry-after': String(retryAfter) },
      );
    },
  });
}

/** The client interface the library's Redis store calls, over ioredis. */
function ioredisClient(redis: Redis): RedisClient {
  return {
    scriptLoad: async (script) => String(await redis.script('LOAD', script)),
    // The store names its reply type; what comes back is whatever its Lua script returns.
    evalsha: async <TArgs extends unknown[], TData>(sha1: string, keys: string[], args: TArgs) =>
      (await redis.evalsha(sha1, keys.length, ...keys, ...args.map(String))) as TData,
    decr: (key) => redis.decr(key),
    del: (key) => redis.del(key),
  };
}

/** A store that lets requests through, with a warning, when its backend fails. */
function failOpen(store: Store<ApiV1Env>, logger: Logger): Store<ApiV1Env> {
  const warn = (error: unknown) => logger.warn({ err: error }, 'API rate limit could not be counted');
  return {
    init: (config) => store.init?.(config),
    async increment(key) {
      try {
        return await store.increment(key);
      } catch (error) {
        warn(error);
        return { totalHits: 0 };
      }
    },
    async decrement(key) {
      try {
        await store.decrement(key);
      } catch (error) {
        warn(error);
      }
    },
    async resetKey(key) {
      await store.resetKey(key);
    },
  };
}
