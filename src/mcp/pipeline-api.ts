import { z } from 'zod';
import {
  CodeSearchSchema,
  EventPageSchema,
  EventSchema,
  RunDetailSchema,
  RunDiffSchema,
  RunListSchema,
  RunSchema,
} from '../api/v1/schemas.js';

export type RunJson = z.infer<typeof RunSchema>;
export type RunDetailJson = z.infer<typeof RunDetailSchema>;
export type RunListJson = z.infer<typeof RunListSchema>;
export type EventPageJson = z.infer<typeof EventPageSchema>;
export type CodeSearchJson = z.infer<typeof CodeSearchSchema>;
export type RunDiffJson = z.infer<typeof RunDiffSchema>;
export type RunCommand = 'approve' | 'cancel' | 'retry';

/** What the API answered: the parsed body, or its status with the problem's detail (the refusal, in its words). */
export type ApiAnswer<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; detail: string };

export type ListRunsQuery = { repo?: string; status?: string; limit?: number; cursor?: string };
export type StartRunInput = {
  repo: string;
  command: 'run' | 'plan';
  instructions: string;
} & ({ issue: number } | { title: string; body: string });

/** The HTTP API (`/api/v1`) as the MCP tools use it, with one caller's token. */
export interface PipelineApi {
  /** Where the app answers (links to a run are made from it). */
  readonly baseUrl: string;
  listRuns(query: ListRunsQuery): Promise<ApiAnswer<RunListJson>>;
  getRun(id: string): Promise<ApiAnswer<RunDetailJson>>;
  listEvents(id: string, after: number, limit: number): Promise<ApiAnswer<EventPageJson>>;
  startRun(input: StartRunInput, idempotencyKey: string | undefined): Promise<ApiAnswer<{ run: RunJson }>>;
  command(id: string, command: RunCommand): Promise<ApiAnswer<{ run: RunJson }>>;
  replan(id: string, changes: string): Promise<ApiAnswer<{ run: RunJson }>>;
  searchCode(repo: string, query: string, k: number): Promise<ApiAnswer<CodeSearchJson>>;
  /** The run's pull request as a unified diff. */
  getRunDiff(id: string): Promise<ApiAnswer<RunDiffJson>>;
}

export type PipelineApiOptions = {
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; none for a caller the API knows otherwise (this machine). */
  token: string | undefined;
  /** The fetch to use: the global one, or the API app's own in the web process. */
  fetch?: (request: Request) => Promise<Response>;
};

const RunAnswer = z.object({ run: RunSchema });
/** An event without data has none in the JSON (undefined is dropped); it is `null` from here on. */
const EventPage = EventPageSchema.extend({
  events: z.array(
    EventSchema.extend({
      data: z
        .unknown()
        .optional()
        .transform((data) => data ?? null),
    }),
  ),
});
const Problem = z.object({ detail: z.string() });

/** A client of the app's HTTP API: every answer is parsed with the schema the API validates with. */
export function createPipelineApi(options: PipelineApiOptions): PipelineApi {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? ((request: Request) => fetch(request));

  async function call<T>(
    schema: z.ZodType<T>,
    method: 'GET' | 'POST',
    path: string,
    init: {
      query?: Record<string, string | number | undefined>;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiAnswer<T>> {
    const url = new URL(`${baseUrl}/api/v1${path}`);
    for (const [name, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await send(
      new Request(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
    );
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const problem = Problem.safeParse(json);
      return {
        ok: false,
        status: response.status,
        detail: problem.success
          ? problem.data.detail
          : `The API answered ${response.status} ${response.statusText}.`,
      };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        status: 502,
        detail: `The API's answer to ${method} ${path} was not what it describes (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).`,
      };
    }
    return { ok: true, status: response.status, body: parsed.data };
  }

  const runPath = (id: string) => `/runs/${encodeURIComponent(id)}`;
  return {
    baseUrl,
    listRuns: (query) => call(RunListSchema, 'GET', '/runs', { query }),
    getRun: (id) => call(RunDetailSchema, 'GET', runPath(id)),
    listEvents: (id, after, limit) =>
      call(EventPage, 'GET', `${runPath(id)}/events`, { query: { after, limit } }),
    startRun: (input, idempotencyKey) =>
      call(RunAnswer, 'POST', '/runs', {
        body: input,
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      }),
    command: (id, command) => call(RunAnswer, 'POST', `${runPath(id)}/${command}`),
    replan: (id, changes) => call(RunAnswer, 'POST', `${runPath(id)}/replan`, { body: { changes } }),
    searchCode: (repo, query, k) => {
      const [owner = '', name = ''] = repo.split('/');
      const path = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/search`;
      return call(CodeSearchSchema, 'GET', path, { query: { q: query, k } });
    },
    getRunDiff: (id) => call(RunDiffSchema, 'GET', `${runPath(id)}/diff`),
  };
}
