import { z } from 'zod';
import { defineTool, type AgentTool } from '../tool.js';

/** Searches the code index of the run's repository; supplied by the caller (the index lives in codeindex). */
export type CodeSearcher = (query: string, k: number) => Promise<string>;

/** `search_code` over the code index, when the app has one (`undefined`: no tool). */
export function searchCodeTools(search: CodeSearcher | undefined): AgentTool[] {
  if (!search) return [];
  return [
    defineTool({
      name: 'search_code',
      description:
        'Search the code index for code related to a description, identifier or path. Returns paths, line ranges and snippets.',
      input: z.object({ query: z.string().min(1), k: z.number().int().min(1).max(20).default(8) }),
      run: ({ query, k }) => search(query, k),
    }),
  ];
}
