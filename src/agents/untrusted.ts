/** Default cap on wrapped text; issue bodies and comments past it are cut with a note. */
export const UNTRUSTED_MAX_CHARS = 20_000;

function escapeAttribute(value: string): string {
  return value.replace(
    /[&"<>\n\r]/g,
    (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] ?? ' ',
  );
}

/** Breaks any `<untrusted` / `</untrusted` tag inside the text so it cannot close or fake the wrapper. */
function neutraliseTags(text: string): string {
  return text.replace(/<(\s*\/?\s*)(untrusted)/gi, '&lt;$1$2');
}

function cap(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const omitted = text.length - maxChars;
  return `${text.slice(0, maxChars)}\n[truncated: ${omitted} more characters not shown]`;
}

/**
 * Wraps text from outside the pipeline (issue bodies, comments, repository content) as clearly
 * delimited untrusted data, capped in size, e.g. `<untrusted source="issue body">…</untrusted>`.
 */
export function untrusted(label: string, text: string, options: { maxChars?: number } = {}): string {
  const body = cap(neutraliseTags(text), options.maxChars ?? UNTRUSTED_MAX_CHARS);
  return `<untrusted source="${escapeAttribute(label)}">\n${body}\n</untrusted>`;
}
