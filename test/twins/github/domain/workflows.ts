import { parse } from 'yaml';
import { resolveCommit } from '../../git/bare-repo.js';
import { readPath } from '../../git/read-tree.js';
import { runGit } from '../../git/run-git.js';
import type { TwinContext } from '../context.js';
import {
  now,
  type RepoRecord,
  type UserRecord,
  type WorkflowJobPlan,
  type WorkflowRunRecord,
  type WorkflowRunScript,
} from '../state.js';
import { notFound, TwinHttpError } from './errors.js';

const WORKFLOWS_DIR = '.github/workflows';
const DEFAULT_QUEUED_MS = 150;
const DEFAULT_RUNNING_MS = 400;

/** A workflow file of the repository at a ref: its id, path, name and the first job's steps. */
export interface WorkflowFile {
  id: number;
  path: string;
  name: string;
  dispatchable: boolean;
  job: WorkflowJobPlan;
}

/**
 * The workflow `workflowId` names (a file name under `.github/workflows/`, or the id the twin gave a file) as
 * it is at `ref`; 404 when the repository has no such file there, as GitHub answers.
 */
export async function readWorkflow(repo: RepoRecord, workflowId: string, ref: string): Promise<WorkflowFile> {
  const byId = [...repo.workflowIds].find(([, id]) => String(id) === workflowId)?.[0];
  const path = byId ?? `${WORKFLOWS_DIR}/${workflowId}`;
  if (!byId && (workflowId.includes('/') || !/\.ya?ml$/.test(workflowId))) throw notFound();
  const file = await readPath(repo.gitDir, ref, path);
  if (file?.kind !== 'file') throw notFound();
  const id = repo.workflowIds.get(path) ?? 160_000 + repo.workflowIds.size + 1;
  repo.workflowIds.set(path, id);
  const doc: unknown = parse(file.content.toString('utf8'));
  const spec = isRecord(doc) ? doc : {};
  // YAML 1.1 reads a bare `on:` key as true; GitHub reads it as `on`.
  const on = spec['on'] ?? spec['true'];
  const dispatchable =
    on === 'workflow_dispatch' ||
    (Array.isArray(on) && on.includes('workflow_dispatch')) ||
    (isRecord(on) && 'workflow_dispatch' in on);
  return {
    id,
    path,
    name: typeof spec['name'] === 'string' ? spec['name'] : path,
    dispatchable,
    job: firstJob(spec['jobs']),
  };
}

/** The first job of the file and its step names, between the runner's own "Set up job" and "Complete job". */
function firstJob(jobs: unknown): WorkflowJobPlan {
  const [key, job] = isRecord(jobs) ? (Object.entries(jobs)[0] ?? []) : [];
  const spec = isRecord(job) ? job : {};
  const steps = Array.isArray(spec['steps']) ? spec['steps'] : [];
  const names = steps.map((step: unknown, i) => {
    const s = isRecord(step) ? step : {};
    if (typeof s['name'] === 'string') return s['name'];
    if (typeof s['uses'] === 'string') return `Run ${s['uses']}`;
    if (typeof s['run'] === 'string') return `Run ${s['run'].split('\n')[0] ?? ''}`;
    return `Step ${i + 1}`;
  });
  return {
    name: typeof spec['name'] === 'string' ? spec['name'] : (key ?? 'build'),
    steps: ['Set up job', ...names, 'Complete job'],
  };
}

/** Starts a run of the workflow on `ref`, going as the next script for its file says (success otherwise). */
export async function dispatchWorkflow(
  ctx: TwinContext,
  repo: RepoRecord,
  input: { workflowId: string; ref: string; inputs: Record<string, unknown>; actor: UserRecord },
): Promise<WorkflowRunRecord> {
  const headSha = await resolveCommit(repo.gitDir, input.ref);
  if (!headSha) throw new TwinHttpError(422, `No ref found for: ${input.ref}`);
  const workflow = await readWorkflow(repo, input.workflowId, headSha);
  if (!workflow.dispatchable) {
    throw new TwinHttpError(422, "Workflow does not have 'workflow_dispatch' trigger");
  }
  const fileName = workflow.path.slice(WORKFLOWS_DIR.length + 1);
  const script = repo.workflowScripts.get(fileName)?.shift() ?? { conclusion: 'success' };
  const runNumber = [...repo.workflowRuns.values()].filter((r) => r.workflowId === workflow.id).length + 1;
  const run: WorkflowRunRecord = {
    id: ctx.state.ids.next('workflow-run', 30_000_000),
    runNumber,
    workflowId: workflow.id,
    path: workflow.path,
    name: workflow.name,
    headBranch: input.ref.replace(/^refs\/(heads|tags)\//, ''),
    headSha,
    headCommit: await commitOf(repo, headSha),
    actor: input.actor,
    inputs: input.inputs,
    createdAt: now(),
    createdMs: Date.now(),
    script: {
      conclusion: script.conclusion,
      failedStep: script.failedStep,
      queuedMs: script.queuedMs ?? DEFAULT_QUEUED_MS,
      runningMs: script.runningMs ?? DEFAULT_RUNNING_MS,
    },
    job: { ...workflow.job, id: ctx.state.ids.next('workflow-job', 40_000_000) },
    cancelledMs: null,
  };
  repo.workflowRuns.set(run.id, run);
  repo.workflowDispatches.push({
    workflowId: input.workflowId,
    ref: input.ref,
    inputs: input.inputs,
    at: now(),
    runId: run.id,
  });
  return run;
}

export function getWorkflowRun(repo: RepoRecord, id: number): WorkflowRunRecord {
  const run = repo.workflowRuns.get(id);
  if (!run) throw notFound();
  return run;
}

/** Where a run is now: queued, then in progress, then completed, by the time since it was dispatched. */
export interface RunProgress {
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: WorkflowRunScript['conclusion'] | null;
  startedMs: number | null;
  completedMs: number | null;
}

export function progressOf(run: WorkflowRunRecord, at = Date.now()): RunProgress {
  const startedMs = run.createdMs + run.script.queuedMs;
  const completedMs = startedMs + run.script.runningMs;
  if (run.cancelledMs !== null && run.cancelledMs < completedMs) {
    return {
      status: 'completed',
      conclusion: 'cancelled',
      startedMs: run.cancelledMs >= startedMs ? startedMs : null,
      completedMs: run.cancelledMs,
    };
  }
  if (at >= completedMs)
    return { status: 'completed', conclusion: run.script.conclusion, startedMs, completedMs };
  if (at >= startedMs) return { status: 'in_progress', conclusion: null, startedMs, completedMs: null };
  return { status: 'queued', conclusion: null, startedMs: null, completedMs: null };
}

/** Cancels a run that has not completed; 409 for one that has, as GitHub answers. */
export function cancelWorkflowRun(run: WorkflowRunRecord): void {
  if (progressOf(run).status === 'completed') {
    throw new TwinHttpError(409, 'Cannot cancel a workflow run that is completed.');
  }
  run.cancelledMs = Date.now();
}

/** The job's steps and their conclusions once the run has completed: the scripted step fails, later ones skip. */
export function stepsOf(
  run: WorkflowRunRecord,
  progress: RunProgress,
): { name: string; status: RunProgress['status']; conclusion: string | null }[] {
  const names = [...run.job.steps];
  const failed = run.script.failedStep;
  if (failed && !names.includes(failed)) names.splice(names.length - 1, 0, failed);
  if (progress.status !== 'completed') {
    return names.map((name) => ({ name, status: progress.status, conclusion: null }));
  }
  // Without a scripted step, a failed run's last step of its own is the one that failed.
  const failedAt = failed ? names.indexOf(failed) : progress.conclusion === 'failure' ? names.length - 2 : -1;
  const ending = progress.conclusion === 'success' ? 'success' : progress.conclusion;
  return names.map((name, i) => {
    if (failedAt < 0) return { name, status: 'completed', conclusion: ending };
    if (i < failedAt || i === names.length - 1) return { name, status: 'completed', conclusion: 'success' };
    return { name, status: 'completed', conclusion: i === failedAt ? 'failure' : 'skipped' };
  });
}

async function commitOf(repo: RepoRecord, sha: string): Promise<WorkflowRunRecord['headCommit']> {
  const { stdout } = await runGit(['show', '-s', '--format=%T%x1f%aI%x1f%an%x1f%ae%x1f%B', sha], {
    cwd: repo.gitDir,
  });
  const [treeSha = '', timestamp = '', author = '', email = '', message = ''] = stdout.split('\x1f');
  return { treeSha, timestamp, author, email, message: message.trim() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
