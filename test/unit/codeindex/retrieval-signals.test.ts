import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../../src/codeindex/retrieval/analyze-query.js';
import { fileKindPrior } from '../../../src/codeindex/retrieval/file-kind-prior.js';
import { matchesScope, pathSignals } from '../../../src/codeindex/retrieval/path-signals.js';

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

  it('takes a fixture under a test folder for a test, and release-note folders for release notes', () => {
    expect(fileKindPrior('tests/format/markdown/list.md', 'Fix Markdown list indentation')).toBe(
      fileKindPrior('tests/format/markdown/list.test.js', 'Fix Markdown list indentation'),
    );
    expect(fileKindPrior('changelog_unreleased/markdown/19154.md', 'Fix lists')).toBe(
      fileKindPrior('CHANGELOG.md', 'Fix lists'),
    );
    expect(fileKindPrior('src/language-markdown/print/list.js', 'Fix Markdown lists')).toBe(1);
  });

  it('asks only the title whether the issue is about tests or docs', () => {
    const q = analyzeQuery('fix: handle web streams in HEAD routes\n\n* test: add a web stream case');
    expect(q.title).toBe('fix: handle web streams in HEAD routes');
    expect(fileKindPrior('test/head.test.js', q.title)).toBe(0.5);
    expect(fileKindPrior('test/head.test.js', 'flaky test of HEAD routes')).toBe(0.9);
  });

  it("reads the title's scope and matches it against folders and file names", () => {
    expect(analyzeQuery('printer: fix column numbers with --vimgrep').scopes).toEqual(['printer']);
    expect(analyzeQuery('fix(fetch): treat TypeError as a network error').scopes).toEqual(['fetch']);
    expect(analyzeQuery('[router] trailing slash redirects loop').scopes).toEqual(['router']);
    expect(analyzeQuery('GraphQL: dangling comments').scopes).toEqual(expect.arrayContaining(['graphql']));
    expect(analyzeQuery('fix: a plain title').scopes).toEqual([]);
    expect(analyzeQuery('Crash when the cache is cold').scopes).toEqual([]);

    const q = analyzeQuery('printer: fix column numbers with --vimgrep');
    expect(matchesScope('crates/printer/src/standard.rs', q)).toBe(true);
    expect(matchesScope('lib/printers.js', q)).toBe(true);
    expect(matchesScope('crates/searcher/src/lib.rs', q)).toBe(false);
    expect(matchesScope('src/language-graphql/printer-graphql.js', analyzeQuery('GraphQL: x'))).toBe(true);
  });
});
