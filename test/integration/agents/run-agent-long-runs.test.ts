import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelUnavailableError } from '../../../src/integrations/anthropic/index.js';
import { runAgent, type AgentEvent, type RunAgentOptions } from '../../../src/agents/run-agent.js';
import { createFileTools } from '../../../src/agents/tools/files.js';
import { createRunCommandTool } from '../../../src/agents/tools/run-command.js';
import { startAnthropicTwin, type AnthropicTwin } from '../../twins/anthropic/index.js';
import { DEVELOPER_SYSTEM, MODEL, finish, makeSandbox, twinClient, type Sandbox } from './helpers.js';
import { compaction, expensive, lateComment, repeatedFailures } from './scripts/long-runs.js';

let twin: AnthropicTwin;
let sandbox: Sandbox;

const bigFile = (n: number) => `// MARKER-${n}\n${'export const filler = "0123456789abcdef";\n'.repeat(200)}`;

beforeEach(async () => {
  twin = await startAnthropicTwin({ retryAfterMs: 1 });
  sandbox = await makeSandbox({
    'src/big-0.ts': bigFile(0),
    'src/big-1.ts': bigFile(1),
    'src/big-2.ts': bigFile(2),
  });
});

afterEach(async () => {
  await twin.close();
  await sandbox.cleanup();
});

function run(overrides: Partial<RunAgentOptions> = {}) {
  const events: AgentEvent[] = [];
  const result = runAgent({
    client: twinClient(twin),
    model: MODEL,
    system: DEVELOPER_SYSTEM,
    tools: [...createFileTools({ root: sandbox.workspace }), finish()],
    userMessage: 'Work on the issue.',
    maxTurns: 10,
    onEvent: (e) => {
      events.push(e);
    },
    ...overrides,
  });
  return { result, events };
}

describe('runAgent on long runs', () => {
  it('compacts older tool results past the token threshold and keeps tool pairing valid', async () => {
    twin.load(compaction);
    const { result, events } = run({ compaction: { thresholdTokens: 5000, keepRecent: 1 } });
    expect((await result).stopReason).toBe('finished');
    twin.assertScriptDone();
    expect(events.filter((e) => e.type === 'compacted')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ results: 2 }) }),
    ]);
    expect(twin.requestsContaining('[compacted: read src/big-0.ts, 201 lines]')).toHaveLength(1);
    expect(twin.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('asks the model to diagnose after the same tool failed three times in a row', async () => {
    twin.load(repeatedFailures);
    const runner = async () => ({
      exitCode: 1,
      output: 'FAIL test/a.test.ts',
      timedOut: false,
      truncated: false,
    });
    const { result, events } = run({ tools: [createRunCommandTool(runner), finish()] });
    expect((await result).stopReason).toBe('finished');
    twin.assertScriptDone();
    expect(events.filter((e) => e.type === 'diagnosis_requested')).toEqual([
      expect.objectContaining({ data: { tool: 'run_command', failures: 3 } }),
    ]);
  });

  it('stops with "budget" before a model call once the limit is spent', async () => {
    twin.load(expensive);
    let spent = 0;
    const { result } = run({
      budget: { spentUsd: () => spent, limitUsd: 1 },
      onUsage: (_usage, cost) => {
        spent += cost;
      },
    });
    const done = await result;
    twin.assertScriptDone();
    expect(done.stopReason).toBe('budget');
    expect(done.turns).toBe(1);
    expect(done.costUsd).toBeGreaterThanOrEqual(3);
    expect(twin.requests).toHaveLength(1);
  });

  it('surfaces a 529 storm as ModelUnavailableError after the retries', async () => {
    twin.load({ default: { text: 'unused' } });
    twin.failNext({ status: 529, count: 10 });
    const error = await run().result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ status: 529, retryable: true });
    expect(twin.requests.map((r) => r.status)).toEqual([529, 529, 529]);
  });

  it('delivers a follow-up comment as untrusted data after the model ended its turn', async () => {
    twin.load(lateComment);
    const inbox = [[], ['Also update the README please.']];
    const { result } = run({ pendingMessages: () => inbox.shift() ?? [] });
    const done = await result;
    twin.assertScriptDone();
    expect(done.stopReason).toBe('end_turn');
    expect(done.text).toBe('Will do in the next run.');
  });

  it('stops with "max_turns" when the model keeps going', async () => {
    twin.load({ default: { toolCalls: [{ name: 'list_files', input: {} }] } });
    const done = await run({ maxTurns: 2 }).result;
    expect(done.stopReason).toBe('max_turns');
    expect(done.turns).toBe(2);
  });

  it('stops with "aborted" when the signal fires', async () => {
    twin.load({ default: { toolCalls: [{ name: 'list_files', input: {} }] } });
    const controller = new AbortController();
    const done = await run({ signal: controller.signal, onUsage: () => controller.abort() }).result;
    expect(done.stopReason).toBe('aborted');
    expect(done.turns).toBe(1);
  });
});
