import type { CrashBackend } from '../../test/e2e/support/crash-world.js';
import { killPoints, type KillPoint } from '../../test/e2e/support/kill-points.js';

export type SoakOptions = {
  /** `alternate` (default): each kill point once, backends taking turns; `both`: each point on each backend. */
  backends: 'alternate' | 'both' | CrashBackend;
  /** Only kill points whose name contains this. */
  only?: string;
  /** Stop starting trials after this long (default 10 minutes). */
  budgetMs: number;
};

export type PlannedTrial = { point: KillPoint; backend: CrashBackend };

const USAGE =
  'usage: npm run soak -- [--backends alternate|both|embedded|postgres+redis] [--only <text>] [--budget-minutes <n>]';

export function parseSoakArgs(argv: string[]): SoakOptions {
  const options: SoakOptions = { backends: 'alternate', budgetMs: 10 * 60_000 };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(USAGE);
    if (flag === '--backends' && ['alternate', 'both', 'embedded', 'postgres+redis'].includes(value))
      options.backends = value as SoakOptions['backends'];
    else if (flag === '--only') options.only = value;
    else if (flag === '--budget-minutes' && Number(value) > 0) options.budgetMs = Number(value) * 60_000;
    else throw new Error(USAGE);
    i += 1;
  }
  return options;
}

/** The trials to run, in order: every chosen kill point on the chosen backend(s). */
export function planTrials(options: SoakOptions, servicesAvailable: boolean): PlannedTrial[] {
  const points = killPoints.filter((p) => !options.only || p.name.includes(options.only));
  const choose = (index: number): CrashBackend[] => {
    if (!servicesAvailable) return ['embedded'];
    if (options.backends === 'both') return ['embedded', 'postgres+redis'];
    if (options.backends === 'alternate') return [index % 2 === 0 ? 'embedded' : 'postgres+redis'];
    return [options.backends];
  };
  return points.flatMap((point, index) => choose(index).map((backend) => ({ point, backend })));
}
