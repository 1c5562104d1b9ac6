import { skipByPath } from '../../src/codeindex/files/path-filter.js';
import { gitOutput } from '../../src/integrations/git/index.js';
import type { Task } from './task.js';

const SOURCE = /\.(?:[cm]?[jt]sx?|py|go|java|rs)$/;
const NOT_SOURCE =
  /(^|\/)(test|tests|__tests__|spec|specs|e2e|fixtures?|bench|benchmarks?|examples?|docs?|scripts|\.github)\/|\.(test|spec)\.[cm]?[jt]sx?$|_test\.(go|py)$|(^|\/)(test_[^/]+|conftest)\.py$|(^|\/)(eslint|prettier|vitest|jest|rollup|webpack|vite|tsconfig|karma|gulpfile|Gruntfile)[^/]*$/i;
const BUG_WORDS =
  /\b(fix(e[sd])?|bug|crash(es)?|broken|regression|incorrect(ly)?|wrong|error|fail(s|ing|ure)?|issue|prevent|handle)\b/i;
const NOT_A_FIX = /^(revert|merge|chore|docs?|test|ci|build|style|release|bump)\b/i;
const TRAILER =
  /^(Co-authored-by|Signed-off-by|Reviewed-by|PR-URL|Fixes|Closes|Refs|Ref|See):.*$|^(Fixes|Closes|Resolves|Refs)\s+#\d+\s*$/gim;

/** Is this a source file a fix would edit (not a test, doc, example or tool config)? */
export function isSourceFile(path: string): boolean {
  return (
    SOURCE.test(path) && !NOT_SOURCE.test(path) && skipByPath(path, 0, Number.POSITIVE_INFINITY) === undefined
  );
}

/** The commit message as a query: trailers, PR numbers and bare URLs removed. */
export function cleanMessage(message: string): string {
  return message
    .replace(TRAILER, '')
    .replace(/\(#\d+\)|#\d+/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface MineOptions {
  set: string;
  repo: string;
  /** Newest tasks kept. */
  max: number;
  /** Rev range to walk (default HEAD). */
  rev?: string;
}

/**
 * Bug-fix tasks from a repository's history: non-merge commits whose message reads like a fix and
 * that change one to three source files which existed in the parent. Newest first.
 */
export async function mineTasks(repoDir: string, options: MineOptions): Promise<Task[]> {
  const log = await gitOutput(repoDir, [
    'log',
    '--no-merges',
    '--format=%x1e%H %P%x1f%B',
    '--name-status',
    '--no-renames',
    options.rev ?? 'HEAD',
  ]);
  const tasks: Task[] = [];
  for (const record of log.split('\x1e')) {
    if (tasks.length >= options.max) break;
    const sep = record.indexOf('\x1f');
    if (sep < 0) continue;
    const [commit, parent, ...otherParents] = record.slice(0, sep).trim().split(' ');
    if (!commit || !parent || otherParents.length > 0) continue;
    const rest = record.slice(sep + 1);
    const lines = rest.trimEnd().split('\n');
    const statusLines = [];
    while (lines.length > 0 && /^[AMDTCRU]\d*\t/.test(lines[lines.length - 1] ?? ''))
      statusLines.unshift(lines.pop() ?? '');
    const message = cleanMessage(lines.join('\n'));
    const subject = message.split('\n')[0] ?? '';
    if (!BUG_WORDS.test(subject) || subject.length < 20 || NOT_A_FIX.test(subject)) continue;
    const changed = statusLines.map((l) => l.split('\t')).filter(([, path]) => path && isSourceFile(path));
    if (changed.length < 1 || changed.length > 3) continue;
    if (changed.some(([status]) => status !== 'M')) continue;
    tasks.push({
      id: `${options.set}-${commit.slice(0, 10)}`,
      repo: options.repo,
      commit,
      parent,
      query: message,
      gold: changed.map(([, path]) => path as string),
    });
  }
  return tasks;
}
