import { describe, expect, it } from 'vitest';
import { parseClones } from '../../../bench/retrieval/clones.js';
import { pathVariantTokens, standardTokens } from '../../../bench/retrieval/bm25-files.js';
import { percentile, pooled, scoreTask, summarize } from '../../../bench/retrieval/metrics.js';
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

  it("counts Go's and Python's test files as tests, wherever they sit", () => {
    expect(['tree.go', 'flask/app.py', 'binding/form_mapping.go'].every(isSourceFile)).toBe(true);
    expect(
      ['tree_test.go', 'binding/binding_test.go', 'src/test_app.py', 'pkg/app_test.py', 'conftest.py'].some(
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

  it('tokenizes for the standard BM25 baseline: whole identifiers and their camelCase/snake_case parts', () => {
    expect(standardTokens('parseHTTPHeaders(raw_value) Axios')).toEqual([
      'parsehttpheaders',
      'parse',
      'http',
      'headers',
      'raw_value',
      'raw',
      'value',
      'axios',
    ]);
    expect(pathVariantTokens('lib/core/AxiosError.js')).toEqual([
      'lib',
      'core',
      'axioserror',
      'axios',
      'error',
      'js',
      'axioserror',
    ]);
  });

  it('pools sets task by task and takes nearest-rank percentiles', () => {
    const a = { tasks: 1, recallAt1: 1, recallAt5: 1, recallAt10: 1, mrr: 1 };
    const b = { tasks: 3, recallAt1: 0, recallAt5: 0, recallAt10: 0, mrr: 0 };
    expect(pooled([a, b])).toEqual({
      tasks: 4,
      recallAt1: 0.25,
      recallAt5: 0.25,
      recallAt10: 0.25,
      mrr: 0.25,
    });
    expect(percentile([5, 1, 3, 2, 4], 99)).toBe(5);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
  });
});
