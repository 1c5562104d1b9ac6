import { tokenRequestSchema, tokenScopeFor } from '../auth/token-scope.js';
import { TwinHttpError } from '../domain/errors.js';
import { serializeApp, serializeInstallation } from '../serializers/app.js';
import { serializeRepo } from '../serializers/repos.js';
import { intParam, parseBody, repoOf, type RouteTable } from './types.js';

function rateLimit(limit: number): Record<string, number> {
  return { limit, used: 0, remaining: limit, reset: Math.floor(Date.now() / 1000) + 3600 };
}

export const appRoutes: RouteTable = {
  'apps/get-authenticated': {
    auth: 'app',
    handle(ctx) {
      return { status: 200, body: serializeApp(ctx) };
    },
  },
  'apps/get-repo-installation': {
    auth: 'app',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const installation = ctx.state.installations.get(repo.installationId);
      if (!installation) throw new TwinHttpError(404, 'Not Found');
      return { status: 200, body: serializeInstallation(ctx, installation) };
    },
  },
  'apps/get-installation': {
    auth: 'app',
    handle(ctx, req) {
      const installation = ctx.state.installations.get(intParam(req, 'installation_id'));
      if (!installation) throw new TwinHttpError(404, 'Not Found');
      return { status: 200, body: serializeInstallation(ctx, installation) };
    },
  },
  'apps/create-installation-access-token': {
    auth: 'app',
    handle(ctx, req) {
      const installation = ctx.state.installations.get(intParam(req, 'installation_id'));
      if (!installation) throw new TwinHttpError(404, 'Not Found');
      const scope = tokenScopeFor(ctx.state, installation, parseBody(tokenRequestSchema, req.body));
      const issued = ctx.tokens.issue(installation.id, scope);
      const reach = scope.repositoryIds;
      const repositories = reach
        ? [...ctx.state.repos.values()].filter((r) => reach.includes(r.id)).map((r) => serializeRepo(ctx, r))
        : undefined;
      return {
        status: 201,
        body: {
          token: issued.token,
          expires_at: issued.expiresAt,
          permissions: issued.permissions,
          repository_selection: 'selected',
          ...(repositories ? { repositories } : {}),
        },
      };
    },
  },
  'apps/list-repos-accessible-to-installation': {
    auth: 'installation',
    handle(ctx, req) {
      const caller = req.caller;
      const id = caller.kind === 'installation' ? caller.installationId : -1;
      const reach = caller.kind === 'installation' ? caller.token.repositoryIds : null;
      const repos = [...ctx.state.repos.values()].filter(
        (r) => r.installationId === id && (reach === null || reach.includes(r.id)),
      );
      return {
        status: 200,
        body: {
          total_count: repos.length,
          repository_selection: 'selected',
          repositories: repos.map((r) => serializeRepo(ctx, r)),
        },
      };
    },
  },
  'rate-limit/get': {
    auth: 'none',
    handle() {
      const core = rateLimit(5000);
      return {
        status: 200,
        body: {
          resources: { core, search: rateLimit(30), graphql: rateLimit(5000) },
          rate: core,
        },
      };
    },
  },
};
