export type TestFramework = 'vitest' | 'jest' | 'pytest' | 'go' | 'tap' | 'junit' | 'cargo' | 'unknown';

/** One failing test (or build error) as the runner reported it. */
export interface TestFailure {
  title: string;
  /** Where the failure points, as the runner printed it (relative, absolute, or a Go package path). */
  path?: string;
  line?: number;
  column?: number;
  message: string;
}

export interface TestReport {
  framework: TestFramework;
  passed?: number;
  failed?: number;
  skipped?: number;
  failures: TestFailure[];
}

/** What a single parser returns: a report without the framework name. */
export type ParsedReport = Omit<TestReport, 'framework'>;

/** A GitHub check-run annotation (REST `output.annotations[]`). */
export interface CheckAnnotation {
  /** Repo-relative, posix separators. */
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure';
  title: string;
  message: string;
}
