/**
 * A prior on what kind of file an issue is about: issues are mostly about source code, so release notes,
 * prose, tests, examples and config weigh less — unless the title talks about that kind of file.
 * Only the title is asked: bodies mention tests and docs as a matter of course ("* test: add a case").
 */
const RELEASE_NOTES =
  /(^|\/)(CHANGELOG|CHANGES|HISTORY|RELEASES?|RELEASE_NOTES|AUTHORS|CONTRIBUTORS|LICENSE|NOTICE)(\.\w+)?$|(^|\/)(changelogs?|changes|changelog_unreleased|release-notes|\.changeset)\//i;
const PROSE = /\.(md|mdx|markdown|rst|txt|adoc)$|(^|\/)(\.github|docs?|documentation)\//i;
const TESTS =
  /(^|\/)(test|tests|__tests__|spec|specs|e2e|fixtures?|testdata|mocks?|__mocks__)\/|\.(test|spec|bench)\.[cm]?[jt]sx?$|\.test-d\.ts$|_test\.(go|py)$|(^|\/)test_[^/]+\.py$/i;
const EXAMPLES = /(^|\/)(examples?|sandbox|demo|bench|benchmarks?)\//i;
const CONFIG = /\.(json|ya?ml|toml|ini|cfg|lock)$|(^|\/)(\.[^/]+rc(\.\w+)?|[^/]*\.config\.[cm]?[jt]s)$/i;

// "markdown" is not here: in a Markdown tool it names the code, not the docs.
const ASKS_FOR_DOCS = /\b(docs?|documentation|readme|typo|changelog|guide)\b/i;
const ASKS_FOR_TESTS = /\b(tests?|specs?|flaky|fixtures?)\b/i;

/** The first non-empty line of an issue text: its title. */
export function titleOf(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}

/**
 * `title`: the title (`titleOf`). Measured on the whole benchmark (bench/retrieval/README.md): tests
 * at 0.5 beat 0.75, prose at 0.45 beat 0.6, and a file under a test folder is a test whatever its
 * extension (a `tests/format/list.md` fixture is not documentation).
 */
export function fileKindPrior(path: string, title: string): number {
  if (RELEASE_NOTES.test(path)) return ASKS_FOR_DOCS.test(title) ? 0.8 : 0.3;
  if (TESTS.test(path)) return ASKS_FOR_TESTS.test(title) ? 0.9 : 0.5;
  if (PROSE.test(path)) return ASKS_FOR_DOCS.test(title) ? 1 : 0.45;
  if (EXAMPLES.test(path)) return 0.75;
  if (CONFIG.test(path)) return 0.8;
  return 1;
}
