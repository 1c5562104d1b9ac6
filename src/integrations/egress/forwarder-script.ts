/**
 * The program that runs inside the sandbox's own network namespace (which has only a loopback): node listens on
 * a free 127.0.0.1 port there and pipes every connection to the egress proxy's Unix socket, points the proxy
 * variables at that port, runs `bash -c <command>` and exits as the command did.
 * argv: <proxy socket path> <NO_PROXY value> <command>.
 *
 * It is source text, run with `node -e`, because inside the sandbox there is neither tsx nor the app's modules,
 * and the same text works whether the app runs from src/ or from dist/. It uses Node's built-ins only.
 */
export const FORWARDER_SCRIPT = String.raw`
'use strict';
const net = require('node:net');
const { spawn } = require('node:child_process');
const { constants } = require('node:os');
const [socketPath, noProxy, command] = process.argv.slice(1);
const server = net.createServer((client) => {
  const upstream = net.connect(socketPath);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
  client.pipe(upstream);
  upstream.pipe(client);
});
server.on('error', (error) => {
  console.error('pipeline egress forwarder: ' + error.message);
  process.exit(125);
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const url = 'http://127.0.0.1:' + port;
  // Maven's JVM reads no proxy variables, only system properties.
  const jvm = ['http', 'https'].map((p) => '-D' + p + '.proxyHost=127.0.0.1 -D' + p + '.proxyPort=' + port);
  const env = Object.assign({ MAVEN_OPTS: jvm.join(' ') }, process.env, {
    HTTP_PROXY: url, HTTPS_PROXY: url, http_proxy: url, https_proxy: url,
    NO_PROXY: noProxy, no_proxy: noProxy,
  });
  const child = spawn('bash', ['-c', command], { stdio: 'inherit', env });
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error('pipeline egress forwarder: ' + error.message);
    process.exit(127);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
});
`;
