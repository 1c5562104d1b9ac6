import { readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runAgent } from '../../../src/agents/run-agent.js';
import { createFileTools } from '../../../src/agents/tools/files.js';
import { startAnthropicTwin, type AnthropicTwin } from '../../twins/anthropic/index.js';
import { DEVELOPER_SYSTEM, MODEL, finish, makeSandbox, twinClient, type Sandbox } from './helpers.js';
import { parseFailure } from './scripts/parse-failure.js';
import { pathGuard } from './scripts/path-guard.js';
import { readWriteFinish } from './scripts/read-write-finish.js';

const marked = z.object({ cache_control: z.unknown().optional() });
const cachedRequestSchema = z.object({
  system: z.array(marked),
  tools: z.array(marked.extend({ name: z.string() })),
  messages: z.array(z.object({ content: z.array(marked) })),
});

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

function developer(userMessage = 'Add a farewell module.') {
  return runAgent({
    client: twinClient(twin),
    model: MODEL,
    system: DEVELOPER_SYSTEM,
    tools: [...createFileTools({ root: sandbox.workspace }), finish()],
    userMessage,
    maxTurns: 10,
  });
}

describe('runAgent against the Anthropic twin', () => {
  describe('a development loop', () => {
    it('reads a file, writes one, and finishes with the parsed finish input', async () => {
      twin.load(readWriteFinish);
      const result = await developer();
      twin.assertScriptDone();
      expect(result.stopReason).toBe('finished');
      expect(result.finishInput).toEqual({ summary: 'Added src/farewell.ts' });
      expect(result.turns).toBe(3);
      expect(result.toolCalls.map((c) => c.summary)).toEqual([
        'read src/greet.ts, 3 lines',
        'wrote src/farewell.ts, 2 lines',
        'finish',
      ]);
      expect(await readFile(path.join(sandbox.workspace, 'src/farewell.ts'), 'utf8')).toBe(
        "export const bye = 'bye';\n",
      );
      expect(result.costUsd).toBeGreaterThan(0);
    });

    it('marks the system prompt, the last tool and the newest message for prompt caching', async () => {
      twin.load(readWriteFinish);
      const result = await developer();
      for (const request of twin.requests) {
        const body = cachedRequestSchema.parse(request.body);
        expect(body.system[0]?.cache_control).toEqual({ type: 'ephemeral' });
        expect(body.tools.at(-1)).toMatchObject({ name: 'finish', cache_control: { type: 'ephemeral' } });
        expect(body.tools.slice(0, -1).every((t) => t.cache_control === undefined)).toBe(true);
        expect(body.messages.at(-1)?.content.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
      }
      expect(result.usage.cacheWriteTokens).toBeGreaterThan(0);
      expect(result.usage.cacheReadTokens).toBeGreaterThan(0);
    });
  });

  describe('when the model sends arguments that do not fit the schema', () => {
    it('answers with an is_error result and the model recovers', async () => {
      twin.load(parseFailure);
      const result = await developer();
      twin.assertScriptDone();
      expect(result.stopReason).toBe('finished');
      expect(result.toolCalls.map((c) => c.isError)).toEqual([true, false, true, false]);
      expect(result.finishInput).toEqual({ summary: 'Read greet.ts' });
    });
  });

  describe('the path guard', () => {
    it('refuses a blocked workflow, ../outside and a symlink leading outside, leaving the outside untouched', async () => {
      await symlink(sandbox.outside, path.join(sandbox.workspace, 'link'));
      twin.load(pathGuard);
      const result = await developer('Try to escape.');
      twin.assertScriptDone();
      expect(result.toolCalls.slice(0, 4).every((c) => c.isError)).toBe(true);
      expect(await readFile(path.join(sandbox.outside, 'keep.txt'), 'utf8')).toBe('original\n');
      await expect(readFile(path.join(sandbox.workspace, '.github/workflows/x.yml'))).rejects.toThrow(
        /ENOENT/,
      );
    });
  });
});
