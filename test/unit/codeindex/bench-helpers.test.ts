import { describe, expect, it } from 'vitest';
import { parseClones } from '../../../bench/retrieval/clones.js';
import { scoreTask, summarize } from '../../../bench/retrieval/metrics.js';
import { cleanMessage, isSourceFile } from '../../../bench/retrieval/mine-tasks.js';

describe('retrieval benchmark helpers', () => {
  it('scores recall@k and reciprocal rank per task and averages them', () => {
    const a = scoreTask(['x', 'gold1', 'y', 'z', 'w', 'v', 'gold2'], ['gold1', 'gold2']);
    expect(a).toEqual({ recallAt: { 1: 0, 5: 0.5, 10: 1 }, reciprocalRank: 0.5 });
    const b = scoreTask(['q'], ['gold']);
    expect(summarize([a, b])).toEqual({
      tasks: 2,
      recallAt1: 0,
      recallAt5: 0.25,
      recallAt10: 0.5,
      mrr: 0.25,
    });
  });

  it('counts source files only, not tests, docs or tool configs', () => {
    expect(['lib/http.js', 'src/a.ts', 'fastify.d.ts'].every(isSourceFile)).toBe(true);
    expect(
      ['test/http.test.js', 'docs/a.md', 'examples/x.js', 'eslint.config.js', 'dist/axios.js'].some(
        isSourceFile,
      ),
    ).toBe(false);
  });

  it('turns a commit message into a query without trailers or PR numbers', () => {
    expect(cleanMessage('fix(http): handle aborts (#123)\n\nSigned-off-by: A <a@b.c>\nCloses #9')).toBe(
      'fix(http): handle aborts',
    );
  });

  it('reads clone paths from flags over the environment', () => {
    expect(Object.fromEntries(parseClones(['axios=/b'], 'axios=/a,fastify=/f'))).toEqual({
      axios: '/b',
      fastify: '/f',
    });
  });
});
