import type { AgentTool } from '../tool.js';
import { listFilesTool } from './list-files.js';
import { createPathGuard } from './path-guard.js';
import { readFileTool } from './read-file.js';
import { replaceInFileTool } from './replace-in-file.js';
import { searchFilesTool } from './search-files.js';
import { writeFileTool } from './write-file.js';

export interface FileToolsOptions {
  /** The workspace (repository checkout) the tools work in. */
  root: string;
  /** Globs that may not be written, besides the protected paths (`.github/**`, `.gitattributes`, …). */
  blockedPaths?: readonly string[];
  /** When set, writes must match one of these globs. */
  allowedPaths?: readonly string[];
  /** Only list_files, read_file and search_files (planning, review). */
  readOnly?: boolean;
}

/** The built-in workspace tools: list, read, search, and unless read-only, write and replace. */
export function createFileTools(options: FileToolsOptions): AgentTool[] {
  const guard = createPathGuard(options);
  const reading = [
    listFilesTool(guard, options.root),
    readFileTool(guard, options.root),
    searchFilesTool(guard, options.root),
  ];
  return options.readOnly
    ? reading
    : [...reading, writeFileTool(guard, options.root), replaceInFileTool(guard, options.root)];
}
