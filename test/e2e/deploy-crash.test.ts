import { describe, expect, it } from 'vitest';
import { runKillTrial, type TrialResult } from './support/crash-trial.js';
import { killPoints } from './support/kill-points.js';

/** The trial's verdict, with its problems and the processes' last lines when it is not consistent. */
function explain(result: TrialResult): string {
  return [`${result.backend} / ${result.killPoint}`, ...result.problems, result.logs ?? ''].join('\n');
}

const deployPoints = killPoints.filter((point) => point.scenario === 'deploy');

describe('a worker killed in the middle of a deploy by workflow', () => {
  it('has kill points at the deployment, the dispatch and the follow', () => {
    expect(deployPoints.map((p) => p.name)).toEqual([
      'deploy: deployment created, its id not yet known',
      'deploy: workflow dispatched, the answer with its run not yet back',
      'deploy: following the workflow run, a poll of it in flight',
    ]);
  });

  it.each(deployPoints)(
    'is restarted and ends with one dispatch, one deployment queued → in_progress → success, one comment ($name)',
    async (point) => {
      const result = await runKillTrial(point, 'embedded', {
        reachTimeoutMs: 60_000,
        finishTimeoutMs: 90_000,
      });
      expect(result.killed, explain(result)).toBe(true);
      expect(result.problems, explain(result)).toEqual([]);
      expect(result.runStatus).toBe('succeeded');
      // A killed deploy step is closed as failed (interrupted) when the resumed one runs it again.
      expect(result.steps.slice(-3)).toEqual(['deploy:succeeded', 'verify:succeeded', 'report:succeeded']);
    },
    300_000,
  );
});
