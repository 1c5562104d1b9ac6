import { readWorkspaceFile, WorkspaceFileError } from '../integrations/workspace/index.js';
import type { NodeContext } from './node-context.js';

/** Files in which repositories tell coding agents their rules, in the order they are read. */
export const RULE_FILES = [
  'AGENTS.md',
  'CLAUDE.md',
  '.github/copilot-instructions.md',
  '.github/pipeline.md',
];

const MAX_RULES_CHARS = 12_000;
/** One rule file larger than this is skipped rather than read (the joined rules are cut far below it). */
const MAX_RULE_FILE_BYTES = 256 * 1024;

/** A rule file that is simply absent (or a directory of that name) is not worth a note. */
const QUIET: ReadonlySet<string> = new Set(['missing', 'directory']);

/**
 * The repository's own instructions for agents, concatenated and capped; empty when it has none.
 * The files are read as regular files of the workspace only: one that is a symlink (committed, or
 * planted by a command in an earlier round), a FIFO or device, or too large is skipped with a note on
 * the run, so a link to the worker's environment or a host file never reaches a prompt.
 */
export async function readRepoRules(
  ctx: Pick<NodeContext, 'emit' | 'log' | 'signal'>,
  workspaceDir: string,
): Promise<string> {
  const parts: string[] = [];
  for (const file of RULE_FILES) {
    const text = await readWorkspaceFile(workspaceDir, file, {
      maxBytes: MAX_RULE_FILE_BYTES,
      signal: ctx.signal,
    }).then(
      (bytes) => bytes.toString('utf8'),
      async (error: unknown) => {
        if (!(error instanceof WorkspaceFileError)) throw error;
        if (QUIET.has(error.reason)) return undefined;
        const note = `Skipped ${file}: ${error.message}; rule files must be regular files in the repository.`;
        ctx.log.warn({ file, reason: error.reason }, note);
        await ctx.emit('rules_skipped', note, { file, reason: error.reason });
        return undefined;
      },
    );
    if (text?.trim()) parts.push(`## ${file}\n\n${text.trim()}`);
  }
  const joined = parts.join('\n\n');
  return joined.length > MAX_RULES_CHARS
    ? `${joined.slice(0, MAX_RULES_CHARS)}\n\n[rules truncated]`
    : joined;
}
