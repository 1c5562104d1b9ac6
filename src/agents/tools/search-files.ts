import { z } from 'zod';
import { defineTool, type AgentTool } from '../tool.js';
import { runGit } from '../../integrations/git/index.js';
import type { PathGuard } from './path-guard.js';

const NOT_A_REPO = 128;
/** Output larger than this makes the search fail instead of flooding the agent's context. */
const MAX_OUTPUT = 16 * 1024 * 1024;

function grepArgs(
  input: { pattern: string; fixedStrings: boolean; ignoreCase: boolean },
  scope: string,
  mode: '--untracked' | '--no-index',
): string[] {
  return [
    'grep',
    mode,
    '-n',
    '-I',
    '--no-color',
    input.fixedStrings ? '-F' : '-E',
    ...(input.ignoreCase ? ['-i'] : []),
    '-e',
    input.pattern,
    '--',
    scope,
  ];
}

export function searchFilesTool(guard: PathGuard, root: string): AgentTool {
  return defineTool({
    name: 'search_files',
    description:
      'Search file contents with git grep (extended regular expression, or a fixed string). Returns `path:line:text` lines.',
    input: z.object({
      pattern: z.string().min(1).describe('Extended regular expression, or literal text with fixedStrings.'),
      path: z.string().default('.').describe('Directory or file to search, relative to the repository root.'),
      fixedStrings: z.boolean().default(false),
      ignoreCase: z.boolean().default(false),
      maxResults: z.number().int().min(1).max(1000).default(200),
    }),
    async run(input, ctx) {
      const scope = (await guard.resolve(input.path, 'read')).relative || '.';
      let git = await runGit(root, grepArgs(input, scope, '--untracked'), {
        signal: ctx.signal,
        maxBuffer: MAX_OUTPUT,
      });
      if (git.exitCode === NOT_A_REPO)
        git = await runGit(root, grepArgs(input, scope, '--no-index'), {
          signal: ctx.signal,
          maxBuffer: MAX_OUTPUT,
        });
      if (git.exitCode === 1) return `No matches for ${JSON.stringify(input.pattern)} in ${input.path}.`;
      if (git.exitCode !== 0) return { content: `search failed: ${git.stderr.trim()}`, isError: true };
      const lines = git.stdout.split('\n').filter(Boolean);
      const shown = lines.slice(0, input.maxResults).join('\n');
      const more = lines.length - input.maxResults;
      return more > 0 ? `${shown}\n[${more} more matches not shown; narrow the pattern or path]` : shown;
    },
    summarize: (input, result) =>
      `search ${JSON.stringify(input.pattern)}, ${result.content.split('\n').length} lines`,
  });
}
