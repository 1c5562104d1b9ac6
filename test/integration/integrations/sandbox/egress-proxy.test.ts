import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { detectSandbox, runSandboxed } from '../../../../src/integrations/sandbox/index.js';
import {
  startNpmRegistryTwin,
  type NpmRegistryTwin,
} from '../../../twins/npm-registry/start-npm-registry-twin.js';
import { silentLogger } from '../support/silent-logger.js';
import { makeTempDir } from '../support/temp-dir.js';
import { roomyLimits } from '../support/test-limits.js';

const logger = silentLogger();
let registry: NpmRegistryTwin;
let workspace: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  expect(await detectSandbox(), 'bubblewrap must be installed: apt-get install -y bubblewrap').toEqual({
    usable: true,
  });
  registry = await startNpmRegistryTwin();
});
afterAll(() => registry.close());

beforeEach(async () => {
  workspace = await makeTempDir('sandbox-egress');
  const { name, version, tarballUrl, integrity } = registry.pkg;
  const manifest = { name: 'egress-workspace', version: '1.0.0', dependencies: { [name]: version } };
  const lock = {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': manifest,
      [`node_modules/${name}`]: { version, resolved: tarballUrl, integrity, license: 'MIT' },
    },
  };
  await writeFile(join(workspace.dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(workspace.dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  await writeFile(join(workspace.dir, '.npmrc'), `registry=${registry.url}\naudit=false\nfund=false\n`);
  return () => workspace.cleanup();
});

const run = (command: string, egressAllow?: readonly string[], egressAllowPublic?: readonly string[]) =>
  runSandboxed({
    command,
    cwd: workspace.dir,
    timeoutMs: 60_000,
    outputCapBytes: 64_000,
    allowNetwork: false,
    egressAllow,
    egressAllowPublic,
    limits: roomyLimits,
    logger,
  });

describe('a sandboxed command behind the egress proxy', () => {
  it('installs with `npm ci` from an allow-listed registry, through the proxy', async () => {
    registry.requests.length = 0;
    const result = await run('npm ci --no-audit --no-fund', [registry.hostPort]);
    expect(result.output).not.toContain('ERR');
    expect(result.exitCode).toBe(0);
    const installed = await readFile(
      join(workspace.dir, 'node_modules', registry.pkg.name, 'index.js'),
      'utf8',
    );
    expect(installed).toContain('hello from the registry twin');
    const tarballFetch = registry.requests.find((r) => r.url.endsWith('.tgz'));
    expect(tarballFetch?.headers.via).toMatch(/proxy\//);
    expect(result.egress).toEqual({ blocked: [] });
  });

  it('tunnels (CONNECT, as HTTPS does) to an allow-listed host', async () => {
    const result = await run(`curl -sS --proxytunnel ${registry.url}${registry.pkg.name}`, [
      registry.hostPort,
    ]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.output)).toMatchObject({ name: registry.pkg.name });
    expect(result.egress).toEqual({ blocked: [] });
  });

  it('is refused a host that is not on the list, with a 403 that says how to allow it, and reports it', async () => {
    const result = await run(
      'curl -sS http://not-allowed.example.test/steal; echo; curl -sS https://exfil.example.test/ || echo "https refused"',
      [registry.hostPort],
    );
    expect(result.output).toContain('not-allowed.example.test:80 is not on');
    expect(result.output).toContain('add it to network.allow in .github/pipeline.yml');
    expect(result.output).toMatch(/403/);
    expect(result.output).toContain('https refused');
    expect(result.egress?.blocked).toEqual(
      expect.arrayContaining([
        { host: 'not-allowed.example.test', port: 80, method: 'GET', reason: 'not-allowed', count: 1 },
        { host: 'exfil.example.test', port: 443, method: 'CONNECT', reason: 'not-allowed', count: 1 },
      ]),
    );
  });

  it("is refused another port of an allowed host (the worker's own services stay out of reach)", async () => {
    const otherPort = Number(registry.hostPort.split(':')[1]) + 1;
    const result = await run(`curl -sS -o /dev/null -w '%{http_code}' http://127.0.0.1:${otherPort}/`, [
      registry.hostPort,
    ]);
    expect(result.output).toContain('403');
    expect(result.egress?.blocked).toEqual([
      { host: '127.0.0.1', port: otherPort, method: 'GET', reason: 'not-allowed', count: 1 },
    ]);
  });

  it("cannot reach the worker's loopback through a repository's own entry, by address or by name", async () => {
    const port = registry.hostPort.split(':')[1] ?? '';
    const result = await run(
      `curl -sS --noproxy '' http://127.0.0.1:${port}/; curl -sS --noproxy '' http://localhost:${port}/`,
      ['registry.npmjs.org'],
      [`127.0.0.1:${port}`, `localhost:${port}`],
    );
    expect(result.output).toContain(`127.0.0.1:${port} resolves to a non-public address`);
    expect(result.output).toContain(`localhost:${port} resolves to a non-public address`);
    expect(result.output).not.toContain('not found');
    expect(result.egress?.blocked).toEqual([
      { host: '127.0.0.1', port: Number(port), method: 'GET', reason: 'private-address', count: 1 },
      { host: 'localhost', port: Number(port), method: 'GET', reason: 'private-address', count: 1 },
    ]);
  });

  it('points the proxy variables (and Maven) at the forwarder, keeping its own loopback out of the proxy', async () => {
    const result = await run('echo "$NO_PROXY"; echo "$HTTPS_PROXY"; echo "$MAVEN_OPTS"', [
      'registry.npmjs.org',
    ]);
    expect(result.output).toContain('localhost,127.0.0.1,::1');
    const port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(result.output)?.[1];
    expect(port).toBeDefined();
    expect(result.output).toContain(`-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=${port}`);
  });

  it('exits with the status of the command it wraps', async () => {
    const result = await run('exit 42', [registry.hostPort]);
    expect(result.exitCode).toBe(42);
  });
});

describe('a sandboxed command without the proxy', () => {
  it('has no network at all: `npm ci` cannot reach even the registry on the host', async () => {
    const result = await run('npm ci --no-audit --no-fund --fetch-retries=0');
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/ECONNREFUSED|ENETUNREACH|network/i);
    expect(result.egress).toBeUndefined();
  });
});
