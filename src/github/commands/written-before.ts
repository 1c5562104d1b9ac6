/**
 * True when a comment was certainly written before `moment`. GitHub's `created_at` has whole seconds, so a
 * comment from the same second as `moment` counts as written after it: a person needs longer than that to
 * read what changed, and refusing them would only ask them to type the command again.
 */
export function writtenBefore(writtenAt: Date, moment: Date): boolean {
  return writtenAt.getTime() < Math.floor(moment.getTime() / 1000) * 1000;
}
