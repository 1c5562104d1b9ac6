import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** A refusal or failure as a tool error the model reads (never a protocol fault): the status and the reason. */
export function toolError(status: number, detail: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: `${describeStatus(status)}: ${detail}` }] };
}

/** A tool's answer: the structured content, and the same as JSON text for clients that read only text. */
export function toolAnswer(structured: Record<string, unknown>, summary?: string): CallToolResult {
  const json = JSON.stringify(structured, null, 2);
  return {
    structuredContent: structured,
    content: [{ type: 'text', text: summary ? `${summary}\n\n${json}` : json }],
  };
}

function describeStatus(status: number): string {
  switch (status) {
    case 401:
      return 'Not authenticated';
    case 403:
      return 'Refused';
    case 404:
      return 'Not found';
    case 409:
      return 'Not possible now';
    case 400:
      return 'Bad request';
    default:
      return `Failed (${status})`;
  }
}
