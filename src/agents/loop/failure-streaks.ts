/** Consecutive failures of one tool that trigger a diagnosis note. */
export const FAILURE_STREAK_LIMIT = 3;

/** Counts consecutive failures per tool; a success of that tool resets its count. */
export class FailureStreaks {
  private readonly counts = new Map<string, number>();

  /** Records a call; returns true when this failure completes a streak (the count then starts over). */
  record(tool: string, isError: boolean): boolean {
    if (!isError) {
      this.counts.delete(tool);
      return false;
    }
    const count = (this.counts.get(tool) ?? 0) + 1;
    if (count < FAILURE_STREAK_LIMIT) {
      this.counts.set(tool, count);
      return false;
    }
    this.counts.delete(tool);
    return true;
  }
}

/** The note injected after a streak: stop, diagnose in one paragraph, change approach. */
export function diagnosisNote(tool: string): string {
  return (
    `Note from the pipeline: \`${tool}\` has failed ${FAILURE_STREAK_LIMIT} times in a row. Stop retrying it the same way. ` +
    'First write one paragraph diagnosing the most likely cause of these failures, then change your approach.'
  );
}
