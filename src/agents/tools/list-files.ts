import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineTool, type AgentTool } from '../tool.js';
import { runGit } from '../../integrations/git/index.js';
import type { PathGuard } from './path-guard.js';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
/** A listing larger than this is a failure; the plain walk takes over. */
const MAX_OUTPUT = 16 * 1024 * 1024;

async function walk(root: string, dir: string, out: string[], limit: number): Promise<void> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (out.length > limit) return;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(root, rel, out, limit);
    else if (entry.isFile()) out.push(rel);
  }
}

/** Tracked and untracked-but-not-ignored files via git; a plain walk when the root is not a repository. */
async function listPaths(
  root: string,
  relative: string,
  limit: number,
  signal?: AbortSignal,
): Promise<string[]> {
  const args = ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', relative || '.'];
  const git = await runGit(root, args, { signal, maxBuffer: MAX_OUTPUT });
  if (git.exitCode === 0) return [...new Set(git.stdout.split('\0').filter(Boolean))].sort();
  const out: string[] = [];
  await walk(root, relative, out, limit);
  return out;
}

export function listFilesTool(guard: PathGuard, root: string): AgentTool {
  return defineTool({
    name: 'list_files',
    description:
      'List the files of the repository (respecting .gitignore), optionally under one directory. Paths are relative to the repository root.',
    input: z.object({
      path: z.string().default('.').describe('Directory to list, relative to the repository root.'),
      limit: z.number().int().min(1).max(5000).default(500).describe('Maximum number of paths returned.'),
    }),
    async run(input, ctx) {
      const dir = await guard.resolve(input.path, 'read');
      const paths = await listPaths(root, dir.relative, input.limit, ctx.signal);
      if (paths.length === 0) return `No files under ${input.path}.`;
      const shown = paths.slice(0, input.limit).join('\n');
      const more = paths.length - input.limit;
      return more > 0 ? `${shown}\n[${more} more files not shown; list a subdirectory to see them]` : shown;
    },
    summarize: (input, result) => `list ${input.path}, ${result.content.split('\n').length} entries`,
  });
}
