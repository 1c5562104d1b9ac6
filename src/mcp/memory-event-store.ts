import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { LRUCache } from 'lru-cache';

type Stored = { seq: number; message: JSONRPCMessage };
type SessionStreams = LRUCache<string, Stored[]>;

type EventStoreLimits = {
  /** Messages kept per stream (the most recent). */
  perStream: number;
  /** Streams kept per session (the most recently used; each request has its own). */
  streamsPerSession: number;
  /** Sessions kept (the most recently used). */
  sessions: number;
};

const DEFAULT_LIMITS: EventStoreLimits = { perStream: 500, streamsPerSession: 100, sessions: 1_000 };

/**
 * Messages sent on each Streamable HTTP stream, so a client that lost its connection reconnects with
 * `Last-Event-ID` and gets what it missed. Each session has its own view (`forSession`): the SDK names every
 * session's standalone GET stream alike, and one session's Last-Event-ID must never replay another's messages.
 * Bounded by `EventStoreLimits` (a client gone longer than that starts over).
 */
export class MemoryEventStore {
  private seq = 0;
  private readonly sessions: LRUCache<string, SessionStreams>;
  private readonly limits: EventStoreLimits;

  constructor(limits: Partial<EventStoreLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.sessions = new LRUCache({ max: this.limits.sessions });
  }

  /** The event store of one session's transport. */
  forSession(sessionId: string): EventStore {
    const streamsOf = () => {
      let streams = this.sessions.get(sessionId);
      if (!streams) {
        streams = new LRUCache({ max: this.limits.streamsPerSession });
        this.sessions.set(sessionId, streams);
      }
      return streams;
    };
    return {
      storeEvent: (streamId, message) => {
        const seq = ++this.seq;
        const streams = streamsOf();
        const events = streams.get(streamId) ?? [];
        events.push({ seq, message });
        if (events.length > this.limits.perStream) events.splice(0, events.length - this.limits.perStream);
        streams.set(streamId, events);
        return Promise.resolve(eventId(streamId, seq));
      },
      getStreamIdForEventId: (id) => Promise.resolve(parseEventId(id)?.streamId),
      replayEventsAfter: async (lastEventId, { send }) => {
        const parsed = parseEventId(lastEventId);
        const events = parsed ? this.sessions.get(sessionId)?.get(parsed.streamId) : undefined;
        if (!parsed || !events) return '';
        // Messages stored while this replays are replayed too (the transport skips them live): read by seq, as
        // the list may grow or be trimmed between sends.
        let after = parsed.seq;
        for (;;) {
          const next = events.find((event) => event.seq > after);
          if (!next) return parsed.streamId;
          await send(eventId(parsed.streamId, next.seq), next.message);
          after = next.seq;
        }
      },
    };
  }

  /** Drops a closed session's messages. */
  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
}

const eventId = (streamId: string, seq: number) => `${streamId}.${seq}`;

function parseEventId(id: string): { streamId: string; seq: number } | undefined {
  const dot = id.lastIndexOf('.');
  const seq = Number(id.slice(dot + 1));
  if (dot <= 0 || !Number.isSafeInteger(seq)) return undefined;
  return { streamId: id.slice(0, dot), seq };
}
