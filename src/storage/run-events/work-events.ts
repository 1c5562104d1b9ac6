import { z } from 'zod';
import { eventSchema, noData } from './event-schema.js';

/** Events of a graph node's step; the node names are orchestration's (`intake`, `plan`, …). */
const nodeStep = z.object({ node: z.string() });

/** A cursor kept on the timeline: the id of the last event handed on (see orchestration's untakenEvents). */
const handedOnUpTo = z.object({ upTo: z.number().int() });

const commandRun = z.object({
  command: z.string(),
  exitCode: z.number().int().nullable(),
  timedOut: z.boolean(),
  /** How the command was isolated (`bwrap` or `none`). */
  sandbox: z.string(),
  limits: z.object({
    processes: z.string(),
    memory: z.string(),
    processesExceeded: z.boolean(),
    memoryExceeded: z.boolean(),
  }),
  durationMs: z.number(),
  /** What network it had: all of it (`allow_network`), the egress allow-list, or none. Older events lack it. */
  network: z.enum(['full', 'allow-list', 'none']).optional(),
});

/** Requests the egress proxy refused during one command, counted per target. */
const egressBlocked = z.object({
  command: z.string(),
  blocked: z.array(
    z.object({
      host: z.string(),
      port: z.number().int(),
      method: z.string(),
      reason: z.enum(['not-allowed', 'private-address']),
      count: z.number().int().positive(),
    }),
  ),
});

/**
 * Events the worker's nodes and the GitHub triggers write while a run works. Shapes defined above storage
 * (intent, plan, diagnosis) are restated here field by field: storage may not import them.
 */
export const workEventSchemas = [
  eventSchema('node_started', nodeStep),
  eventSchema('node_finished', nodeStep),
  eventSchema('node_failed', nodeStep),
  eventSchema('node_cancelled', nodeStep),
  eventSchema('sandbox_disabled', noData),
  eventSchema('workspace', noData),
  eventSchema('rules_skipped', z.object({ file: z.string(), reason: z.string() })),
  eventSchema('command', commandRun),
  eventSchema('egress_blocked', egressBlocked),
  eventSchema('classified', z.object({ kind: z.string(), reason: z.string(), reply: z.string().optional() })),
  eventSchema(
    'planned',
    z.object({
      summary: z.string(),
      files: z.array(z.string()),
      steps: z.array(z.string()),
      testStrategy: z.string(),
      risks: z.array(z.string()),
    }),
  ),
  eventSchema(
    'path_refused',
    z.object({ paths: z.array(z.object({ path: z.string(), change: z.string(), rule: z.string() })) }),
  ),
  eventSchema(
    'secret_blocked',
    z.object({
      findings: z
        .array(z.object({ file: z.string(), line: z.number().int(), rule: z.string(), redacted: z.string() }))
        .readonly(),
    }),
  ),
  eventSchema('pushed', z.object({ headSha: z.string(), branch: z.string() })),
  eventSchema('pull_request', z.object({ number: z.number().int() })),
  eventSchema('review_reply', z.object({ commentId: z.number().int(), headSha: z.string() })),
  eventSchema(
    'tested',
    z.object({ passed: z.boolean(), annotations: z.number().int(), round: z.number().int() }),
  ),
  eventSchema(
    'diagnosed',
    z.object({ test: z.string(), assertion: z.string(), location: z.string(), likelyCause: z.string() }),
  ),
  eventSchema('ready', noData),
  eventSchema('follow_up', z.object({ author: z.string(), body: z.string() })),
  eventSchema('follow_up_delivered', handedOnUpTo),
  eventSchema('review_feedback_taken', handedOnUpTo),
  /** MCP servers offered to an agent: each one's tools, by the names the agent sees. */
  eventSchema(
    'mcp_connected',
    z.object({ servers: z.array(z.object({ server: z.string(), tools: z.array(z.string()) })) }),
  ),
  /** An MCP server that could not be used (did not start, timed out); the run goes on without it. */
  eventSchema('mcp_server_failed', z.object({ server: z.string(), reason: z.string() })),
] as const;
