import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  pgid: number;
  cmdline: string;
}

/** Live processes whose command line contains `marker` (read from /proc, Linux only). */
export function findProcesses(marker: string): ProcessInfo[] {
  return listLiveProcesses().filter((p) => p.cmdline.includes(marker));
}

/**
 * Live members of a process group. Zombies do not count: they run nothing and wait for
 * the host's init to reap them, which some container inits do lazily.
 */
export function liveGroupMembers(pgid: number): ProcessInfo[] {
  return listLiveProcesses().filter((p) => p.pgid === pgid);
}

function listLiveProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry));
    if (info) found.push(info);
  }
  return found;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name: state, ppid, pgrp, …
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    return { pid, pgid: Number(fields[2]), cmdline };
  } catch (error) {
    // The process ended between listing /proc and reading it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') return undefined;
    throw error;
  }
}
