import type { Metrics } from '../monitoring/metrics.js';
import type { Middleware } from './http-server.js';

/** Counts deliveries and times them from arrival to acknowledgement, then hands on to the webhook middleware. */
export function timeWebhooks(metrics: Metrics, path: string): Middleware {
  return (req, res, next) => {
    if (req.method === 'POST' && req.url?.split('?')[0] === path) {
      const event = String(req.headers['x-github-event'] ?? 'unknown');
      const stop = metrics.webhookSeconds.startTimer({ event });
      res.once('finish', () => {
        stop();
        metrics.webhooks.inc({ event, outcome: String(res.statusCode) });
      });
    }
    next();
  };
}
