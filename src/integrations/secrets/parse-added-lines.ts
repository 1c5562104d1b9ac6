/** A line a unified diff adds, with its place in the new file. */
export interface AddedLine {
  file: string;
  /** 1-based line number in the new version of the file. */
  line: number;
  text: string;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * The added (`+`) lines of a unified diff (`git diff` output, one or many files), each mapped to
 * its file and line number. Removed and context lines are skipped; deleted files have no added lines.
 */
export function parseAddedLines(diff: string): AddedLine[] {
  const added: AddedLine[] = [];
  let file: string | undefined;
  let line = 0;
  let inHunk = false;
  let previous = '';
  for (const raw of diff.split('\n')) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.startsWith('diff --git ')) {
      inHunk = false;
      file = undefined;
    } else if (!inHunk && text.startsWith('+++ ') && previous.startsWith('--- ')) {
      file = newPath(text.slice(4));
    } else if (HUNK.test(text)) {
      inHunk = true;
      line = Number(HUNK.exec(text)?.[1]);
    } else if (inHunk && text.startsWith('+')) {
      if (file) added.push({ file, line, text: text.slice(1) });
      line += 1;
    } else if (inHunk && (text.startsWith(' ') || text === '')) {
      line += 1;
    } else if (inHunk && !text.startsWith('-') && !text.startsWith('\\')) {
      inHunk = false;
    }
    previous = text;
  }
  return added;
}

/** `b/src/x.ts` → `src/x.ts`; `/dev/null` (a deleted file) → undefined. Handles git's quoted paths. */
function newPath(spec: string): string | undefined {
  let path = spec.replace(/\t.*$/, '');
  if (path.startsWith('"') && path.endsWith('"')) path = unquote(path.slice(1, -1));
  if (path === '/dev/null') return undefined;
  return path.startsWith('b/') ? path.slice(2) : path;
}

/** Reverses git's C-style quoting of unusual file names (octal UTF-8 bytes and backslash escapes). */
function unquote(quoted: string): string {
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, t: 9, '"': 34, '\\': 92 };
  for (let i = 0; i < quoted.length; i++) {
    const ch = quoted[i] ?? '';
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(quoted.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(escapes[quoted[i + 1] ?? ''] ?? 92);
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
