import { describe, expect, it } from 'vitest';
import { findCgroupCandidates } from '../../../../src/integrations/sandbox/find-cgroup-candidates.js';

const mount = (root: string, mountPoint: string, fstype: string, superOptions: string) =>
  `40 31 0:36 ${root} ${mountPoint} rw,nosuid,nodev,noexec,relatime shared:9 - ${fstype} cgroup ${superOptions}`;

describe('where a command cgroup can be made', () => {
  it('on a hybrid host (v1 controllers, an empty v2 hierarchy): v2 first, then the v1 hierarchy of each controller', () => {
    const cgroup = ['8:pids:/', '4:memory:/sessions/abc', '1:cpu:/', '0::/'].join('\n');
    const mountinfo = [
      '22 27 0:21 / /proc rw,relatime - proc proc rw',
      mount('/', '/sys/fs/cgroup/pids', 'cgroup', 'rw,pids'),
      mount('/', '/sys/fs/cgroup/memory', 'cgroup', 'rw,memory'),
      mount('/', '/sys/fs/cgroup/cpu,cpuacct', 'cgroup', 'rw,cpu,cpuacct'),
      mount('/', '/sys/fs/cgroup/unified', 'cgroup2', 'rw'),
    ].join('\n');
    expect(findCgroupCandidates(cgroup, mountinfo)).toEqual({
      pids: [
        { version: 2, dir: '/sys/fs/cgroup/unified' },
        { version: 1, dir: '/sys/fs/cgroup/pids' },
      ],
      memory: [
        { version: 2, dir: '/sys/fs/cgroup/unified' },
        { version: 1, dir: '/sys/fs/cgroup/memory/sessions/abc' },
      ],
    });
  });

  it('on a cgroup v2 host, a service: its own cgroup, then its parent (where siblings can be made)', () => {
    const found = findCgroupCandidates(
      '0::/system.slice/pipeline.service\n',
      mount('/', '/sys/fs/cgroup', 'cgroup2', 'rw,nsdelegate'),
    );
    expect(found.pids).toEqual([
      { version: 2, dir: '/sys/fs/cgroup/system.slice/pipeline.service' },
      { version: 2, dir: '/sys/fs/cgroup/system.slice' },
    ]);
    expect(found.memory).toEqual(found.pids);
  });

  it('in a container with its own cgroup namespace: its root only, never above what is mounted', () => {
    const found = findCgroupCandidates('0::/\n', mount('/', '/sys/fs/cgroup', 'cgroup2', 'rw'));
    expect(found.pids).toEqual([{ version: 2, dir: '/sys/fs/cgroup' }]);
  });

  it('in a v1 container that mounts its own cgroup as the hierarchy root', () => {
    const found = findCgroupCandidates(
      '5:pids:/docker/0f3a\n4:memory:/docker/0f3a/worker\n',
      [
        mount('/docker/0f3a', '/sys/fs/cgroup/pids', 'cgroup', 'rw,pids'),
        mount('/docker/0f3a', '/sys/fs/cgroup/memory', 'cgroup', 'rw,memory'),
      ].join('\n'),
    );
    expect(found).toEqual({
      pids: [{ version: 1, dir: '/sys/fs/cgroup/pids' }],
      memory: [{ version: 1, dir: '/sys/fs/cgroup/memory/worker' }],
    });
  });

  it('offers nothing for a cgroup outside the mounted part of the hierarchy, or with no cgroup fs mounted', () => {
    expect(
      findCgroupCandidates(
        '5:pids:/other\n',
        mount('/docker/0f3a', '/sys/fs/cgroup/pids', 'cgroup', 'rw,pids'),
      ),
    ).toEqual({ pids: [], memory: [] });
    expect(findCgroupCandidates('0::/\n', '22 27 0:21 / /proc rw,relatime - proc proc rw')).toEqual({
      pids: [],
      memory: [],
    });
  });

  it('reads escaped mount points', () => {
    const found = findCgroupCandidates(
      '8:pids:/\n',
      mount('/', '/sys/fs/cgroup/my\\040pids', 'cgroup', 'rw,pids'),
    );
    expect(found.pids).toEqual([{ version: 1, dir: '/sys/fs/cgroup/my pids' }]);
  });
});
