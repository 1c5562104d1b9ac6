import { z } from 'zod';
import { apiTokensSetting } from './api-tokens.js';
import { readDeploySecrets, type DeploySecretGrant } from './deploy-secrets.js';
import { egressHostEntry } from './egress-host-entry.js';

/** Comma-separated list in an env var → trimmed, non-empty entries. */
const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const optionalUrl = z.url().optional();

/**
 * Process settings, read once from the environment at boot. Every key is documented in the README.
 * A missing or bad value stops start-up with a message naming the variable.
 */
export const settingsSchema = z.object({
  /** GitHub App id. Without it (and PRIVATE_KEY) `npm start` serves Probot's setup page. */
  APP_ID: z.string().regex(/^\d+$/, 'must be a numeric GitHub App id').optional(),
  /** The App's private key (PEM); `\n` escapes are accepted. */
  PRIVATE_KEY: z.string().optional(),
  /** Secret GitHub signs webhook deliveries with. */
  WEBHOOK_SECRET: z.string().min(1).optional(),
  /** GitHub Enterprise Server host (Probot's convention), e.g. `github.example.com`. */
  GHE_HOST: z.string().optional(),
  /** Protocol for GHE_HOST. */
  GHE_PROTOCOL: z.enum(['http', 'https']).default('https'),
  /** Explicit REST base URL; wins over GHE_HOST (used for gateways and the local GitHub twin). */
  GITHUB_API_URL: optionalUrl,
  /** GitHub's request throttling (one write per second, back-off on secondary limits); `off` for a GHES without rate limits. */
  GITHUB_THROTTLE: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  /** Slug of the app's bot user, e.g. `my-pipeline[bot]`; found from the API when absent. */
  APP_SLUG: z.string().optional(),
  /** PostgreSQL connection string. Without it an embedded PGlite database in PIPELINE_DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Maximum PostgreSQL pool size (the embedded database always uses 1). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(20),
  /** Redis connection string. Without it an in-process queue is used (single process only). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** Prefix of every Redis key (queue, live events), so several deployments can share one Redis. */
  PIPELINE_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('pipeline'),
  /** Chroma server URL. Without it `chroma run` is started as a child process. */
  CHROMA_URL: optionalUrl,
  /** The code index the agents search (`off` skips Chroma entirely). */
  PIPELINE_CODE_INDEX: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  /** How often a worker takes index requests recorded by webhooks (installation, push to the default branch). */
  INDEX_REFRESH_SECONDS: z.coerce.number().min(0.1).default(15),
  /** Embeddings for the code index: `auto` uses Voyage or OpenAI when their key is set, else the local embedder. */
  EMBEDDING_PROVIDER: z.enum(['auto', 'local', 'voyage', 'openai']).default('auto'),
  VOYAGE_API_KEY: z.string().min(1).optional(),
  VOYAGE_BASE_URL: optionalUrl,
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: optionalUrl,
  /** Anthropic API key; agents cannot run without it. */
  ANTHROPIC_API_KEY: z.string().optional(),
  /** Anthropic API base URL (gateways, proxies). */
  ANTHROPIC_BASE_URL: optionalUrl,
  /** Default Claude model for all agents. */
  PIPELINE_MODEL: z.string().default('claude-sonnet-4-6'),
  /** Where embedded data (PGlite, Chroma, workspaces) lives. */
  PIPELINE_DATA_DIR: z.string().default('.pipeline'),
  /** Label that triggers a run, unless the repo's pipeline.yml names another. */
  PIPELINE_TRIGGER_LABEL: z.string().min(1).default('pipeline'),
  /** Bots allowed to trigger runs, by login (e.g. `dependabot[bot]`). A repo file cannot widen this. */
  PIPELINE_ALLOWED_BOTS: csv.default([]),
  /**
   * GitHub gives up on a delivery after 10 s. A delivery whose handlers are still busy after this long (GitHub
   * itself slow or failing, and being retried) is answered 202 and finished in the background.
   */
  WEBHOOK_ANSWER_TIMEOUT_MS: z.coerce.number().int().min(100).max(9_500).default(9_000),
  /**
   * Webhook bodies read at once before their signature is checked. Beyond it a delivery is answered 503 with
   * Retry-After without being read, so unsigned senders cannot make the web process hold up to 25 MB each.
   */
  WEBHOOK_MAX_PENDING_BODIES: z.coerce.number().int().min(1).default(32),
  /** How long a sender's permission answer from GitHub is reused. */
  PERMISSION_CACHE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Whether `npm start` also runs a worker; `false` makes it a web-only process (e.g. Kubernetes web pods). */
  PIPELINE_RUN_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** How often BullMQ looks for jobs of dead workers, and how long a job's lock lives without renewal. */
  QUEUE_STALLED_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  QUEUE_LOCK_DURATION_MS: z.coerce.number().int().min(100).default(30_000),
  /** How often workers enqueue runs left `queued` without a job (the queue was down when they were recorded). */
  QUEUE_RECONCILE_SECONDS: z.coerce.number().min(0.1).default(30),
  /** Runs one worker processes at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * How agent commands (run_command, setup and test commands) are isolated. `bwrap` (bubblewrap) fails closed: a
   * worker that cannot start it refuses every command and its /readyz says why. `unsafe-none` runs them as plain
   * processes with the worker's file system and network, and every run says so.
   */
  PIPELINE_SANDBOX: z.enum(['bwrap', 'unsafe-none']).default('bwrap'),
  /** The bubblewrap executable (a name looked up on PATH, or an absolute path). */
  PIPELINE_BWRAP_PATH: z.string().min(1).default('bwrap'),
  /** Most processes one sandboxed command may have at once (a pids cgroup, or RLIMIT_NPROC when not root). */
  PIPELINE_SANDBOX_MAX_PROCESSES: z.coerce.number().int().min(16).default(512),
  /** Memory of one sandboxed command in MB (a memory cgroup for all its processes, and RLIMIT_DATA for each). */
  PIPELINE_SANDBOX_MAX_MEMORY_MB: z.coerce.number().int().min(64).default(4096),
  /** Largest file a sandboxed command may write, in MB (RLIMIT_FSIZE). */
  PIPELINE_SANDBOX_MAX_FILE_MB: z.coerce.number().int().min(1).default(1024),
  /** CPU seconds each process of a sandboxed command may use (RLIMIT_CPU). */
  PIPELINE_SANDBOX_MAX_CPU_SECONDS: z.coerce.number().int().min(1).default(600),
  /**
   * Hosts every sandboxed command may reach through the egress proxy, in addition to the package registries
   * (npm, PyPI, crates.io, Go proxy, Maven Central, RubyGems): comma-separated `host`, `host:port` or `*.domain`.
   */
  PIPELINE_EGRESS_ALLOW: csv.pipe(z.array(egressHostEntry)).default([]),
  /** Bearer token that lets /readyz include raw error details; without it /readyz gives plain reasons only. */
  PIPELINE_STATUS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * API tokens for `/api/v1`: a JSON array of `{ name, sha256, access: read|write, repos: ["owner/name" | "owner/*"] }`.
   * Unset: the API answers requests from this machine (loopback) only, with full access.
   */
  PIPELINE_API_TOKENS: apiTokensSetting.optional(),
  /** The GitHub App's OAuth client id and secret: with both, the dashboard signs people in with GitHub. */
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  /** Key of the dashboard's session cookies (encrypted, signed); the same in every web process. */
  PIPELINE_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Requests one API caller (token) may make per PIPELINE_API_RATE_WINDOW_SECONDS; past it the API answers 429. */
  PIPELINE_API_RATE_LIMIT: z.coerce.number().int().min(1).default(300),
  PIPELINE_API_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * Where people reach this app (e.g. `https://pipeline.example.com`). When set, status comments, pull requests,
   * check runs and deployment statuses link to the run's page on the dashboard, `<PIPELINE_PUBLIC_URL>/runs/<id>`
   * (deployment statuses link to the run's comment on the issue without it).
   */
  PIPELINE_PUBLIC_URL: optionalUrl,
  /** Sentry DSN: errors the app logs are reported there, tagged with their run and delivery, secrets scrubbed. */
  SENTRY_DSN: optionalUrl,
  /**
   * OTLP/HTTP endpoint for OpenTelemetry traces (one span per graph node and per model call); spans are sent to
   * `<endpoint>/v1/traces`. Unset: no tracing.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  /** The `service.name` of the traces. */
  OTEL_SERVICE_NAME: z.string().min(1).default('agentic-dev-pipeline'),
  /** `npx agentic-dev-pipeline mcp`: the running app it drives (its base URL, e.g. `https://pipeline.example.org`). */
  PIPELINE_API_URL: optionalUrl,
  /** `npx agentic-dev-pipeline mcp`: the API token it sends (one of the app's PIPELINE_API_TOKENS). */
  PIPELINE_API_TOKEN: z.string().min(1).optional(),
  /**
   * `/mcp`: the server's public URL (its resource identifier, RFC 9728/8707), e.g. `https://pipeline.example.org/mcp`.
   * Tokens with an `audience` must name it. Unset: taken from the request's Host.
   */
  PIPELINE_MCP_URL: optionalUrl,
  /** `/mcp`: browser origins allowed besides the server's own (DNS-rebinding protection), comma-separated. */
  PIPELINE_MCP_ALLOWED_ORIGINS: csv.default([]),
  /** A JSON file of MCP servers whose tools the agents are offered (see README, "MCP"). */
  PIPELINE_MCP_CONFIG: z.string().min(1).optional(),
  /** HTTP port and host. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Node environment. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Settings = z.infer<typeof settingsSchema> & {
  /** REST API base URL resolved from GITHUB_API_URL, GHE_HOST or the public default. */
  githubApiUrl: string;
  /** True when the GitHub App credentials are present. */
  hasAppCredentials: boolean;
  /** Secrets granted to deploy commands by `PIPELINE_DEPLOY_SECRETS_<ENVIRONMENT>` (see `deploy-secrets.ts`). */
  deploySecrets: DeploySecretGrant[];
};

export class SettingsError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/** Parses the environment; throws SettingsError naming every bad variable. */
export function loadSettings(env: Readonly<Record<string, string | undefined>> = process.env): Settings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = settingsSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new SettingsError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const s = parsed.data;
  const deploySecrets = readDeploySecrets(cleaned);
  if (deploySecrets.problems.length) throw new SettingsError(deploySecrets.problems);
  const partialCredentials = [s.APP_ID, s.PRIVATE_KEY, s.WEBHOOK_SECRET].filter(Boolean).length;
  if (partialCredentials > 0 && partialCredentials < 3) {
    const missing = (['APP_ID', 'PRIVATE_KEY', 'WEBHOOK_SECRET'] as const).filter((k) => !s[k]);
    throw new SettingsError(
      missing.map((k) => `${k}: required when the other GitHub App credentials are set`),
    );
  }
  const login = [s.GITHUB_CLIENT_ID, s.GITHUB_CLIENT_SECRET, s.PIPELINE_SESSION_SECRET].filter(
    Boolean,
  ).length;
  if (login > 0 && login < 3) {
    const missing = (['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET', 'PIPELINE_SESSION_SECRET'] as const).filter(
      (k) => !s[k],
    );
    throw new SettingsError(missing.map((k) => `${k}: required for GitHub login to the dashboard`));
  }
  const githubApiUrl =
    s.GITHUB_API_URL ?? (s.GHE_HOST ? `${s.GHE_PROTOCOL}://${s.GHE_HOST}/api/v3` : 'https://api.github.com');
  return {
    ...s,
    PRIVATE_KEY: s.PRIVATE_KEY?.replace(/\\n/g, '\n'),
    githubApiUrl: githubApiUrl.replace(/\/$/, ''),
    hasAppCredentials: partialCredentials === 3,
    deploySecrets: deploySecrets.grants,
  };
}
