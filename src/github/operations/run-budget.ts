import type { InstallationClients } from '../installation-clients.js';
import type { RepoConfigLoader } from './load-repo-config.js';

/**
 * The cost limit of a repository's runs (`max_cost_usd` of its `.github/pipeline.yml`, or the default), or
 * null when the file cannot be read as a configuration (no run starts then anyway).
 */
export async function runBudget(
  clients: InstallationClients,
  loader: RepoConfigLoader,
  run: { installationId: number; repoFullName: string },
): Promise<number | null> {
  const [owner = '', repo = ''] = run.repoFullName.split('/');
  const loaded = await loader.load(await clients.get(run.installationId), { owner, repo });
  return loaded.ok ? loaded.config.max_cost_usd : null;
}
