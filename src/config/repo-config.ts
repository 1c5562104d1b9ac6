import { z } from 'zod';
import { deployConfigSchema } from './deploy-config.js';
import { egressHostEntry } from './egress-host-entry.js';
import { repoMcpServersSchema } from './mcp-servers.js';

const modelName = z.string().min(1).max(100);

/**
 * Settings whose feature has its own issue and is not built yet. A file that sets one is refused with
 * "is not supported yet" (not "not a known setting", and never silently half-obeyed) until that issue lands.
 */
const NOT_SUPPORTED_YET: ReadonlySet<string> = new Set<string>();

/**
 * The per-repo configuration `.github/pipeline.yml`. Every key is optional; unknown keys are errors,
 * so a typo is reported instead of silently ignored. Nothing here can widen who may trigger a run.
 */
export const repoConfigSchema = z
  .object({
    /** Label that starts a run (the app's default is `pipeline`). */
    trigger_label: z.string().min(1).max(50).optional(),
    /** Wait for `/pipeline approve` after the plan. */
    require_approval: z.boolean().default(false),
    /** Claude model for all agents, or per agent. */
    model: z
      .union([
        modelName,
        z
          .object({
            default: modelName.optional(),
            intake: modelName.optional(),
            planning: modelName.optional(),
            development: modelName.optional(),
            testing: modelName.optional(),
            deployment: modelName.optional(),
          })
          .strict(),
      ])
      .optional(),
    /** How many develop → test rounds before the run fails. */
    max_test_rounds: z.number().int().min(1).max(10).default(3),
    /** Budget of one run in US dollars; the run stops cleanly when it is reached. */
    max_cost_usd: z.number().positive().max(1000).default(5),
    /** Commands run once before the tests (e.g. `npm ci`). */
    setup: z
      .union([z.string().min(1), z.array(z.string().min(1))])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional(),
    /** The test command; detected from the repo when absent. */
    test: z.string().min(1).optional(),
    /** Seconds a setup or test command may run. */
    test_timeout_seconds: z.number().int().min(5).max(3600).default(600),
    /**
     * Give sandboxed commands the whole network (off by default; the run says so when on). Without it they reach
     * only the package registries and `network.allow`, through the worker's egress proxy.
     */
    allow_network: z.boolean().default(false),
    network: z
      .object({
        /** More hosts setup, test and agent commands may reach: `host`, `host:port` or `*.example.org`. */
        allow: z.array(egressHostEntry).max(100).default([]),
      })
      .strict()
      .default({ allow: [] }),
    /** Globs the agents may write; everything when absent. Never lifts the protected paths. */
    allowed_paths: z.array(z.string().min(1)).optional(),
    /**
     * Globs the agents may never write, in addition to the protected paths that always apply (`.github/**`,
     * `.gitattributes` at any depth, `.gitmodules`, `CODEOWNERS`, `docs/CODEOWNERS`): a repo can add to them,
     * not lift them.
     */
    blocked_paths: z.array(z.string().min(1)).default([]),
    /**
     * MCP servers (stdio) whose tools the agents are offered, started in the sandbox inside the run's clone.
     * `${NAME}` in `env` takes the app's variable NAME, only if the app's PIPELINE_MCP_CONFIG lists it in `repo_env`.
     */
    mcp_servers: repoMcpServersSchema.default({}),
    /** What happens after a merge (see `deploy-config.ts`); without it nothing is deployed. */
    deploy: deployConfigSchema.optional(),
  })
  .strict();

export type RepoConfig = z.infer<typeof repoConfigSchema>;

export type RepoConfigProblem = { key: string; message: string };

export type RepoConfigResult =
  { ok: true; config: RepoConfig } | { ok: false; problems: RepoConfigProblem[] };

/** Validates an already-parsed YAML document (Probot's config loader does the YAML and `_extends`). */
export function parseRepoConfig(raw: unknown): RepoConfigResult {
  const parsed = repoConfigSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.flatMap((issue) => {
      const base = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((k) => {
          const key = base ? `${base}.${k}` : k;
          return {
            key,
            message: NOT_SUPPORTED_YET.has(key) ? 'is not supported yet' : 'is not a known setting',
          };
        });
      }
      return [{ key: base || '(file)', message: issue.message }];
    }),
  };
}

/** The model an agent should use, from repo config or the process default. */
export function modelFor(
  config: RepoConfig,
  agent: 'intake' | 'planning' | 'development' | 'testing' | 'deployment',
  fallback: string,
): string {
  if (typeof config.model === 'string') return config.model;
  return config.model?.[agent] ?? config.model?.default ?? fallback;
}
