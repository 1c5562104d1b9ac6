import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the proxy saw it, body included (bodies here are small: JSON and git packs of a tiny repo). */
export type SeenRequest = { method: string; path: string; body: Buffer };

/**
 * Where a gate catches a request. `before`: the request is held before the upstream sees it (the side effect
 * has not happened). `after`: the upstream has answered (the side effect happened) and the answer is held
 * back from the caller. `observe`: nothing is held; the gate only reports that the exchange completed.
 */
export type GatePhase = 'before' | 'after' | 'observe';

export type GateRule = {
  match: (req: SeenRequest) => boolean;
  phase: GatePhase;
  /** Catch the nth matching request counted from when the gate was set (default 1). */
  nth?: number;
};

export type Gate = {
  /** Resolves when the request is held (or, for `observe`, answered). */
  caught: Promise<void>;
  /** Lets a held request go on. */
  release(): void;
  /** Drops a held request: it never reaches the upstream (if not already there) and its caller gets no answer. */
  drop(): void;
};

type Verdict = 'release' | 'drop';
type ActiveGate = GateRule & {
  seen: number;
  signal(): void;
  decided: Promise<Verdict>;
  decide(verdict: Verdict): void;
};

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'upgrade',
]);

/**
 * A reverse proxy on 127.0.0.1 in front of a twin. It can hold chosen requests, so a test can kill the app
 * at an exact point (an LLM call in flight, a push sent but not answered, a PR created but its number not
 * yet known). JSON answers have the upstream's origin rewritten to the proxy's, so URLs the app reads from
 * the API (clone URLs) also lead through the proxy.
 */
export class GateProxy {
  readonly seen: SeenRequest[] = [];
  private readonly gates: ActiveGate[] = [];
  private readonly target: URL;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    target: string,
  ) {
    this.target = new URL(target);
  }

  static async start(target: string): Promise<GateProxy> {
    const ready: { proxy?: GateProxy } = {};
    const server = createServer((req, res) => {
      if (ready.proxy) void ready.proxy.handle(req, res);
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    ready.proxy = new GateProxy(server, `http://127.0.0.1:${port}`, target);
    return ready.proxy;
  }

  /** Sets a gate; it catches one request and is then spent. */
  gate(rule: GateRule): Gate {
    let signal = () => undefined as void;
    let decide: (verdict: Verdict) => void = () => undefined;
    const caught = new Promise<void>((resolve) => (signal = resolve));
    const decided = new Promise<Verdict>((resolve) => (decide = resolve));
    const active: ActiveGate = { ...rule, seen: 0, signal, decided, decide };
    this.gates.push(active);
    return { caught, release: () => decide('release'), drop: () => decide('drop') };
  }

  /** Forgets gates that caught nothing yet. */
  disarmAll(): void {
    this.gates.splice(0);
  }

  async close(): Promise<void> {
    this.disarmAll();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private take(req: SeenRequest): ActiveGate | undefined {
    for (const [index, gate] of this.gates.entries()) {
      if (!gate.match(req)) continue;
      gate.seen += 1;
      if (gate.seen < (gate.nth ?? 1)) continue;
      this.gates.splice(index, 1);
      return gate;
    }
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let gone = false;
    const callerGone = new Promise<Verdict>((resolve) => res.on('close', () => resolve('drop'))).then((v) => {
      gone = true;
      return v;
    });
    /** Holds until the test decides; a dropped request's caller gets its connection cut. */
    const hold = async (gate: ActiveGate): Promise<boolean> => {
      gate.signal();
      const verdict = await Promise.race([gate.decided, callerGone]);
      if (verdict === 'drop' || gone) res.destroy();
      return verdict === 'release' && !gone;
    };
    try {
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        body: await readAll(req),
      };
      this.seen.push(seen);
      const gate = this.take(seen);
      if (gate?.phase === 'before' && !(await hold(gate))) return;
      const answer = await this.forward(req.headers, seen);
      if (gate?.phase === 'after' && !(await hold(gate))) return;
      if (gone) return;
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
      res.end(answer.body);
      if (gate?.phase === 'observe') gate.signal();
    } catch (error) {
      if (!res.headersSent && !gone) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            message: `gate proxy: ${error instanceof Error ? error.message : String(error)}`,
          }),
        );
      } else res.destroy();
    }
  }

  private forward(
    headers: IncomingHttpHeaders,
    seen: SeenRequest,
  ): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
    const outgoing: Record<string, string | string[]> = { host: this.target.host };
    for (const [key, value] of Object.entries(headers)) {
      // Uncompressed answers, so JSON can be rewritten.
      if (value !== undefined && !HOP_BY_HOP.has(key) && key !== 'accept-encoding') outgoing[key] = value;
    }
    if (seen.body.length > 0) outgoing['content-length'] = String(seen.body.length);
    return new Promise((resolve, reject) => {
      const upstream = request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method: seen.method,
          path: seen.path,
          headers: outgoing,
          agent: false,
        },
        (answer) => {
          readAll(answer).then((raw) => {
            const kept: Record<string, string | string[]> = {};
            for (const [key, value] of Object.entries(answer.headers)) {
              if (value === undefined || HOP_BY_HOP.has(key)) continue;
              kept[key] = typeof value === 'string' ? this.rewrite(value) : value.map((v) => this.rewrite(v));
            }
            const isJson = String(answer.headers['content-type'] ?? '').includes('json');
            const body = isJson ? Buffer.from(this.rewrite(raw.toString('utf8'))) : raw;
            resolve({ status: answer.statusCode ?? 502, headers: kept, body });
          }, reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(seen.body);
    });
  }

  private rewrite(text: string): string {
    return text.split(this.target.origin).join(this.url);
  }
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
