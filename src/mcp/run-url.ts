/** Where a run is read over the HTTP API. */
export function runUrl(baseUrl: string, runId: string): string {
  return `${baseUrl}/api/v1/runs/${runId}`;
}
