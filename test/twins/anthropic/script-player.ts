import { createHash } from 'node:crypto';
import type { Message } from '@anthropic-ai/sdk/resources/messages/messages.js';
import { checkExpectations, snippet } from './expectations.js';
import { twinFailure, type TwinFailure } from './failure.js';
import type { MessagesRequest } from './request-schema.js';
import type { RequestView } from './request-view.js';
import type { ParsedTwinScript, ScriptConversation, ScriptedReply } from './script.js';

interface Instance {
  conversation: ScriptConversation;
  key: string;
  /** Identifies later requests: hash of the key and the assistant message served at turn 0. */
  fingerprint?: string;
  served: Message[];
}

export type PlayOutcome =
  | { ok: true; conversation: string; turn: number; message: Message }
  | { ok: false; conversation: string | undefined; turn: number; failure: TwinFailure };

type Build = (reply: ScriptedReply) => Message;

function hash(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

type AnyBlock = { type: string; text?: unknown; id?: unknown };

function normalise(content: string | readonly AnyBlock[]): string {
  if (typeof content === 'string') return `t:${content}`;
  return content
    .map((b) => (b.type === 'tool_use' ? `u:${String(b.id)}` : `${b.type}:${String(b.text)}`))
    .join('|');
}

function matches(conversation: ScriptConversation, view: RequestView): boolean {
  const m = conversation.match;
  if (!m) return true;
  const systemOk = m.systemIncludes === undefined || view.system.includes(m.systemIncludes);
  return systemOk && (m.firstUserIncludes === undefined || view.firstUser.includes(m.firstUserIncludes));
}

/**
 * Replays a script statelessly from the caller's point of view: the turn is the number of assistant
 * messages in the request, a request without any starts (or, retried, replays) a conversation, and
 * later requests find their conversation by the first assistant message the twin served.
 */
export class ScriptPlayer {
  readonly failures: TwinFailure[] = [];
  private readonly instances: Instance[] = [];
  private readonly started = new Set<number>();

  constructor(private readonly script: ParsedTwinScript) {}

  play(body: MessagesRequest, view: RequestView, build: Build): PlayOutcome {
    const key = hash(view.system, view.firstUser);
    const instance = view.turn === 0 ? this.startOrReplay(key, view) : this.find(key, body);
    if (!instance) return this.unclaimed(view, build);
    const name = instance.conversation.name;
    const replay = instance.served[view.turn];
    if (replay) return { ok: true, conversation: name, turn: view.turn, message: replay };
    const turn = instance.conversation.turns[view.turn];
    if (!turn) {
      const count = instance.conversation.turns.length;
      return this.fail(name, view.turn, [
        `the script has ${count} turn(s) (0–${count - 1}) but the request asks for turn ${view.turn}: the caller kept going after the script ended.`,
        `  got last user message: ${snippet(view.lastUser)}`,
      ]);
    }
    const misses = checkExpectations(turn.expect, view);
    if (misses.length > 0) {
      return this.fail(name, view.turn, [
        'the request does not fit the script.',
        ...misses.flatMap((m) => [`  - expected ${m.expected}`, `    got: ${m.got}`]),
      ]);
    }
    const message = build(turn.reply);
    instance.served[view.turn] = message;
    if (view.turn === 0) instance.fingerprint = hash(key, normalise(message.content));
    return { ok: true, conversation: name, turn: view.turn, message };
  }

  /** Conversations not started and turns not served, one readable line each. */
  pending(): string[] {
    const notStarted = this.script.conversations.flatMap((c, i) =>
      this.started.has(i) ? [] : [`"${c.name}": not started (${c.turns.length} turn(s) scripted)`],
    );
    const unfinished = this.instances
      .filter((inst) => inst.served.length < inst.conversation.turns.length)
      .map(
        (inst) =>
          `"${inst.conversation.name}": served ${inst.served.length} of ${inst.conversation.turns.length} turn(s)`,
      );
    return [...notStarted, ...unfinished];
  }

  private startOrReplay(key: string, view: RequestView): Instance | undefined {
    const index = this.script.conversations.findIndex((c, i) => !this.started.has(i) && matches(c, view));
    const conversation = this.script.conversations[index];
    if (conversation) {
      this.started.add(index);
      const instance: Instance = { conversation, key, served: [] };
      this.instances.push(instance);
      return instance;
    }
    return this.instances.findLast((inst) => inst.key === key);
  }

  private find(key: string, body: MessagesRequest): Instance | undefined {
    const first = body.messages[1];
    if (!first) return undefined;
    const fingerprint = hash(key, normalise(first.content));
    return this.instances.findLast((inst) => inst.fingerprint === fingerprint);
  }

  private unclaimed(view: RequestView, build: Build): PlayOutcome {
    if (this.script.default) {
      return { ok: true, conversation: 'default', turn: view.turn, message: build(this.script.default) };
    }
    const candidates = this.script.conversations.map((c, i) => {
      const state = this.started.has(i)
        ? 'already started'
        : matches(c, view)
          ? 'fits'
          : 'match does not fit';
      return `    - "${c.name}" match ${JSON.stringify(c.match ?? {})} (${state})`;
    });
    const reason =
      view.turn === 0
        ? 'no script conversation is left for this first request.'
        : 'no conversation the twin started has this first assistant message (the history was edited, or turn 0 came from elsewhere).';
    return this.fail(undefined, view.turn, [
      reason,
      '  expected one of:',
      ...(candidates.length > 0 ? candidates : ['    (the script has no conversations)']),
      `  got system: ${snippet(view.system, 200)}`,
      `  got first user message: ${snippet(view.firstUser, 200)}`,
    ]);
  }

  private fail(conversation: string | undefined, turn: number, lines: string[]): PlayOutcome {
    const failure = twinFailure(conversation, turn, lines);
    this.failures.push(failure);
    return { ok: false, conversation, turn, failure };
  }
}
