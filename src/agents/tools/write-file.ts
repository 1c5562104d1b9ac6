import { z } from 'zod';
import { writeWorkspaceFile } from '../../integrations/workspace/index.js';
import { defineTool, type AgentTool } from '../tool.js';
import type { PathGuard } from './path-guard.js';
import { workspaceFileProblem } from './workspace-file-problem.js';

export function writeFileTool(guard: PathGuard, root: string): AgentTool {
  return defineTool({
    name: 'write_file',
    description:
      'Create a file or replace its whole content. Parent directories are created. Prefer replace_in_file for edits.',
    input: z.object({
      path: z.string().min(1).describe('File path relative to the repository root.'),
      content: z.string().describe('The complete new content of the file.'),
    }),
    async run(input, ctx) {
      const file = await guard.resolve(input.path, 'write');
      let created: boolean;
      try {
        ({ created } = await writeWorkspaceFile(root, file.relative, input.content, ctx.signal));
      } catch (error) {
        return workspaceFileProblem(error, input.path, { directory: 'write a file inside it instead.' });
      }
      const lines = input.content === '' ? 0 : input.content.split('\n').length;
      return `${created ? 'Created' : 'Replaced'} ${file.relative} (${lines} lines).`;
    },
    summarize: (input, result) =>
      result.isError
        ? `write ${input.path} (failed)`
        : `wrote ${input.path}, ${input.content.split('\n').length} lines`,
  });
}
