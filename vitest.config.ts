import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start a whole app with its twins (13-19 s of a test's time on a busy 2-core machine) and
    // then wait on real runs; 30 s left some of them a few seconds from failing whenever the machine was busy.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test time is waiting (on the twins, git, child processes, a run to finish), not CPU. Vitest's
    // default of one worker per core less one runs a 2-core CI machine's suite one file at a time.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
