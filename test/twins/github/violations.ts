export type ViolationKind =
  'request' | 'response' | 'unknown-endpoint' | 'webhook-payload' | 'graphql' | 'auth';

/** Something the app sent or the twin answered that does not match what GitHub documents. */
export interface Violation {
  kind: ViolationKind;
  /** REST operationId (`checks/update`), webhook name (`issues.opened`) or GraphQL field. */
  operationId: string;
  method: string;
  path: string;
  /** Where the bad field is: `body`, `query`, `path`, `response`, `payload`, `document`. */
  part: string;
  /** JSON pointer of the bad field inside that part, e.g. `/output/annotations/0/annotation_level`. */
  pointer: string;
  message: string;
}

export function formatViolation(v: Violation): string {
  return `[${v.kind}] ${v.operationId} (${v.method} ${v.path}) ${v.part} ${v.pointer}: ${v.message}`;
}

export class ViolationLog {
  readonly list: Violation[] = [];

  record(violation: Violation): void {
    this.list.push(violation);
  }

  /** Throws one error naming every violation so a failing test shows what the app got wrong. */
  assertNone(): void {
    if (this.list.length === 0) return;
    const lines = this.list.map((v, i) => `  ${i + 1}. ${formatViolation(v)}`);
    throw new Error(`GitHub twin recorded ${this.list.length} violation(s):\n${lines.join('\n')}`);
  }
}
