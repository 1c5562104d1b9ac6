import { execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runAgent } from '../../../src/agents/run-agent.js';
import { createFileTools } from '../../../src/agents/tools/files.js';
import { defineTool } from '../../../src/agents/tool.js';
import { startAnthropicTwin, type AnthropicTwin } from '../../twins/anthropic/index.js';
import { DEVELOPER_SYSTEM, MODEL, finish, makeSandbox, twinClient, type Sandbox } from './helpers.js';
import { specialFiles } from './scripts/special-files.js';

let twin: AnthropicTwin;
let sandbox: Sandbox;

beforeEach(async () => {
  twin = await startAnthropicTwin({ retryAfterMs: 1 });
  sandbox = await makeSandbox();
});

afterEach(async () => {
  await twin.close();
  await sandbox.cleanup();
});

describe('an agent among files a command planted', () => {
  it('gets an error naming the FIFO or link from every file tool, and the loop goes on', async () => {
    execFileSync('mkfifo', [path.join(sandbox.workspace, 'notes.md')]);
    await symlink('/dev/zero', path.join(sandbox.workspace, 'zero'));
    await symlink('notes.md', path.join(sandbox.workspace, 'notes-link.md'));
    twin.load(specialFiles);
    const started = Date.now();
    const result = await runAgent({
      client: twinClient(twin),
      model: MODEL,
      system: DEVELOPER_SYSTEM,
      tools: [...createFileTools({ root: sandbox.workspace }), finish()],
      userMessage: 'Read the notes.',
      maxTurns: 10,
    });
    twin.assertScriptDone();
    expect(result.stopReason).toBe('finished');
    expect(result.toolCalls.slice(0, 5).every((c) => c.isError)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('a run cancelled while a tool is still working', () => {
  it('ends the loop at once as aborted, even when the tool ignores the signal', async () => {
    let started!: () => void;
    const toolStarted = new Promise<void>((resolve) => (started = resolve));
    const stuck = defineTool({
      name: 'wait_for_godot',
      description: 'Never returns.',
      input: z.object({}),
      run: () => {
        started();
        return new Promise<string>(() => undefined);
      },
    });
    twin.load({ default: { toolCalls: [{ name: 'wait_for_godot', input: {} }] } });
    const controller = new AbortController();
    const running = runAgent({
      client: twinClient(twin),
      model: MODEL,
      system: DEVELOPER_SYSTEM,
      tools: [stuck, finish()],
      userMessage: 'Wait.',
      maxTurns: 10,
      signal: controller.signal,
    });
    await toolStarted;
    const cancelledAt = Date.now();
    controller.abort();
    const result = await running;
    expect(Date.now() - cancelledAt).toBeLessThan(1_000);
    expect(result.stopReason).toBe('aborted');
    expect(result.toolCalls).toMatchObject([
      { name: 'wait_for_godot', isError: true, summary: 'wait_for_godot (stopped by cancel)' },
    ]);
  });
});
