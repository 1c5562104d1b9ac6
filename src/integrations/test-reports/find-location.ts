export interface SourceLocation {
  path: string;
  line: number;
  column?: number;
}

/** `path:line[:col]` with a file extension, optionally inside parentheses or after `at `/`❯ `. */
const LOCATION = /(?:file:\/\/)?((?:[A-Za-z]:)?[\w@.+\-/\\]*[\w-]\.[A-Za-z]\w{0,5}):(\d+)(?::(\d+))?/g;

/** Paths that are never the user's code. */
const FOREIGN = /(^|\/)node_modules\/|^node:|^internal\/|^<anonymous>|\/rustc\/|\/go\/src\/runtime\//;

/**
 * Every source location mentioned in `text`, in order, skipping runtime and dependency frames.
 */
export function findLocations(text: string): SourceLocation[] {
  const found: SourceLocation[] = [];
  for (const match of text.matchAll(LOCATION)) {
    const [, path, line, column] = match;
    if (!path || FOREIGN.test(path)) continue;
    found.push({ path, line: Number(line), ...(column ? { column: Number(column) } : {}) });
  }
  return found;
}

/** The location in `preferredPath` when one is mentioned, else the first of the user's locations. */
export function pickLocation(text: string, preferredPath?: string): SourceLocation | undefined {
  const all = findLocations(text);
  if (preferredPath) {
    const own = all.find((l) => l.path === preferredPath || l.path.endsWith(`/${preferredPath}`));
    if (own) return own;
  }
  return all[0];
}
