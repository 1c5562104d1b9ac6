import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, sep } from 'node:path';

/** System trees mounted read-only (or recreated as symlinks on merged-/usr systems). */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/opt'];

/** The parts of /etc that programs need; the rest (shadow, keys, host config) stays hidden. */
const ETC_ENTRIES = [
  'alternatives',
  'ca-certificates',
  'ca-certificates.conf',
  'ssl',
  'passwd',
  'group',
  'hosts',
  'host.conf',
  'resolv.conf',
  'nsswitch.conf',
  'gai.conf',
  'ld.so.cache',
  'ld.so.conf',
  'ld.so.conf.d',
  'localtime',
  'timezone',
  'mime.types',
  'bash.bashrc',
  'inputrc',
  'gitconfig',
  'os-release',
  'debian_version',
];

export interface BwrapArgsInput {
  /** Absolute, real path of the workspace (bound read-write at the same path). */
  workspace: string;
  allowNetwork: boolean;
  /** HOME inside the sandbox; created on the /tmp tmpfs unless it lies in the workspace. */
  home: string;
  readOnlyPaths?: readonly string[] | undefined;
  /** Mount `<workspace>/.git` read-only when it exists. */
  protectGitDir?: boolean | undefined;
  /** Host directory of the egress proxy's socket, mounted read-only at SANDBOX_EGRESS_DIR. */
  egressSocketDir?: string | undefined;
}

/** Where the egress proxy's socket directory appears inside the sandbox. */
export const SANDBOX_EGRESS_DIR = '/run/pipeline-egress';

/** bwrap options (everything before `--`) for one sandboxed command. */
export function buildBwrapArgs({
  workspace,
  allowNetwork,
  home,
  readOnlyPaths = [],
  protectGitDir = true,
  egressSocketDir,
}: BwrapArgsInput): string[] {
  const args = ['--unshare-all', '--die-with-parent', '--new-session'];
  if (allowNetwork) args.push('--share-net');
  for (const dir of SYSTEM_DIRS) args.push(...mountSystemDir(dir));
  for (const entry of ETC_ENTRIES) args.push('--ro-bind-try', `/etc/${entry}`, `/etc/${entry}`);
  const nodePrefix = dirname(dirname(realpathSync(process.execPath)));
  if (!isUnder(nodePrefix, SYSTEM_DIRS)) args.push('--ro-bind', nodePrefix, nodePrefix);
  for (const path of readOnlyPaths) args.push('--ro-bind-try', path, path);
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  if (egressSocketDir) args.push('--ro-bind', egressSocketDir, SANDBOX_EGRESS_DIR);
  args.push('--bind', workspace, workspace);
  if (protectGitDir) args.push('--ro-bind-try', `${workspace}/.git`, `${workspace}/.git`);
  if (!isUnder(home, [workspace])) args.push('--dir', home);
  args.push('--chdir', workspace);
  return args;
}

function mountSystemDir(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (lstatSync(dir).isSymbolicLink()) return ['--symlink', readlinkSync(dir), dir];
  return ['--ro-bind', dir, dir];
}

function isUnder(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep));
}
