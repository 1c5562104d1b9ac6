import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../../src/codeindex/retrieval/analyze-query.js';
import { fileKindPrior } from '../../../src/codeindex/retrieval/file-kind-prior.js';
import { pathSignals } from '../../../src/codeindex/retrieval/path-signals.js';

describe('signals taken from an issue', () => {
  it('finds paths in stack traces and identifiers in prose', () => {
    const q = analyzeQuery(
      'TypeError in `mergeConfig`\n    at Axios.request (/app/node_modules/axios/lib/core/Axios.js:45:12)\nsetHeader breaks',
    );
    expect(q.paths).toContain('app/node_modules/axios/lib/core/axios.js');
    expect(q.identifiers).toEqual(expect.arrayContaining(['mergeconfig', 'axios', 'request', 'setheader']));
  });

  it('scores files a query names: full path, file name, identifier stem, plain word', () => {
    const paths = [
      'lib/core/Axios.js',
      'lib/adapters/fetch.js',
      'lib/core/mergeConfig.js',
      'lib/other.js',
      'index.js',
    ];
    const signals = pathSignals(
      paths,
      analyzeQuery('at /srv/app/lib/core/Axios.js:1 — mergeConfig( fails in the fetch adapter, see index.js'),
    );
    expect(Object.fromEntries(signals)).toEqual({
      'lib/core/Axios.js': 1,
      'lib/core/mergeConfig.js': 0.6,
      'lib/adapters/fetch.js': 0.3,
      'index.js': 0.8,
    });
  });

  it('prefers source over tests, prose and release notes unless the query asks for them', () => {
    expect(fileKindPrior('lib/http.js', 'fix timeout')).toBe(1);
    expect(fileKindPrior('CHANGELOG.md', 'fix timeout')).toBeLessThan(
      fileKindPrior('README.md', 'fix timeout'),
    );
    expect(fileKindPrior('README.md', 'typo in the readme')).toBe(1);
    expect(fileKindPrior('test/http.test.js', 'fix timeout')).toBeLessThan(1);
  });
});
