/** One webhook the twin is about to deliver: GitHub's event name (`issues`) and its payload. */
export interface WebhookSend {
  event: string;
  payload: Record<string, unknown>;
}

/** Where domain operations put the webhooks their state change causes. */
export type Emit = (send: WebhookSend) => void;

/** The outcome of one delivery to the webhook target. `status` is 0 when nothing answered. */
export interface DeliveryResult {
  deliveryId: string;
  event: string;
  action: string | null;
  status: number;
  body: string;
  durationMs: number;
  error?: string;
}

export interface DeliveryRecord extends DeliveryResult {
  payload: Record<string, unknown>;
  headers: Record<string, string>;
}
