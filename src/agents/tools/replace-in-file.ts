import { z } from 'zod';
import { readWorkspaceFile, writeWorkspaceFile } from '../../integrations/workspace/index.js';
import { defineTool, type AgentTool } from '../tool.js';
import type { PathGuard } from './path-guard.js';
import { workspaceFileProblem } from './workspace-file-problem.js';

/** Files larger than this are not edited in place (read_file refuses them too). */
const MAX_FILE_BYTES = 1024 * 1024;

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

export function replaceInFileTool(guard: PathGuard, root: string): AgentTool {
  return defineTool({
    name: 'replace_in_file',
    description:
      'Replace one exact, unique occurrence of oldText with newText in a file. Copy oldText from read_file output without line numbers; whitespace matters.',
    input: z.object({
      path: z.string().min(1).describe('File path relative to the repository root.'),
      oldText: z.string().min(1).describe('Exact text to replace; must occur exactly once.'),
      newText: z.string().describe('Replacement text.'),
    }),
    async run(input, ctx) {
      const file = await guard.resolve(input.path, 'write');
      let before: string;
      try {
        const bytes = await readWorkspaceFile(root, file.relative, {
          maxBytes: MAX_FILE_BYTES,
          signal: ctx.signal,
        });
        before = bytes.toString('utf8');
      } catch (error) {
        return workspaceFileProblem(error, input.path, {
          missing: 'use write_file to create it.',
          directory: 'name a file inside it.',
          too_large: 'use run_command with a script to edit it.',
        });
      }
      const count = occurrences(before, input.oldText);
      if (count === 0) {
        return {
          content: `oldText was not found in ${input.path}. Read the file again and copy the exact text (whitespace and indentation matter).`,
          isError: true,
        };
      }
      if (count > 1) {
        return {
          content: `oldText occurs ${count} times in ${input.path}; include more surrounding lines so it matches exactly once.`,
          isError: true,
        };
      }
      const at = before.indexOf(input.oldText);
      const after = before.slice(0, at) + input.newText + before.slice(at + input.oldText.length);
      await writeWorkspaceFile(root, file.relative, after, ctx.signal);
      return `Replaced 1 occurrence in ${file.relative}.`;
    },
    summarize: (input, result) => `edit ${input.path}${result.isError ? ' (failed)' : ''}`,
  });
}
