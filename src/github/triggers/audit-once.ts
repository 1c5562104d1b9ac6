import { writeAudit, type Database } from '../../storage/index.js';
import { recordOnce, type Delivery } from './record-once.js';

export type AuditEntryInput = {
  actor: string;
  action: string;
  repoFullName: string;
  issueNumber?: number;
  runId?: string;
  detail?: Record<string, unknown>;
};

/**
 * Audits a delivery that did not start a run (a refusal, a help request, a command answer).
 * False for a duplicate delivery, and then the caller replies nothing.
 */
export async function auditOnce(db: Database, delivery: Delivery, entry: AuditEntryInput): Promise<boolean> {
  const recorded = await recordOnce(db, delivery, (tx) =>
    writeAudit(tx, { ...entry, deliveryId: delivery.id }),
  );
  return recorded !== undefined;
}
