import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createClaudeClient, type ClaudeClient } from '../../../src/integrations/anthropic/index.js';
import { createLogger } from '../../../src/monitoring/logger.js';
import { finishTool } from '../../../src/agents/tools/finish.js';
import type { AnthropicTwin } from '../../twins/anthropic/index.js';

export const MODEL = 'claude-sonnet-4-6';

export const DEVELOPER_SYSTEM = 'You are the development agent. Change the repository to resolve the issue.';

export const summarySchema = z.object({ summary: z.string().min(1) });
export const finish = () => finishTool(summarySchema, 'Call when the change is complete.');

export function twinClient(twin: AnthropicTwin, maxRetries = 2): ClaudeClient {
  return createClaudeClient({
    apiKey: 'test-key',
    baseURL: twin.url,
    logger: createLogger('silent'),
    maxRetries,
  });
}

export interface Sandbox {
  /** A git repository with `src/greet.ts`. */
  workspace: string;
  /** A directory beside the workspace that agents must never touch. */
  outside: string;
  cleanup(): Promise<void>;
}

/** A temp dir holding a small git workspace and an "outside" directory next to it. */
export async function makeSandbox(files: Record<string, string> = {}): Promise<Sandbox> {
  const base = await mkdtemp(path.join(tmpdir(), 'agents-'));
  const workspace = path.join(base, 'workspace');
  const outside = path.join(base, 'outside');
  await mkdir(path.join(workspace, 'src'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(outside, 'keep.txt'), 'original\n');
  const all = {
    'src/greet.ts': 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n',
    ...files,
  };
  for (const [file, content] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(workspace, file)), { recursive: true });
    await writeFile(path.join(workspace, file), content);
  }
  execFileSync('git', ['init', '-q'], { cwd: workspace });
  return { workspace, outside, cleanup: () => rm(base, { recursive: true, force: true }) };
}
