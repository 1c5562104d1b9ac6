import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Files in which repositories tell coding agents their rules, in the order they are read. */
export const RULE_FILES = [
  'AGENTS.md',
  'CLAUDE.md',
  '.github/copilot-instructions.md',
  '.github/pipeline.md',
];

const MAX_RULES_CHARS = 12_000;

/** The repository's own instructions for agents, concatenated and capped; empty when it has none. */
export async function readRepoRules(workspaceDir: string): Promise<string> {
  const parts: string[] = [];
  for (const file of RULE_FILES) {
    const text = await readFile(join(workspaceDir, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') return undefined;
      throw error;
    });
    if (text?.trim()) parts.push(`## ${file}\n\n${text.trim()}`);
  }
  const joined = parts.join('\n\n');
  return joined.length > MAX_RULES_CHARS
    ? `${joined.slice(0, MAX_RULES_CHARS)}\n\n[rules truncated]`
    : joined;
}
