import { z } from 'zod';
import { readWorkspaceFile } from '../../integrations/workspace/index.js';
import { defineTool, type AgentTool } from '../tool.js';
import type { PathGuard } from './path-guard.js';
import { workspaceFileProblem } from './workspace-file-problem.js';

const MAX_FILE_BYTES = 1024 * 1024;
const MAX_LINES = 2000;

function numbered(lines: string[], first: number): string {
  return lines.map((line, i) => `${String(first + i).padStart(6)}\t${line}`).join('\n');
}

export function readFileTool(guard: PathGuard, root: string): AgentTool {
  return defineTool({
    name: 'read_file',
    description: `Read a text file with line numbers. Optionally a line range (1-based, inclusive). At most ${MAX_LINES} lines per call.`,
    input: z.object({
      path: z.string().min(1).describe('File path relative to the repository root.'),
      startLine: z.number().int().min(1).optional().describe('First line to return (1-based).'),
      endLine: z.number().int().min(1).optional().describe('Last line to return (inclusive).'),
    }),
    async run(input, ctx) {
      const file = await guard.resolve(input.path, 'read');
      let buffer: Buffer;
      try {
        buffer = await readWorkspaceFile(root, file.relative, {
          maxBytes: MAX_FILE_BYTES,
          signal: ctx.signal,
        });
      } catch (error) {
        return workspaceFileProblem(error, input.path, {
          missing: 'Use list_files to find the right path.',
          directory: 'use list_files.',
          too_large: 'use search_files.',
        });
      }
      if (buffer.subarray(0, 8192).includes(0))
        return { content: `${input.path} is a binary file.`, isError: true };
      const lines = buffer.toString('utf8').split('\n');
      if (lines.at(-1) === '') lines.pop();
      const start = input.startLine ?? 1;
      const end = Math.min(input.endLine ?? lines.length, lines.length, start + MAX_LINES - 1);
      if (lines.length === 0) return `${file.relative} is empty.`;
      if (start > lines.length) {
        return {
          content: `${input.path} has only ${lines.length} lines; startLine ${start} is past the end.`,
          isError: true,
        };
      }
      const header = `${file.relative} (lines ${start}-${end} of ${lines.length})`;
      return `${header}\n${numbered(lines.slice(start - 1, end), start)}`;
    },
    summarize: (input, result) =>
      result.isError
        ? `read ${input.path} (failed)`
        : `read ${input.path}, ${Math.max(0, result.content.split('\n').length - 1)} lines`,
  });
}
