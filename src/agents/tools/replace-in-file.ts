import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { defineTool, type AgentTool } from '../tool.js';
import type { PathGuard } from './path-guard.js';

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

export function replaceInFileTool(guard: PathGuard): AgentTool {
  return defineTool({
    name: 'replace_in_file',
    description:
      'Replace one exact, unique occurrence of oldText with newText in a file. Copy oldText from read_file output without line numbers; whitespace matters.',
    input: z.object({
      path: z.string().min(1).describe('File path relative to the repository root.'),
      oldText: z.string().min(1).describe('Exact text to replace; must occur exactly once.'),
      newText: z.string().describe('Replacement text.'),
    }),
    async run(input) {
      const file = await guard.resolve(input.path, 'write');
      const before = await readFile(file.absolute, 'utf8').catch(() => undefined);
      if (before === undefined) {
        return { content: `${input.path} does not exist; use write_file to create it.`, isError: true };
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
      await writeFile(
        file.absolute,
        before.slice(0, at) + input.newText + before.slice(at + input.oldText.length),
        'utf8',
      );
      return `Replaced 1 occurrence in ${file.relative}.`;
    },
    summarize: (input, result) => `edit ${input.path}${result.isError ? ' (failed)' : ''}`,
  });
}
