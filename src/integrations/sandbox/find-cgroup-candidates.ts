import { posix } from 'node:path';

export type CgroupController = 'pids' | 'memory';

/** A directory under which a command's cgroup could be made for a controller (checked before use). */
export interface CgroupCandidate {
  version: 1 | 2;
  dir: string;
}

/**
 * Where this process's cgroups live, from the text of /proc/self/cgroup and /proc/self/mountinfo, as candidate
 * parent directories per controller, best first: on cgroup v2 the process's own cgroup and its parent (usable
 * only where the controller is enabled in `cgroup.subtree_control`, which the caller checks), then the v1
 * hierarchy mounted for the controller. Pure: no file is read here.
 */
export function findCgroupCandidates(
  procSelfCgroup: string,
  mountinfo: string,
): Record<CgroupController, CgroupCandidate[]> {
  const memberships = procSelfCgroup
    .split('\n')
    .map((line) => /^(\d+):([^:]*):(.*)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ id: m[1] ?? '', controllers: (m[2] ?? '').split(','), path: m[3] ?? '' }));
  const mounts = mountinfo.split('\n').flatMap(parseMount);
  const candidates = (controller: CgroupController): CgroupCandidate[] => {
    const found: CgroupCandidate[] = [];
    const unified = memberships.find((m) => m.id === '0' && m.controllers.join('') === '');
    const v2Mount = mounts.find((m) => m.fstype === 'cgroup2');
    const v2Dir = unified && v2Mount ? under(v2Mount, unified.path) : undefined;
    if (v2Mount && v2Dir) {
      found.push({ version: 2, dir: v2Dir });
      if (v2Dir !== v2Mount.mountPoint) found.push({ version: 2, dir: posix.dirname(v2Dir) });
    }
    const v1 = memberships.find((m) => m.controllers.includes(controller));
    const v1Mount = mounts.find((m) => m.fstype === 'cgroup' && m.superOptions.includes(controller));
    const v1Dir = v1 && v1Mount ? under(v1Mount, v1.path) : undefined;
    if (v1Dir) found.push({ version: 1, dir: v1Dir });
    return found;
  };
  return { pids: candidates('pids'), memory: candidates('memory') };
}

interface Mount {
  root: string;
  mountPoint: string;
  fstype: string;
  superOptions: string[];
}

/** One /proc/self/mountinfo line: `id parent dev root mountpoint options [optional…] - fstype source superoptions`. */
function parseMount(line: string): Mount[] {
  const [left, right] = line.split(' - ');
  if (!left || !right) return [];
  const fields = left.split(' ');
  const [fstype, , superOptions] = right.split(' ');
  const root = fields[3];
  const mountPoint = fields[4];
  if (!root || !mountPoint || !fstype) return [];
  return [
    {
      root: unescape(root),
      mountPoint: unescape(mountPoint),
      fstype,
      superOptions: (superOptions ?? '').split(','),
    },
  ];
}

/** The directory of cgroup `path` in `mount`, or undefined when the path lies outside what is mounted. */
function under(mount: Mount, path: string): string | undefined {
  const relative = posix.relative(mount.root, path);
  if (relative.startsWith('..') || posix.isAbsolute(relative)) return undefined;
  return relative === '' ? mount.mountPoint : posix.join(mount.mountPoint, relative);
}

/** mountinfo escapes space, tab, newline and backslash as octal (`\040`). */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
