/** One request the twin answered, in arrival order. */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  status: number;
  /** The OpenAPI operationId, `graphql`, `git` or null for an unknown endpoint. */
  operationId: string | null;
  at: string;
}
