/** What a `/pipeline …` comment asks for. */
export type PipelineCommand =
  | { kind: 'run'; instructions: string }
  | { kind: 'plan'; feedback: string }
  | { kind: 'approve' }
  | { kind: 'status' }
  | { kind: 'cancel' }
  | { kind: 'retry' }
  | { kind: 'help' }
  | { kind: 'deploy' }
  | { kind: 'rollback' }
  | { kind: 'unknown'; word: string; suggestion?: string };

export const commandNames = [
  'run',
  'plan',
  'approve',
  'status',
  'cancel',
  'retry',
  'help',
  'deploy',
  'rollback',
] as const;

/** Lines holding nothing but ASCII spaces and tabs, at the start of the comment. */
const LEADING_BLANK_LINES = /^(?:[ \t]*\n)+/;
/**
 * `/pipeline` at the start of a line, after at most three ASCII spaces (more, or a tab, is a markdown code
 * block), followed by an ASCII space, a tab, the line's end or the comment's end.
 */
const PREFIX = /^ {0,3}\/pipeline(?=[ \t\n]|$)/i;

/**
 * Parses a comment body. Returns null when the comment is not addressed to the pipeline: its first
 * non-blank line does not start with `/pipeline`, read strictly, so that a command someone shows or quotes
 * (a fenced or indented code block, a `>` quote) or one hidden behind an invisible or Unicode space
 * (NBSP, zero-width space, BOM) never triggers. Text after the command word, including the following
 * lines, is the command's argument. Free text that is not a command (`/pipeline add a retry to the client`)
 * is taken as instructions for a run; a single unknown word (`/pipeline stauts`) is an unknown command.
 */
export function parseCommand(body: string): PipelineCommand | null {
  const text = body.replace(/\r\n?/g, '\n').replace(LEADING_BLANK_LINES, '');
  const prefix = PREFIX.exec(text);
  if (!prefix) return null;
  const rest = text.slice(prefix[0].length).trim();
  if (rest === '') return { kind: 'run', instructions: '' };
  const match = /^(\S+)([\s\S]*)$/.exec(rest);
  const word = (match?.[1] ?? '').toLowerCase();
  const argument = (match?.[2] ?? '').trim();
  switch (word) {
    case 'run':
      return { kind: 'run', instructions: argument };
    case 'plan':
      return { kind: 'plan', feedback: argument };
    case 'approve':
    case 'status':
    case 'cancel':
    case 'retry':
    case 'help':
    case 'deploy':
    case 'rollback':
      return { kind: word };
    default:
      if (argument === '') {
        const suggestion = closestCommand(word);
        return suggestion ? { kind: 'unknown', word, suggestion } : { kind: 'unknown', word };
      }
      return { kind: 'run', instructions: rest };
  }
}

/** The command within edit distance 2 of a mistyped word, if any. */
function closestCommand(word: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of commandNames) {
    const distance = editDistance(word, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
