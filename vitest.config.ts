import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test time is waiting (on the twins, git, child processes, a run to finish), not CPU. Vitest's
    // default of one worker per core less one runs a 2-core CI machine's suite one file at a time.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
