/**
 * SSE fan-out: SUBSCRIBERS EventSource clients on one run's `/api/v1/runs/{id}/stream`, and as many on the bare
 * echo server's `/stream`. Each app event is what a worker does: committed to `events`, then published on the
 * Redis bus; the latency of one delivery runs from the end of that commit (just before the publish) to the
 * moment a subscriber has the message. The bare server gets the same publish on a channel of its own. Rounds
 * alternate between the two servers so both see the same machine.
 */
import { EventSource } from 'eventsource';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { EventBus } from '../../src/queue/index.js';
import { appendEvent, toPublished } from '../../src/storage/index.js';
import { summarize, type LatencySummary } from '../webhooks/latency.js';

export const SUBSCRIBERS = 100;
const EVENTS_PER_ROUND = 50;
const EVENT_INTERVAL_MS = 20;
const ROUND_TIMEOUT_MS = 30_000;

/** Subscribers open on one stream, recording each message's latency against the time its event was sent. */
interface Audience {
  sentAt: Map<number, number>;
  latencies: number[];
  received: Map<number, number>;
  close(): void;
}

async function openAudience(url: string, count: number): Promise<Audience> {
  const sentAt = new Map<number, number>();
  const received = new Map<number, number>();
  const latencies: number[] = [];
  const sources: EventSource[] = [];
  const onMessage = (data: string) => {
    const now = performance.now();
    const { id } = JSON.parse(data) as { id: number };
    const sent = sentAt.get(id);
    if (sent === undefined) return;
    latencies.push(now - sent);
    received.set(id, (received.get(id) ?? 0) + 1);
  };
  await Promise.all(
    Array.from({ length: count }, () => {
      const source = new EventSource(url);
      sources.push(source);
      // The app names each message by its event type; the bare server sends unnamed messages.
      source.addEventListener('node_started', (e) => onMessage(e.data));
      source.onmessage = (e) => onMessage(e.data);
      return new Promise<void>((resolve, reject) => {
        source.onopen = () => resolve();
        source.onerror = (e) => reject(new Error(`EventSource ${url}: ${e.message ?? 'error'}`));
      });
    }),
  );
  return { sentAt, latencies, received, close: () => sources.forEach((s) => s.close()) };
}

/** Sends one round of events and waits until every subscriber has every one. */
async function round(audience: Audience, send: () => Promise<number>): Promise<number[]> {
  const from = audience.latencies.length;
  const ids: number[] = [];
  for (let i = 0; i < EVENTS_PER_ROUND; i++) {
    ids.push(await send());
    await new Promise((resolve) => setTimeout(resolve, EVENT_INTERVAL_MS));
  }
  const deadline = performance.now() + ROUND_TIMEOUT_MS;
  while (ids.some((id) => (audience.received.get(id) ?? 0) < SUBSCRIBERS)) {
    if (performance.now() > deadline)
      throw new Error('fan-out round: some subscribers never got some events');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return audience.latencies.slice(from);
}

export interface FanOutResult {
  subscribers: number;
  events: number;
  app: LatencySummary;
  bare: LatencySummary;
  /** App p99 / bare p99 per round pair. */
  roundRatios: number[];
}

export async function measureFanOut(input: {
  appUrl: string;
  bareUrl: string;
  runId: string;
  pool: Pool;
  bus: EventBus;
  redis: Redis;
  bareChannel: string;
  rounds: number;
  log: (line: string) => void;
}): Promise<FanOutResult> {
  const app = await openAudience(`${input.appUrl}/api/v1/runs/${input.runId}/stream`, SUBSCRIBERS);
  const bare = await openAudience(`${input.bareUrl}/stream`, SUBSCRIBERS);
  let bareId = 0;
  const sendApp = async () => {
    const event = await appendEvent(input.pool, {
      runId: input.runId,
      type: 'node_started',
      message: 'develop started',
      data: { node: 'develop' },
    });
    app.sentAt.set(event.id, performance.now());
    await input.bus.publish(toPublished(event));
    return event.id;
  };
  const sendBare = async () => {
    bareId += 1;
    const message = JSON.stringify({ id: bareId, type: 'node_started', message: 'develop started' });
    bare.sentAt.set(bareId, performance.now());
    await input.redis.publish(input.bareChannel, message);
    return bareId;
  };
  try {
    // One unmeasured round each: connections, JIT and the prepared statements warm up.
    await round(app, sendApp);
    await round(bare, sendBare);
    const appAll: number[] = [];
    const bareAll: number[] = [];
    const roundRatios: number[] = [];
    for (let r = 0; r < input.rounds; r++) {
      const order = r % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
      const got: Record<'app' | 'bare', number[]> = { app: [], bare: [] };
      for (const which of order)
        got[which] = await round(which === 'app' ? app : bare, which === 'app' ? sendApp : sendBare);
      appAll.push(...got.app);
      bareAll.push(...got.bare);
      const ratio = summarize(got.app).p99 / summarize(got.bare).p99;
      roundRatios.push(Math.round(ratio * 100) / 100);
      input.log(
        `api: fan-out round ${r + 1}/${input.rounds}: app p99 ${summarize(got.app).p99} ms, bare ${summarize(got.bare).p99} ms`,
      );
    }
    return {
      subscribers: SUBSCRIBERS,
      events: input.rounds * EVENTS_PER_ROUND,
      app: summarize(appAll),
      bare: summarize(bareAll),
      roundRatios,
    };
  } finally {
    app.close();
    bare.close();
  }
}
