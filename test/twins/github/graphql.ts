import { readFileSync } from 'node:fs';
import {
  buildSchema,
  execute,
  Kind,
  parse,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { z } from 'zod';
import type { Caller } from './auth/authenticate.js';
import { tokenAllows, tokenReaches } from './auth/token-access.js';
import { htmlUrl, nodeId } from './context.js';
import { getIssue } from './domain/issues.js';
import { setDraft } from './domain/pulls.js';
import { packageFile } from './openapi/package-file.js';
import type { RouteContext } from './routes/types.js';
import type { PullRecord, RepoRecord } from './state.js';

let cachedSchema: GraphQLSchema | undefined;

/** GitHub's public GraphQL schema (`@octokit/graphql-schema`), built once per process on first use. */
function schema(): GraphQLSchema {
  cachedSchema ??= buildSchema(
    readFileSync(packageFile('@octokit/graphql-schema', 'schema.graphql'), 'utf8'),
    {
      assumeValidSDL: true,
    },
  );
  return cachedSchema;
}

const requestSchema = z.object({
  query: z.string(),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

const SUPPORTED = new Set(['markPullRequestReadyForReview', 'convertPullRequestToDraft']);

export interface GraphqlAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Problems to record as violations (document invalid against the schema, unsupported fields). */
  problems: { pointer: string; message: string }[];
}

function pullNode(ctx: RouteContext, repo: RepoRecord, pull: PullRecord): Record<string, unknown> {
  const issue = getIssue(repo, pull.number);
  return {
    id: nodeId('PR', pull.id),
    number: pull.number,
    title: issue.title,
    isDraft: pull.draft,
    state: pull.merged ? 'MERGED' : issue.state.toUpperCase(),
    url: htmlUrl(ctx, `/${repo.fullName}/pull/${pull.number}`),
    headRefName: pull.head.ref,
    baseRefName: pull.base.ref,
    headRefOid: pull.head.sha,
  };
}

function draftMutation(ctx: RouteContext, caller: Caller, draft: boolean) {
  return (args: { input: { pullRequestId: string; clientMutationId?: string } }): Record<string, unknown> => {
    const location = ctx.state.pullNodeIds.get(args.input.pullRequestId);
    const repo = location ? ctx.state.repo(location.fullName) : undefined;
    if (!location || !repo || !tokenReaches(caller, repo))
      throw new Error(`Could not resolve to a node with the global id of '${args.input.pullRequestId}'`);
    if (!tokenAllows(caller, [['pull_requests', 'write']]))
      throw new Error('Resource not accessible by integration');
    const pull = repo.pulls.get(location.number);
    if (!pull) throw new Error('Pull request not found');
    setDraft(ctx, repo, pull, draft, ctx.app.botUser, ctx.emit);
    return { clientMutationId: args.input.clientMutationId ?? null, pullRequest: pullNode(ctx, repo, pull) };
  };
}

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

/** Answers `POST /graphql`: the document is checked against GitHub's schema, then run for supported fields. */
export async function handleGraphql(
  ctx: RouteContext,
  caller: Caller,
  rawBody: unknown,
): Promise<GraphqlAnswer> {
  const request = requestSchema.safeParse(rawBody);
  if (!request.success) {
    const problems = [{ pointer: '/query', message: 'body must be { query, variables? }' }];
    return { status: 400, body: { message: 'Problems parsing JSON' }, problems };
  }
  let document;
  try {
    document = parse(request.data.query);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 200, body: { errors: [{ message }] }, problems: [{ pointer: '/query', message }] };
  }
  const errors = validate(schema(), document);
  if (errors.length > 0) {
    const problems = errors.map((e) => ({ pointer: '/query', message: e.message }));
    return { status: 200, body: { errors: errors.map((e) => ({ message: e.message })) }, problems };
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const unsupported = operations.flatMap(rootFields).filter((f) => !SUPPORTED.has(f));
  if (unsupported.length > 0) {
    const message = `the GitHub twin does not implement ${unsupported.join(', ')}`;
    return { status: 200, body: { errors: [{ message }] }, problems: [{ pointer: '/query', message }] };
  }
  const rootValue = {
    markPullRequestReadyForReview: draftMutation(ctx, caller, false),
    convertPullRequestToDraft: draftMutation(ctx, caller, true),
  };
  const result = await execute({
    schema: schema(),
    document,
    rootValue,
    variableValues: request.data.variables ?? undefined,
    operationName: request.data.operationName ?? undefined,
  });
  const body: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors) body['errors'] = result.errors.map((e) => e.toJSON());
  const problems = (result.errors ?? []).map((e) => ({
    pointer: `/${(e.path ?? []).join('/')}`,
    message: e.message,
  }));
  return { status: 200, body, problems };
}
