import { z } from 'zod';

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const ENTRY = new RegExp(`^(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*(?::(\\d{1,5}))?$`, 'i');

/**
 * One entry of the network allow-list: `host`, `host:port` or `*.example.org` (every subdomain). Without a port it
 * allows 80 and 443. IPv4 addresses are written like hosts; IPv6 literals are not accepted.
 */
export const egressHostEntry = z
  .string()
  .trim()
  .regex(ENTRY, 'must be a host name, `host:port`, or `*.example.org`')
  .refine((entry) => Number(ENTRY.exec(entry)?.[1] ?? 1) <= 65_535, 'port must be 1–65535')
  .refine((entry) => ENTRY.exec(entry)?.[1] !== '0', 'port must be 1–65535')
  .transform((entry) => entry.toLowerCase());
