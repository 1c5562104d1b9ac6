import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineTool, type AgentTool } from '../tool.js';
import type { PathGuard } from './path-guard.js';

export function writeFileTool(guard: PathGuard): AgentTool {
  return defineTool({
    name: 'write_file',
    description:
      'Create a file or replace its whole content. Parent directories are created. Prefer replace_in_file for edits.',
    input: z.object({
      path: z.string().min(1).describe('File path relative to the repository root.'),
      content: z.string().describe('The complete new content of the file.'),
    }),
    async run(input) {
      const file = await guard.resolve(input.path, 'write');
      const existing = await stat(file.absolute).catch(() => undefined);
      if (existing?.isDirectory()) return { content: `${input.path} is a directory.`, isError: true };
      await mkdir(path.dirname(file.absolute), { recursive: true });
      await writeFile(file.absolute, input.content, 'utf8');
      const lines = input.content === '' ? 0 : input.content.split('\n').length;
      return `${existing ? 'Replaced' : 'Created'} ${file.relative} (${lines} lines).`;
    },
    summarize: (input, result) =>
      result.isError
        ? `write ${input.path} (failed)`
        : `wrote ${input.path}, ${input.content.split('\n').length} lines`,
  });
}
