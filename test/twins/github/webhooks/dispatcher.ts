import { createHmac, randomUUID } from 'node:crypto';
import type { ViolationLog } from '../violations.js';
import { validateWebhookPayload } from './webhook-validator.js';
import type { DeliveryRecord, DeliveryResult, WebhookSend } from './types.js';

export interface DispatcherOptions {
  appId: number;
  violations: ViolationLog;
}

/** Signs and sends webhook deliveries one at a time, in the order the state changes happened. */
export class WebhookDispatcher {
  readonly deliveries: DeliveryRecord[] = [];
  private target: { url: string; secret: string } | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: DispatcherOptions) {}

  setTarget(url: string, secret: string): void {
    this.target = { url, secret };
  }

  /** Queues a delivery behind earlier ones and resolves with its result. */
  send(send: WebhookSend): Promise<DeliveryResult> {
    const result = this.tail.then(() => this.deliver(send));
    this.tail = result;
    this.track(result);
    return result;
  }

  /**
   * Makes settle() wait for `work` too (e.g. a push whose webhooks are computed after git answered).
   * Its failure is reported by whoever awaits `work`; here it only ends the wait.
   */
  track(work: Promise<unknown>): void {
    const done: Promise<void> = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
  }

  /** Queues deliveries without waiting (used after a REST response has been written). */
  enqueue(sends: WebhookSend[]): void {
    for (const item of sends) void this.send(item);
  }

  /** Resolves once every queued delivery has been answered. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private validate(send: WebhookSend): void {
    const action = typeof send.payload['action'] === 'string' ? send.payload['action'] : null;
    const name = action ? `${send.event}.${action}` : send.event;
    for (const issue of validateWebhookPayload(send.event, send.payload)) {
      this.options.violations.record({
        kind: 'webhook-payload',
        operationId: name,
        method: 'POST',
        path: this.target?.url ?? '(no webhook target)',
        part: 'payload',
        pointer: issue.pointer,
        message: issue.message,
      });
    }
  }

  private async deliver(send: WebhookSend): Promise<DeliveryResult> {
    this.validate(send);
    const deliveryId = randomUUID();
    const action = typeof send.payload['action'] === 'string' ? send.payload['action'] : null;
    const body = JSON.stringify(send.payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/twin0001',
      'x-github-event': send.event,
      'x-github-delivery': deliveryId,
      'x-github-hook-id': '1',
      'x-github-hook-installation-target-type': 'integration',
      'x-github-hook-installation-target-id': String(this.options.appId),
    };
    const started = performance.now();
    const base = { deliveryId, event: send.event, action };
    if (!this.target) {
      const record = { ...base, status: 0, body: '', durationMs: 0, error: 'no webhook target set' };
      this.deliveries.push({ ...record, payload: send.payload, headers });
      return record;
    }
    headers['x-hub-signature-256'] =
      `sha256=${createHmac('sha256', this.target.secret).update(body).digest('hex')}`;
    headers['x-hub-signature'] = `sha1=${createHmac('sha1', this.target.secret).update(body).digest('hex')}`;
    let result: DeliveryResult;
    try {
      const response = await fetch(this.target.url, { method: 'POST', headers, body });
      const text = await response.text();
      result = { ...base, status: response.status, body: text, durationMs: performance.now() - started };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { ...base, status: 0, body: '', durationMs: performance.now() - started, error: message };
    }
    this.deliveries.push({ ...result, payload: send.payload, headers });
    return result;
  }
}
