import type { SandboxLimits } from './types.js';

/**
 * A fixed bash script that sets the rlimits, moves itself into the command's cgroups, then execs the command.
 * Everything variable arrives as positional parameters, so nothing is ever parsed as shell text:
 * `$1` CPU seconds, `$2` file size KiB, `$3` data KiB, `$4` processes (empty: not set), then the cgroup.procs
 * files, `--`, and the program with its arguments. A limit is lowered to the current hard limit when that is
 * lower (a non-root worker cannot raise it), and set as both soft and hard so the command cannot raise it back.
 * Any failure stops with exit 125 before the command starts.
 */
const SCRIPT = `set +o posix
cap() {
  local hard
  hard=$(ulimit -H "$1") || return 1
  if [ "$hard" != unlimited ] && [ "$hard" -lt "$2" ]; then ulimit "$1" "$hard"; else ulimit "$1" "$2"; fi
}
if ! { cap -t "$1" && cap -f "$2" && cap -d "$3" && { [ -z "$4" ] || cap -u "$4"; }; }; then
  echo 'sandbox: could not set the resource limits' >&2; exit 125
fi
shift 4
while [ "$1" != -- ]; do
  echo "$$" > "$1" || { echo 'sandbox: could not join the command cgroup' >&2; exit 125; }
  shift
done
shift
exec "$@"`;

export interface LimitPlan {
  limits: SandboxLimits;
  /** Set RLIMIT_NPROC (only meaningful for a non-root worker, where the kernel enforces it). */
  processRlimit: boolean;
  procsFiles: readonly string[];
}

/** `file args…` wrapped so that it starts with the plan's rlimits, inside the plan's cgroups. */
export function withLimits(
  plan: LimitPlan,
  file: string,
  args: readonly string[],
): { file: string; args: string[] } {
  const { limits } = plan;
  return {
    file: 'bash',
    args: [
      '-c',
      SCRIPT,
      'sandbox-limits',
      String(limits.maxCpuSeconds),
      String(limits.maxFileMb * 1024),
      String(limits.maxMemoryMb * 1024),
      plan.processRlimit ? String(limits.maxProcesses) : '',
      ...plan.procsFiles,
      '--',
      file,
      ...args,
    ],
  };
}
