import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface NpmRegistryTwin {
  /** `127.0.0.1:<port>`: what an allow-list names to let it through. */
  hostPort: string;
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The one package it serves. */
  pkg: { name: string; version: string; tarballUrl: string; integrity: string };
  /** Every request it answered, with its headers (a proxy leaves a `via` header). */
  requests: { method: string; url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

const NAME = 'pipeline-twin-greeting';
const VERSION = '1.0.0';

/**
 * A registry on 127.0.0.1 serving one real package built with `npm pack`: its packument and its tarball,
 * enough for `npm install` and `npm ci`. Anything else is 404.
 */
export async function startNpmRegistryTwin(): Promise<NpmRegistryTwin> {
  const workDir = await mkdtemp(join(tmpdir(), 'npm-registry-twin-'));
  const tarball = await packPackage(workDir);
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  const shasum = createHash('sha1').update(tarball).digest('hex');
  const requests: NpmRegistryTwin['requests'] = [];
  const tarballPath = `/${NAME}/-/${NAME}-${VERSION}.tgz`;
  let origin = '';
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers });
    if (req.url === `/${NAME}`) {
      const packument = {
        name: NAME,
        'dist-tags': { latest: VERSION },
        versions: {
          [VERSION]: {
            name: NAME,
            version: VERSION,
            dist: { tarball: `${origin}${tarballPath}`, integrity, shasum },
          },
        },
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
      return;
    }
    if (req.url === tarballPath) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tarball);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('registry twin has no TCP address');
  const hostPort = `127.0.0.1:${address.port}`;
  origin = `http://${hostPort}`;
  return {
    hostPort,
    url: `${origin}/`,
    pkg: { name: NAME, version: VERSION, tarballUrl: `${origin}${tarballPath}`, integrity },
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

async function packPackage(workDir: string): Promise<Buffer> {
  const source = join(workDir, 'source');
  await mkdir(source);
  await writeFile(
    join(source, 'package.json'),
    JSON.stringify({ name: NAME, version: VERSION, main: 'index.js', license: 'MIT' }),
  );
  await writeFile(join(source, 'index.js'), "module.exports = 'hello from the registry twin';\n");
  await promisify(execFile)('npm', ['pack', '--silent', '--pack-destination', workDir], { cwd: source });
  return readFile(join(workDir, `${NAME}-${VERSION}.tgz`));
}
