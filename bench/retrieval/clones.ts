import { existsSync } from 'node:fs';

/**
 * Local clone paths per task set, from `--clone set=path` flags and the BENCH_RETRIEVAL_CLONES env var
 * (`axios=/src/axios,fastify=/src/fastify`); flags win.
 */
export function parseClones(flags: string[], env: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of [...(env ? env.split(',') : []), ...flags]) {
    const eq = item.indexOf('=');
    if (eq > 0) out.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  return out;
}

/** Why a set cannot run with this clone, or undefined when it can. */
export function cloneProblem(set: string, repo: string, path: string | undefined): string | undefined {
  if (!path) {
    return `no local clone given. Clone it (git clone https://github.com/${repo}) and pass --clone ${set}=<path> or BENCH_RETRIEVAL_CLONES=${set}=<path>.`;
  }
  if (!existsSync(path)) return `clone path ${path} does not exist.`;
  return undefined;
}
