import { describe, expect, inject, it } from 'vitest';
import { runKillTrial, type TrialResult } from './support/crash-trial.js';
import { killPoint } from './support/kill-points.js';

const MID_DEVELOP = 'develop: files written, finish call in flight';

/** The trial's verdict, with its problems and the processes' last lines when it is not consistent. */
function explain(result: TrialResult): string {
  return [
    `${result.backend} / ${result.killPoint}: steps ${result.steps.join(' → ')}`,
    ...result.problems,
    result.logs ?? '',
  ].join('\n');
}

describe('a worker killed with SIGKILL in the middle of develop', () => {
  it('is restarted on the same data directory and the run ends ready, with one comment, branch, PR and check run per head (embedded)', async () => {
    const result = await runKillTrial(killPoint(MID_DEVELOP), 'embedded', { finishTimeoutMs: 40_000 });
    expect(result.killed, explain(result)).toBe(true);
    expect(result.problems, explain(result)).toEqual([]);
    expect(result.runStatus).toBe('succeeded');
    // The killed develop step is closed as failed (interrupted) when the resumed one starts again from the
    // checkpoint after plan.
    expect(result.steps.slice(0, 4)).toEqual([
      'intake:succeeded',
      'plan:succeeded',
      'develop:failed',
      'develop:succeeded',
    ]);
  }, 180_000);

  it('leaves its job to the other worker (BullMQ stalled-job recovery) and the run ends just as consistent (postgres+redis)', async () => {
    const { postgres, redis } = inject('services');
    if (!postgres.available || !redis.available)
      throw new Error(
        `the postgres+redis crash test needs both services: ${postgres.reason ?? ''} ${redis.reason ?? ''}`,
      );
    const services = { postgresUrl: postgres.url, redisUrl: redis.url };
    const result = await runKillTrial(killPoint(MID_DEVELOP), 'postgres+redis', {
      services,
      finishTimeoutMs: 40_000,
    });
    expect(result.killed, explain(result)).toBe(true);
    expect(result.problems, explain(result)).toEqual([]);
    expect(result.runStatus).toBe('succeeded');
    expect(result.steps.slice(0, 4)).toEqual([
      'intake:succeeded',
      'plan:succeeded',
      'develop:failed',
      'develop:succeeded',
    ]);
  }, 180_000);
});

describe('a worker killed while its push is in flight', () => {
  it('resumes on the branch it already pushed, reusing it instead of failing with "no change" (embedded)', async () => {
    const result = await runKillTrial(killPoint('develop: push applied, answer not yet back'), 'embedded', {
      finishTimeoutMs: 40_000,
    });
    expect(result.killed, explain(result)).toBe(true);
    expect(result.problems, explain(result)).toEqual([]);
  }, 180_000);
});
