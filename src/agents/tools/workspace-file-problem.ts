import { WorkspaceFileError } from '../../integrations/workspace/index.js';
import type { ToolResult } from '../tool.js';

/** What the model can do next, by the way the file was refused. */
export interface FileProblemHints {
  missing?: string;
  directory?: string;
  too_large?: string;
}

/**
 * A refused workspace file as an error result the model can act on; anything else is rethrown (and
 * becomes the tool's failure). The reader's message already names the file and says what it is.
 */
export function workspaceFileProblem(error: unknown, requested: string, hints: FileProblemHints): ToolResult {
  if (!(error instanceof WorkspaceFileError)) throw error;
  const hint =
    error.reason === 'missing' || error.reason === 'directory' || error.reason === 'too_large'
      ? hints[error.reason]
      : undefined;
  const named = error.path === requested ? error.message : `${requested}: ${error.message}`;
  return { content: hint ? `${named}; ${hint}` : `${named}.`, isError: true };
}
