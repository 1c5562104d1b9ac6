/** Paths that hold tests by the conventions of the runners the pipeline detects (npm, pytest, go, cargo, …). */
const TEST_PATHS = [
  /(^|\/)(test|tests|__tests__|spec|specs)\//,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /(^|\/)test_[^/]*\.py$/,
  /_test\.(py|go)$/,
  /_spec\.rb$/,
  /Tests?\.(java|kt|cs)$/,
];

/** Whether a repository-relative path is a test file (by its folder or its name). */
export function isTestFile(path: string): boolean {
  return TEST_PATHS.some((pattern) => pattern.test(path));
}
