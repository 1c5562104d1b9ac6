import { randomUUID } from 'node:crypto';
import type { IssueLocks } from './lock-types.js';

/** In-process locks with the same expiry semantics as the Redis ones. */
export function createMemoryIssueLocks(): IssueLocks {
  const held = new Map<string, { token: string; expiresAt: number }>();
  return {
    async acquireIssueLock(key, ttlMs) {
      const now = Date.now();
      const current = held.get(key);
      if (current && current.expiresAt > now) return null;
      const token = randomUUID();
      held.set(key, { token, expiresAt: now + ttlMs });
      return async () => {
        if (held.get(key)?.token === token) held.delete(key);
      };
    },
    async close() {
      held.clear();
    },
  };
}
