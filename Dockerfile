# syntax=docker/dockerfile:1
#
# Production image of the Agentic Dev Pipeline.
#
#   docker build -t agentic-dev-pipeline .
#   docker run --env-file .env -p 3000:3000 <sandbox flags> agentic-dev-pipeline                      # web + worker
#   docker run --env-file .env <sandbox flags> agentic-dev-pipeline node dist/worker.js               # one more worker
#
# Sandbox flags: the worker runs agent commands under bubblewrap (bwrap), which creates user, pid, mount and
# network namespaces and mounts a fresh /proc. Docker's defaults forbid that: the seccomp profile blocks
# unshare(CLONE_NEWUSER), AppArmor denies the mounts, and the masked /proc paths make the kernel refuse a new
# procfs. Run worker containers with
#   --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined
# on a host that allows unprivileged user namespaces (user.max_user_namespaces > 0; on Ubuntu >= 23.10 also
# kernel.apparmor_restrict_unprivileged_userns=0). docker-compose.yml and deploy/k8s do this for you.
# The container itself stays non-root.
#
# Without those flags bwrap cannot start, and the sandbox fails closed: the worker refuses every agent, setup
# and test command (the run fails saying why) and its /readyz answers 503 naming the sandbox. Only
# PIPELINE_SANDBOX=unsafe-none runs commands without isolation, and every run then says so.
# Per-command limits (PIPELINE_SANDBOX_MAX_*): as non-root, processes are bounded by RLIMIT_NPROC and memory by
# RLIMIT_DATA per process (a writable cgroup, as root outside a container, adds a cgroup for each command);
# add --pids-limit and --memory to bound the container as a whole.

ARG NODE_IMAGE=node:20-bookworm-slim

# ── deps: every dependency, for the build ─────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# ── build: TypeScript → dist/, plus the non-TS files the code reads at run time ───────────────────────
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# tsc emits only .js: copy the prompts (src/**/*.md), the dashboard's script and style sheet, and SQL migrations (src/**/*.sql, e.g.
# src/storage/migrations/) beside the compiled code, keeping their relative paths. Fail if the
# migrations went missing, since the app cannot start without them.
RUN npm run build \
 && cd src \
 && find . -type f \( -name '*.md' -o -name '*.sql' -o -name '*.mjs' -o -name '*.css' \) -exec cp --parents '{}' ../dist/ ';' \
 && ls ../dist/storage/migrations/*.sql ../dist/storage/pglite-thread.mjs > /dev/null

# ── prod-deps: production dependencies only ───────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ── runtime ──────────────────────────────────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS runtime
# git: workspaces (clone, commit, push). bubblewrap: the command sandbox. ca-certificates: TLS to GitHub,
# Anthropic and your registries. tini: PID 1 that forwards SIGTERM (graceful drain) and reaps the
# processes that sandboxed commands leave behind.
RUN apt-get update \
 && apt-get install -y --no-install-recommends bubblewrap ca-certificates git tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PORT=3000 \
    PIPELINE_DATA_DIR=/var/lib/pipeline

WORKDIR /app
# Code and dependencies stay owned by root: the app cannot modify itself.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json carries "type": "module" for dist/; app.yml (optional) is Probot's manifest for the setup page.
COPY package.json app.ym[l] ./
RUN mkdir -p /var/lib/pipeline && chown 1000:1000 /var/lib/pipeline

# The base image's `node` user, by number so Kubernetes' runAsNonRoot can check it.
USER 1000:1000

EXPOSE 3000
# Liveness only (/readyz also checks Postgres, Redis and, in a worker, the sandbox; readiness probes use that).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
