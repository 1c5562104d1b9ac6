import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { MemoryEventStore } from '../../../src/mcp/memory-event-store.js';

const note = (n: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/progress',
  params: { progressToken: 1, progress: n },
});

async function replay(store: EventStore, after: string, onSent?: () => Promise<void>) {
  const sent: { id: string; message: JSONRPCMessage }[] = [];
  const stream = await store.replayEventsAfter(after, {
    send: async (id, message) => {
      sent.push({ id, message });
      await onSent?.();
    },
  });
  return { stream, sent };
}

describe('the event store behind resumable /mcp streams', () => {
  describe('a client that reconnects with Last-Event-ID', () => {
    it('gets what was sent on its stream after that event, in order, and nothing of other streams', async () => {
      const store = new MemoryEventStore().forSession('a');
      const first = await store.storeEvent('s1', note(1));
      await store.storeEvent('s2', note(99));
      const second = await store.storeEvent('s1', note(2));
      await store.storeEvent('s1', note(3));

      const { stream, sent } = await replay(store, first);
      expect(stream).toBe('s1');
      expect(sent.map((e) => e.message)).toEqual([note(2), note(3)]);
      expect(sent[0]?.id).toBe(second);
      expect(await store.getStreamIdForEventId?.(second)).toBe('s1');
    });

    it('also gets what its stream was sent while the replay was under way', async () => {
      const store = new MemoryEventStore().forSession('a');
      const first = await store.storeEvent('s', note(1));
      await store.storeEvent('s', note(2));
      let more = 3;
      const { sent } = await replay(store, first, async () => {
        if (more <= 4) await store.storeEvent('s', note(more++));
      });
      expect(sent.map((e) => e.message)).toEqual([note(2), note(3), note(4)]);
    });

    it('never gets another session’s messages, though the SDK names both sessions’ GET streams alike', async () => {
      const events = new MemoryEventStore();
      const mine = events.forSession('mine');
      const theirs = events.forSession('theirs');
      const seen = await mine.storeEvent('_GET_stream', note(1));
      await theirs.storeEvent('_GET_stream', note(666));
      await mine.storeEvent('_GET_stream', note(2));
      expect((await replay(mine, seen)).sent.map((e) => e.message)).toEqual([note(2)]);
    });
  });

  describe('a client gone too long', () => {
    it('gets only the most recent messages the store keeps per stream', async () => {
      const store = new MemoryEventStore({ perStream: 2 }).forSession('a');
      const first = await store.storeEvent('s', note(1));
      for (const n of [2, 3, 4]) await store.storeEvent('s', note(n));
      const { sent } = await replay(store, first);
      expect(sent.map((e) => e.message)).toEqual([note(3), note(4)]);
    });

    it('starts over when its stream was dropped or its event id is not one of ours', async () => {
      const store = new MemoryEventStore({ streamsPerSession: 1 }).forSession('a');
      const old = await store.storeEvent('old', note(1));
      await store.storeEvent('new', note(2));
      expect(await replay(store, old)).toEqual({ stream: '', sent: [] });
      expect(await replay(store, 'garbage')).toEqual({ stream: '', sent: [] });
    });

    it('starts over when its session was closed', async () => {
      const events = new MemoryEventStore();
      const store = events.forSession('a');
      const seen = await store.storeEvent('s', note(1));
      await store.storeEvent('s', note(2));
      events.forget('a');
      expect(await replay(store, seen)).toEqual({ stream: '', sent: [] });
    });
  });
});
