import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isolatedGitEnv } from './run-git.js';

export interface HttpBackendRequest {
  projectRoot: string;
  /** Path below the project root, e.g. `/acme/app.git/info/refs`. */
  pathInfo: string;
  queryString: string;
  remoteUser: string;
  req: IncomingMessage;
  res: ServerResponse;
}

interface CgiHead {
  status: number;
  headers: [string, string][];
}

function parseCgiHead(text: string): CgiHead {
  let status = 200;
  const headers: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else headers.push([name, value]);
  }
  return { status, headers };
}

function findHeadEnd(buffer: Buffer): { end: number; bodyStart: number } | null {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { end: lf, bodyStart: lf + 2 };
  return null;
}

/**
 * Serves one smart-HTTP request by running `git http-backend` as a CGI program: the request body is piped
 * to its stdin (still gzip-encoded if the client sent it so; http-backend inflates it), and its CGI
 * response (headers, `Status:`, body) is written to `res`. Resolves when the response has ended.
 */
export function runHttpBackend(request: HttpBackendRequest): Promise<number> {
  const { req, res } = request;
  const env = isolatedGitEnv({
    GIT_PROJECT_ROOT: request.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_HTTP_MAX_REQUEST_BUFFER: '100M',
    PATH_INFO: request.pathInfo,
    REQUEST_METHOD: req.method ?? 'GET',
    QUERY_STRING: request.queryString,
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_USER: request.remoteUser,
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
    HTTP_GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
  });
  const contentLength = req.headers['content-length'];
  if (contentLength) env['CONTENT_LENGTH'] = contentLength;

  return new Promise((resolve, reject) => {
    const child = spawn('git', ['http-backend'], { env });
    let head: Buffer | null = Buffer.alloc(0);
    let status = 500;
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      if (head === null) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const split = findHeadEnd(head);
      if (!split) return;
      const parsed = parseCgiHead(head.subarray(0, split.end).toString('latin1'));
      status = parsed.status;
      res.statusCode = parsed.status;
      for (const [name, value] of parsed.headers) res.setHeader(name, value);
      const rest = head.subarray(split.bodyStart);
      head = null;
      if (rest.length > 0) res.write(rest);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (head !== null) {
        res.statusCode = 500;
        res.end(`git http-backend failed (${code}): ${Buffer.concat(stderr).toString('utf8')}`);
        resolve(500);
        return;
      }
      res.end();
      resolve(status);
    });
    req.pipe(child.stdin);
    child.stdin.on('error', (error: Error) => {
      stderr.push(Buffer.from(String(error.message)));
    });
  });
}
