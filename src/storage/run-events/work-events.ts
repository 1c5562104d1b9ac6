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

/** A check run's state on GitHub, as the test step left it. */
const checkRun = z.object({
  id: z.number().int(),
  name: z.string(),
  headSha: z.string(),
  status: z.enum(['in_progress', 'completed']),
  conclusion: z.enum(['success', 'failure', 'neutral', 'cancelled', 'timed_out']).nullable(),
  /** The check run's page on GitHub. */
  url: z.string().nullable(),
  /** Its "Details" link (the run's page), when the app has a public URL. */
  detailsUrl: z.string().nullable(),
  round: z.number().int(),
});

/** The longest test output kept per round, and the most annotations and message length kept with it. */
export const TEST_OUTPUT_TAIL_CHARS = 8_000;
export const TEST_ANNOTATIONS_KEPT = 50;
export const TEST_ANNOTATION_MESSAGE_CHARS = 1_000;

/** One annotation of a test round, as the check run got it (message cut to TEST_ANNOTATION_MESSAGE_CHARS). */
const testAnnotation = z.object({
  path: z.string(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  level: z.enum(['notice', 'warning', 'failure']),
  title: z.string().max(TEST_ANNOTATION_MESSAGE_CHARS).optional(),
  message: z.string().max(TEST_ANNOTATION_MESSAGE_CHARS),
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
  eventSchema(
    'pull_request',
    z.object({
      number: z.number().int(),
      /** The pull request as it was opened or found; older events hold only its number. */
      url: z.string().optional(),
      title: z.string().optional(),
      draft: z.boolean().optional(),
      headBranch: z.string().optional(),
      headSha: z.string().optional(),
    }),
  ),
  /** The run's pull request closed on GitHub, merged or not (recorded on the run that opened it). */
  eventSchema('pull_request_closed', z.object({ number: z.number().int(), merged: z.boolean() })),
  eventSchema('review_reply', z.object({ commentId: z.number().int(), headSha: z.string() })),
  /** A check run the test step opened or completed on the pushed head; the latest event per `id` is its state. */
  eventSchema('check_run', checkRun),
  eventSchema(
    'tested',
    z.object({
      passed: z.boolean(),
      /** How many annotations the check run got. */
      annotations: z.number().int(),
      round: z.number().int(),
      /** The rest came with the run page's test output; older events lack them. */
      checkRunId: z.number().int().optional(),
      command: z.string().optional(),
      /** The first of the check run's annotations (see `testAnnotation` for the bounds). */
      annotationList: z.array(testAnnotation).max(TEST_ANNOTATIONS_KEPT).optional(),
      /** The end of the commands' output, secrets masked (at most TEST_OUTPUT_TAIL_CHARS). */
      outputTail: z.string().max(TEST_OUTPUT_TAIL_CHARS).optional(),
    }),
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
