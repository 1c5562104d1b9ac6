export { parseTestOutput } from './parse-test-output.js';
export { toAnnotations } from './to-annotations.js';
export { isTestFile } from './is-test-file.js';
export { detectTestCommand, type TestCommand } from './detect-test-command.js';
export type { CheckAnnotation, TestFailure, TestFramework, TestReport } from './types.js';
