import { z } from 'zod';

/** Settings named `PIPELINE_DEPLOY_SECRETS_<ENVIRONMENT>`. */
const PREFIX = 'PIPELINE_DEPLOY_SECRETS_';
const entrySchema = z
  .string()
  .regex(
    /^(?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:)?[A-Za-z_][A-Za-z0-9_]*$/,
    'entries are `NAME` (every repository) or `owner/name:NAME` (that repository only)',
  );

/** One secret the operator grants to deploy commands of an environment. */
export interface DeploySecretGrant {
  /** The settings key of the environment (`PRODUCTION` for `production`, see `environmentKey`). */
  environmentKey: string;
  /** Lower-case `owner/name`; absent: every repository of the app. */
  repo?: string;
  /** The variable's name, in the app's environment and in the deploy command's. */
  name: string;
  value: string;
}

/** `production` → `PRODUCTION`, `eu-west.1` → `EU_WEST_1`: how an environment is named in a settings key. */
export function environmentKey(environment: string): string {
  return environment.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * The deploy secrets the app's own environment grants: each `PIPELINE_DEPLOY_SECRETS_<ENV>` is a comma list of
 * variable names (`NAME` or `owner/name:NAME`) whose values, read from the same environment, the deploy command
 * of that environment gets. Returns the grants, or the problems (a bad entry, a named variable that is unset).
 */
export function readDeploySecrets(env: Readonly<Record<string, string | undefined>>): {
  grants: DeploySecretGrant[];
  problems: string[];
} {
  const grants: DeploySecretGrant[] = [];
  const problems: string[] = [];
  for (const [key, list] of Object.entries(env)) {
    if (!key.startsWith(PREFIX) || !list) continue;
    const environment = key.slice(PREFIX.length);
    for (const entry of list
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const parsed = entrySchema.safeParse(entry);
      if (!parsed.success) {
        problems.push(`${key}: '${entry}': ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        continue;
      }
      const colon = entry.lastIndexOf(':');
      const name = entry.slice(colon + 1);
      const value = env[name];
      if (!value) {
        problems.push(`${key}: '${name}' is granted but not set in the app's environment`);
        continue;
      }
      grants.push({
        environmentKey: environment,
        ...(colon > 0 ? { repo: entry.slice(0, colon).toLowerCase() } : {}),
        name,
        value,
      });
    }
  }
  return { grants, problems };
}

/** The variables a deploy command of `repo` to `environment` gets: only what the operator granted. */
export function deploySecretsFor(
  grants: readonly DeploySecretGrant[],
  repoFullName: string,
  environment: string,
): Record<string, string> {
  const key = environmentKey(environment);
  const repo = repoFullName.toLowerCase();
  return Object.fromEntries(
    grants
      .filter((g) => g.environmentKey === key && (g.repo === undefined || g.repo === repo))
      .map((g) => [g.name, g.value]),
  );
}
