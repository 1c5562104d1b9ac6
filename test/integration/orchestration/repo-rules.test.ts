import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRepoRules } from '../../../src/orchestration/repo-rules.js';
import { testLogger } from '../../support/test-logger.js';

let base: string;
let root: string;
const canary = `canary-${randomBytes(8).toString('hex')}`;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'repo-rules-'));
  root = join(base, 'ws');
  await mkdir(join(root, '.github'), { recursive: true });
  await writeFile(join(base, 'host.txt'), `${canary}\n`);
});

afterEach(() => rm(base, { recursive: true, force: true }));

/** Reads the rules as a node would, collecting the notes it records on the run. */
async function rulesOf(): Promise<{ rules: string; notes: Array<{ type: string; message: string }> }> {
  const notes: Array<{ type: string; message: string }> = [];
  const ctx = {
    log: testLogger(),
    signal: new AbortController().signal,
    emit: async (type: string, message: string, ..._data: unknown[]) => void notes.push({ type, message }),
  };
  return { rules: await readRepoRules(ctx, root), notes };
}

describe("a repository's rules for agents", () => {
  it('are read from the regular rule files, in order', async () => {
    await writeFile(join(root, 'AGENTS.md'), 'Use tabs.\n');
    await writeFile(join(root, '.github/copilot-instructions.md'), 'Write tests.\n');
    const { rules, notes } = await rulesOf();
    expect(rules).toBe('## AGENTS.md\n\nUse tabs.\n\n## .github/copilot-instructions.md\n\nWrite tests.');
    expect(notes).toEqual([]);
  });

  it('skip a rule file that links to the environment or a host file, with a note on the run', async () => {
    await symlink('/proc/self/environ', join(root, 'AGENTS.md'));
    await symlink(join(base, 'host.txt'), join(root, 'CLAUDE.md'));
    await writeFile(join(root, '.github/pipeline.md'), 'Keep it small.\n');
    const { rules, notes } = await rulesOf();
    expect(rules).toBe('## .github/pipeline.md\n\nKeep it small.');
    expect(rules).not.toContain(canary);
    expect(notes).toEqual([
      {
        type: 'rules_skipped',
        message:
          'Skipped AGENTS.md: AGENTS.md is a symlink, which is never followed; rule files must be regular files in the repository.',
      },
      {
        type: 'rules_skipped',
        message:
          'Skipped CLAUDE.md: CLAUDE.md is a symlink, which is never followed; rule files must be regular files in the repository.',
      },
    ]);
  });

  it('skip a rule file that is a FIFO instead of waiting on it', async () => {
    execFileSync('mkfifo', [join(root, 'CLAUDE.md')]);
    const { rules, notes } = await rulesOf();
    expect(rules).toBe('');
    expect(notes.map((n) => n.message)).toEqual([
      'Skipped CLAUDE.md: CLAUDE.md is a FIFO, not a regular file; rule files must be regular files in the repository.',
    ]);
  });
});
