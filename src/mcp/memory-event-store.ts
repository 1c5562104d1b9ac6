import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { LRUCache } from 'lru-cache';

type Stored = { seq: number; message: JSONRPCMessage };

/**
 * Messages sent on each Streamable HTTP stream, so a client that lost its connection reconnects with
 * `Last-Event-ID` and gets what it missed. Bounded: the most recent `perStream` messages of the most recently
 * used `streams` streams are kept (a client gone longer than that starts over).
 */
export class MemoryEventStore implements EventStore {
  private seq = 0;
  private readonly streams: LRUCache<string, Stored[]>;

  constructor(
    private readonly perStream = 500,
    streams = 1_000,
  ) {
    this.streams = new LRUCache({ max: streams });
  }

  storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const seq = ++this.seq;
    const events = this.streams.get(streamId) ?? [];
    events.push({ seq, message });
    if (events.length > this.perStream) events.splice(0, events.length - this.perStream);
    this.streams.set(streamId, events);
    return Promise.resolve(eventId(streamId, seq));
  }

  getStreamIdForEventId(id: string): Promise<string | undefined> {
    return Promise.resolve(parseEventId(id)?.streamId);
  }

  async replayEventsAfter(
    lastEventId: string,
    { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> },
  ): Promise<string> {
    const parsed = parseEventId(lastEventId);
    const events = parsed ? this.streams.get(parsed.streamId) : undefined;
    if (!parsed || !events) return '';
    for (const event of events) {
      if (event.seq > parsed.seq) await send(eventId(parsed.streamId, event.seq), event.message);
    }
    return parsed.streamId;
  }
}

const eventId = (streamId: string, seq: number) => `${streamId}.${seq}`;

function parseEventId(id: string): { streamId: string; seq: number } | undefined {
  const dot = id.lastIndexOf('.');
  const seq = Number(id.slice(dot + 1));
  if (dot <= 0 || !Number.isSafeInteger(seq)) return undefined;
  return { streamId: id.slice(0, dot), seq };
}
