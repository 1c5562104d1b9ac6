import type { ClaudeClient, TokenUsage } from '../../integrations/anthropic/index.js';
import type { AgentTool } from '../tool.js';

/**
 * Why the loop ended: the finish tool was called with valid input, the model ended its turn without
 * calling a tool, `maxTurns` model calls were made, the budget was spent (returned, not thrown), or the signal fired.
 */
export type AgentStopReason = 'finished' | 'end_turn' | 'max_turns' | 'budget' | 'aborted';

export interface AgentToolCall {
  name: string;
  input: unknown;
  isError: boolean;
  /** One line, e.g. `read src/x.ts, 120 lines`. */
  summary: string;
}

type Event<T extends string, D> = { type: T; message: string; data: D };

/** Progress of a loop, for the run's timeline. `message` is one readable line. */
export type AgentEvent =
  | Event<'model_call', { turn: number; promptMessages: number }>
  | Event<'model_reply', { turn: number; stopReason: string | null; usage: TokenUsage; costUsd: number }>
  | Event<'tool_call', AgentToolCall & { turn: number }>
  | Event<'compacted', { results: number; promptTokens: number }>
  | Event<'diagnosis_requested', { tool: string; failures: number }>
  | Event<'user_messages', { count: number }>
  | Event<'stopped', { reason: AgentStopReason; turns: number; costUsd: number }>;

export interface AgentBudget {
  /** Dollars the run has spent so far, including this loop's calls as reported through `onUsage`. */
  spentUsd: () => number;
  /** No model call starts once spending reaches this; absent means no limit. */
  limitUsd?: number;
}

export interface CompactionOptions {
  /** Compact once a request's prompt (input + cache read + cache write tokens) exceeds this. */
  thresholdTokens: number;
  /** Tool results kept verbatim, most recent first (default 4). */
  keepRecent?: number;
}

export interface RunAgentOptions {
  client: ClaudeClient;
  model: string;
  system: string;
  /** Include exactly one finishing tool (see `finishTool`) for the loop to end with `finished`. */
  tools: AgentTool[];
  userMessage: string;
  /** Maximum model calls. */
  maxTurns: number;
  /** Per reply (default 8192). */
  maxTokens?: number;
  budget?: AgentBudget;
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void | Promise<void>;
  /** After each model call, with the model that answered (the API names the exact version). */
  onUsage?: (usage: TokenUsage, costUsd: number, model: string) => void | Promise<void>;
  compaction?: CompactionOptions;
  /** Follow-up comments to deliver at the next step, wrapped as untrusted data. */
  pendingMessages?: () => string[] | Promise<string[]>;
}

export interface RunAgentResult {
  stopReason: AgentStopReason;
  /** The finish tool's parsed input, when `stopReason` is `finished`. */
  finishInput?: unknown;
  /** Text of the last model reply. */
  text: string;
  usage: TokenUsage;
  costUsd: number;
  /** Model calls made. */
  turns: number;
  toolCalls: AgentToolCall[];
}
