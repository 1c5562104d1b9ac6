// The dashboard's one script: fills the server-rendered page from /api/v1 and keeps it live through the
// Server-Sent Events routes. No framework; every text from the API goes in through textContent.

const main = document.getElementById('main');
const announcer = document.getElementById('announcer');
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
const EVENT_TYPES = (main?.dataset.eventTypes ?? '').split(',').filter(Boolean);

/** An element with attributes (`on…` functions become listeners) and children (strings become text). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return element;
}

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children.flat()) element.append(child);
  return element;
}

function announce(text) {
  if (announcer) announcer.textContent = text;
}

async function api(path, options = {}) {
  const response = await fetch(`/api/v1${path}`, {
    ...options,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-csrf-token': csrfToken, ...(options.headers ?? {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail ?? `${response.status} ${response.statusText}`);
  return body;
}

/** Server-Sent Events of every known type, handed to `onEvent` with the parsed data. */
function listen(url, onEvent) {
  const source = new EventSource(url);
  for (const type of EVENT_TYPES) source.addEventListener(type, (e) => onEvent(JSON.parse(e.data)));
  return source;
}

const statusText = (status) => status.replace('_', ' ');
const money = (usd) => `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
const time = (iso) => new Date(iso).toLocaleTimeString();

function duration(startIso, endIso) {
  if (!startIso) return '—';
  const seconds = Math.max(
    0,
    Math.round(((endIso ? Date.parse(endIso) : Date.now()) - Date.parse(startIso)) / 1000),
  );
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes} min ${seconds % 60} s`
    : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const badge = (status) => h('span', { class: `badge status-${status}` }, statusText(status));

// ── the runs table ──────────────────────────────────────────────────────────────────────────────────────

function runsPage() {
  const rows = document.getElementById('run-rows');
  const more = document.getElementById('more');
  const params = new URLSearchParams(location.search);
  const filter = { repo: params.get('repo') || undefined, status: params.get('status') || undefined };
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
  const known = new Map();
  let cursor = null;

  const keeps = (run) =>
    (!filter.repo || run.repo === filter.repo) && (!filter.status || run.status === filter.status);

  function row(run) {
    return h(
      'tr',
      { 'data-run-id': run.id, 'data-status': run.status },
      h('td', {}, badge(run.status)),
      h('td', {}, run.repo),
      h('td', {}, h('a', { href: `/runs/${run.id}` }, `#${run.issue} ${run.issueTitle}`)),
      h('td', {}, run.trigger),
      h(
        'td',
        { class: 'duration', 'data-start': run.startedAt ?? '', 'data-end': run.finishedAt ?? '' },
        duration(run.startedAt, run.finishedAt),
      ),
      h('td', { class: 'number' }, money(run.costUsd)),
    );
  }

  function show(runs, append) {
    if (!append) rows.replaceChildren();
    for (const run of runs) {
      known.set(run.id, run);
      rows.append(row(run));
    }
    if (rows.children.length === 0)
      rows.append(h('tr', { class: 'empty' }, h('td', { colspan: 6 }, 'No runs yet.')));
  }

  async function load(append) {
    const page = await api(`/runs?${query}&limit=50${append && cursor ? `&cursor=${cursor}` : ''}`);
    cursor = page.nextCursor;
    more.hidden = !cursor;
    show(page.runs, append);
  }

  function update(run) {
    const existing = rows.querySelector(`tr[data-run-id="${CSS.escape(run.id)}"]`);
    const before = known.get(run.id);
    if (!keeps(run)) {
      existing?.remove();
      known.delete(run.id);
      return;
    }
    known.set(run.id, run);
    if (existing) existing.replaceWith(row(run));
    else {
      rows.querySelector('tr.empty')?.remove();
      rows.prepend(row(run));
    }
    if (!before || before.status !== run.status) {
      announce(`${run.repo} #${run.issue}: ${statusText(run.status)}`);
    }
  }

  more.addEventListener('click', () => void load(true).catch((err) => announce(err.message)));
  load(false)
    .then(() =>
      listen(`/api/v1/runs/stream?${query}&after=${main.dataset.after ?? 0}`, (event) => update(event.run)),
    )
    .catch((err) =>
      rows.replaceChildren(h('tr', {}, h('td', { colspan: 6 }, `Could not load the runs: ${err.message}`))),
    );
  setInterval(() => {
    for (const cell of rows.querySelectorAll('td.duration[data-start]:not([data-start=""])')) {
      if (!cell.dataset.end) cell.textContent = duration(cell.dataset.start, undefined);
    }
  }, 1000);
}

// ── one run ─────────────────────────────────────────────────────────────────────────────────────────────

const GRAPH = ['intake', 'plan', 'await_approval', 'develop', 'test', 'finalize'];
const NODE_LABEL = {
  intake: 'Intake',
  plan: 'Plan',
  await_approval: 'Approval',
  develop: 'Develop',
  test: 'Test',
  finalize: 'Ready PR',
};
const AGENT_OF = {
  plan: 'Planning agent',
  develop: 'Development agent',
  test: 'Testing agent',
  intake: 'Intake',
};
const STEP_STATE = { running: 'running', succeeded: 'done', failed: 'failed', cancelled: 'cancelled' };
const ACTIVE = ['queued', 'running', 'waiting_approval', 'waiting_input'];

function runPage() {
  const runId = main.dataset.runId;
  const state = { detail: null, events: [] };
  const content = (id) => document.querySelector(`#${id} .content`);
  /** Replaces a section's content (children may be nested lists, as `h` takes them). */
  const fill = (id, ...children) => content(id).replaceChildren(...h('div', {}, ...children).childNodes);

  function nodeStates(detail, events) {
    const states = Object.fromEntries(GRAPH.map((node) => [node, 'pending']));
    for (const step of detail.steps) states[step.node] = STEP_STATE[step.status] ?? 'pending';
    // The approval is no step of its own: it is waited for, then given (or not needed) once development starts.
    if (detail.run.status === 'waiting_approval') states.await_approval = 'waiting';
    else if (events.some((e) => e.type === 'approved') || states.develop !== 'pending')
      states.await_approval = 'done';
    return states;
  }

  function renderGraph(detail, events) {
    const states = nodeStates(detail, events);
    const rounds = detail.steps.filter((s) => s.node === 'test').length;
    const width = 120;
    const gap = 30;
    const picture = svg('svg', {
      viewBox: `0 0 ${GRAPH.length * (width + gap)} 130`,
      role: 'img',
      'aria-labelledby': 'graph-desc',
      class: 'graph',
    });
    picture.append(
      svg('title', { id: 'graph-desc' }, 'The run graph: intake, plan, approval, develop, test, ready PR'),
    );
    GRAPH.forEach((node, index) => {
      const x = index * (width + gap) + 5;
      picture.append(
        svg(
          'g',
          { class: `node state-${states[node]}`, 'data-node': node },
          svg('rect', { x, y: 40, width, height: 50, rx: 8 }),
          svg('text', { x: x + width / 2, y: 62, 'text-anchor': 'middle' }, NODE_LABEL[node]),
          svg('text', { x: x + width / 2, y: 80, 'text-anchor': 'middle', class: 'state' }, states[node]),
        ),
      );
      if (index > 0) picture.append(svg('line', { x1: x - gap, y1: 65, x2: x - 4, y2: 65, class: 'edge' }));
    });
    const dev = GRAPH.indexOf('develop') * (width + gap) + 5 + width / 2;
    const test = GRAPH.indexOf('test') * (width + gap) + 5 + width / 2;
    picture.append(
      svg('path', {
        d: `M ${test} 40 C ${test} 5, ${dev} 5, ${dev} 40`,
        class: `edge loop${rounds > 1 ? ' taken' : ''}`,
      }),
      svg(
        'text',
        { x: (dev + test) / 2, y: 18, 'text-anchor': 'middle', class: 'rounds' },
        `test rounds: ${rounds}`,
      ),
    );
    const list = h(
      'ul',
      { class: 'visually-hidden' },
      GRAPH.map((node) => h('li', {}, `${NODE_LABEL[node]}: ${states[node]}`)),
    );
    fill('graph', picture, list, h('p', { class: 'rounds-text' }, `Test rounds: ${rounds}`));
  }

  function renderCost(detail) {
    const total = detail.run.costUsd;
    const budget = detail.budgetUsd ?? null;
    const nodes = Object.entries(detail.costByNode);
    const max = Math.max(total, ...nodes.map(([, c]) => c.costUsd), 1e-9);
    fill(
      'cost',
      h(
        'p',
        {},
        h(
          'label',
          { for: 'budget-meter' },
          budget ? `Spent ${money(total)} of the ${money(budget)} budget ` : `Spent ${money(total)} `,
        ),
        budget
          ? h(
              'meter',
              { id: 'budget-meter', min: 0, max: budget, high: budget * 0.8, value: Math.min(total, budget) },
              money(total),
            )
          : '',
      ),
      h(
        'table',
        {},
        h('caption', {}, 'Cost per agent'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Agent'),
            h('th', { scope: 'col' }, 'Tokens'),
            h('th', { scope: 'col' }, 'Cost'),
            h('th', { scope: 'col' }, 'Share'),
          ),
        ),
        h(
          'tbody',
          {},
          nodes.map(([node, cost]) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, AGENT_OF[node] ?? node),
              h('td', { class: 'number' }, cost.tokens.toLocaleString()),
              h('td', { class: 'number' }, money(cost.costUsd)),
              h(
                'td',
                {},
                h(
                  'meter',
                  {
                    min: 0,
                    max: budget ?? max,
                    value: cost.costUsd,
                    'aria-label': `${AGENT_OF[node] ?? node}'s share`,
                  },
                  money(cost.costUsd),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function renderPlan(detail, events) {
    const plan = events.filter((e) => e.type === 'planned').at(-1);
    if (!plan) return;
    const p = plan.data;
    // The API knows which tasks are done (code was pushed for them); a plan newer than its answer has none.
    const tasks =
      detail.plan?.plannedAt === plan.at ? detail.plan.tasks : p.steps.map((text) => ({ text, done: false }));
    fill(
      'plan',
      h('p', {}, p.summary),
      h('h3', {}, 'Steps'),
      h(
        'ol',
        { class: 'tasks' },
        tasks.map((task) =>
          h(
            'li',
            { class: task.done ? 'done' : '' },
            task.text,
            task.done ? h('span', { class: 'muted' }, ' (done)') : '',
          ),
        ),
      ),
      p.files.length
        ? [
            h('h3', {}, 'Files'),
            h(
              'ul',
              {},
              p.files.map((f) => h('li', {}, h('code', {}, f))),
            ),
          ]
        : '',
      h('h3', {}, 'How it will be tested'),
      h('p', {}, p.testStrategy),
      p.risks.length
        ? [
            h('h3', {}, 'Risks'),
            h(
              'ul',
              {},
              p.risks.map((r) => h('li', {}, r)),
            ),
          ]
        : '',
    );
  }

  function renderTests(events) {
    const tested = events.filter((e) => e.type === 'tested');
    if (tested.length === 0) return;
    const commands = events.filter((e) => e.type === 'command');
    const diagnoses = events.filter((e) => e.type === 'diagnosed');
    fill(
      'tests',
      h(
        'table',
        {},
        h('caption', {}, 'Test rounds'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Round'),
            h('th', { scope: 'col' }, 'Result'),
            h('th', { scope: 'col' }, 'Annotations'),
            h('th', { scope: 'col' }, 'At'),
          ),
        ),
        h(
          'tbody',
          {},
          tested.map((e) =>
            h(
              'tr',
              { class: e.data.passed ? 'passed' : 'failed' },
              h('td', {}, e.data.round),
              h('td', {}, e.data.passed ? 'passed' : 'failed'),
              h('td', {}, e.data.annotations),
              h('td', {}, time(e.at)),
            ),
          ),
        ),
      ),
      tested.map(testRound),
      diagnoses.length
        ? [
            h('h3', {}, 'Diagnoses'),
            h(
              'ul',
              { class: 'annotations' },
              diagnoses.map((d) =>
                h(
                  'li',
                  {},
                  h('code', {}, d.data.location),
                  ` ${d.data.test}: ${d.data.assertion}`,
                  h('br'),
                  h('span', { class: 'muted' }, `Likely cause: ${d.data.likelyCause}`),
                ),
              ),
            ),
          ]
        : '',
      commands.length
        ? [
            h('h3', {}, 'Commands'),
            h(
              'ul',
              { class: 'commands' },
              commands.map((c) =>
                h(
                  'li',
                  {},
                  h('code', {}, c.data.command),
                  ` exit ${c.data.exitCode ?? '—'}${c.data.timedOut ? ' (timed out)' : ''}, ${Math.round(c.data.durationMs)} ms`,
                ),
              ),
            ),
          ]
        : '',
    );
  }

  /** Where an annotation points: `path:line`, or `path:first-last` for a range. */
  const place = (a) => `${a.path}:${a.startLine}${a.endLine > a.startLine ? `-${a.endLine}` : ''}`;

  /** One test round: its result, the check run's annotations and the end of the output, all as text. */
  function testRound(e) {
    const { round, passed, command, annotations, annotationList = [], outputTail } = e.data;
    const id = `test-round-${e.id}`;
    return h(
      'section',
      { class: `test-round ${passed ? 'passed' : 'failed'}`, 'aria-labelledby': id },
      h('h3', { id }, `Round ${round}: ${passed ? 'passed' : 'failed'}`),
      command ? h('p', {}, 'Command: ', h('code', {}, command)) : '',
      annotationList.length
        ? [
            h('h4', {}, `Annotations (${annotations})`),
            h(
              'ul',
              { class: 'annotations' },
              annotationList.map((a) =>
                h(
                  'li',
                  { class: `level-${a.level}` },
                  h('code', { class: 'place' }, place(a)),
                  a.title ? ` ${a.title}` : '',
                  h('pre', { class: 'annotation-message' }, a.message),
                ),
              ),
            ),
            annotations > annotationList.length
              ? h('p', { class: 'muted' }, `The first ${annotationList.length} are kept here.`)
              : '',
          ]
        : '',
      outputTail
        ? h(
            'details',
            { 'data-key': `output-${e.id}`, class: 'test-output' },
            h('summary', {}, `Output of round ${round} (its end)`),
            h('pre', { tabindex: 0, 'aria-label': `Output of test round ${round}` }, outputTail),
          )
        : '',
    );
  }

  function renderTranscripts(detail, events) {
    const byStep = new Map();
    for (const event of events) {
      if (!event.type.startsWith('agent_') || event.stepId === null || event.stepId === undefined) continue;
      if (!byStep.has(event.stepId)) byStep.set(event.stepId, []);
      byStep.get(event.stepId).push(event);
    }
    if (byStep.size === 0) return;
    const blocks = [];
    for (const [stepId, stepEvents] of byStep) {
      const step = detail.steps.find((s) => s.id === stepId);
      const turns = new Map();
      const other = [];
      for (const event of stepEvents) {
        const turn = event.data.turn;
        if (turn === undefined) {
          other.push(event);
          continue;
        }
        if (!turns.has(turn)) turns.set(turn, { call: null, reply: null, tools: [] });
        const entry = turns.get(turn);
        if (event.type === 'agent_model_call') entry.call = event;
        else if (event.type === 'agent_model_reply') entry.reply = event;
        else if (event.type === 'agent_tool_call') entry.tools.push(event);
      }
      const title = step
        ? `${AGENT_OF[step.node] ?? step.node} — ${step.node}, attempt ${step.attempt}`
        : `Step ${stepId}`;
      blocks.push(
        h(
          'section',
          { class: 'transcript', 'aria-label': title },
          h('h3', {}, title),
          h(
            'ol',
            { class: 'turns' },
            [...turns.entries()].map(([turn, t]) =>
              h(
                'li',
                { class: 'turn' },
                h(
                  'p',
                  {},
                  h('strong', {}, `Model request ${turn}`),
                  t.call ? ` — ${t.call.data.promptMessages} messages in the prompt` : '',
                  t.reply
                    ? ` → ${t.reply.data.stopReason ?? 'no stop reason'}, ${t.reply.data.usage.inputTokens} in / ${t.reply.data.usage.outputTokens} out tokens, ${money(t.reply.data.costUsd)}`
                    : ' → waiting for the model',
                ),
                t.tools.length
                  ? h(
                      'ul',
                      { class: 'tools' },
                      t.tools.map((tool) =>
                        h(
                          'li',
                          {},
                          h(
                            'details',
                            { 'data-key': `tool-${tool.id}` },
                            h(
                              'summary',
                              {},
                              `${tool.data.name}${tool.data.isError ? ' (error)' : ''}: `,
                              h('span', {}, tool.data.summary),
                            ),
                            h('h4', {}, 'Input'),
                            h('pre', {}, JSON.stringify(tool.data.input, null, 2)),
                            h('h4', {}, 'Output'),
                            h('pre', {}, tool.data.summary),
                          ),
                        ),
                      ),
                    )
                  : '',
              ),
            ),
          ),
          other.map((e) => h('p', { class: 'muted' }, e.message)),
        ),
      );
    }
    fill('transcripts', blocks);
  }

  function renderTimeline(detail, events) {
    const steps = h(
      'ol',
      { class: 'steps' },
      detail.steps.map((step) =>
        h(
          'li',
          { class: `step state-${STEP_STATE[step.status]}` },
          h('strong', {}, NODE_LABEL[step.node] ?? step.node),
          ` (attempt ${step.attempt}) `,
          badge(step.status),
          ` ${time(step.startedAt)}, ${duration(step.startedAt, step.finishedAt)}, ${money(step.costUsd)}`,
        ),
      ),
    );
    const log = events.filter(
      (e) => !['agent_model_call', 'agent_model_reply', 'agent_tool_call'].includes(e.type),
    );
    fill(
      'timeline',
      detail.steps.length ? steps : h('p', { class: 'muted' }, 'No step has started yet.'),
      h(
        'details',
        { 'data-key': 'all-events', open: true },
        h('summary', {}, `Events (${log.length})`),
        h(
          'ol',
          { class: 'events' },
          log.map((e) =>
            h('li', { 'data-type': e.type }, h('time', { datetime: e.at }, time(e.at)), ' ', e.message),
          ),
        ),
      ),
    );
  }

  // ── the pull request's diff ──

  /** A file of more changed lines than this starts collapsed. */
  const LONG_FILE_LINES = 200;

  /** The diff cut into files at each `diff --git` line, each with its path and its counts of +/- lines. */
  function diffFiles(text) {
    const files = [];
    for (const line of text.split('\n')) {
      if (line.startsWith('diff --git ') || files.length === 0)
        files.push({ lines: [], added: 0, removed: 0 });
      const file = files.at(-1);
      file.lines.push(line);
      if (line.startsWith('+++ ') || line.startsWith('--- ')) continue;
      if (line.startsWith('+')) file.added += 1;
      else if (line.startsWith('-')) file.removed += 1;
    }
    for (const file of files) {
      const target =
        file.lines.find((l) => l.startsWith('+++ b/')) ?? file.lines.find((l) => l.startsWith('--- a/'));
      const header = /^diff --git a\/(.*) b\/(.*)$/.exec(file.lines[0] ?? '');
      file.path = target ? target.slice(6) : (header?.[2] ?? file.lines[0] ?? '');
      if (file.lines.at(-1) === '') file.lines.pop();
    }
    return files.filter((f) => f.lines.length > 0);
  }

  const lineClass = (line) =>
    line.startsWith('+++ ') ||
    line.startsWith('--- ') ||
    line.startsWith('diff --git ') ||
    line.startsWith('index ')
      ? 'meta'
      : line.startsWith('@@')
        ? 'hunk'
        : line.startsWith('+')
          ? 'add'
          : line.startsWith('-')
            ? 'del'
            : 'ctx';

  function renderChanges(answer) {
    const files = diffFiles(answer.diff);
    const open = new Set(
      [...document.querySelectorAll('#changes details[open][data-key]')].map((d) => d.dataset.key),
    );
    const closed = new Set(
      [...document.querySelectorAll('#changes details:not([open])[data-key]')].map((d) => d.dataset.key),
    );
    fill(
      'changes',
      h(
        'p',
        {},
        `Pull request #${answer.pullRequest}: ${files.length} file${files.length === 1 ? '' : 's'} changed.`,
      ),
      answer.truncated
        ? h(
            'p',
            { class: 'error' },
            `The diff is ${answer.bytes.toLocaleString()} bytes; only its first part is shown.`,
          )
        : '',
      files.map((file) => {
        const key = `diff-${file.path}`;
        const long = file.added + file.removed > LONG_FILE_LINES;
        return h(
          'details',
          {
            class: 'diff-file',
            'data-key': key,
            open: open.has(key) || (!closed.has(key) && !long),
          },
          h(
            'summary',
            {},
            h('code', {}, file.path),
            ' ',
            h('span', { class: 'added' }, `+${file.added}`),
            ' ',
            h('span', { class: 'removed' }, `−${file.removed}`),
            long ? h('span', { class: 'muted' }, ' (long: collapsed)') : '',
          ),
          h(
            'pre',
            { class: 'diff', 'aria-label': `Changes to ${file.path}` },
            file.lines.map((line) => h('span', { class: lineClass(line) }, line, '\n')),
          ),
        );
      }),
    );
  }

  /** Which diff is shown: read again when the run gets its PR and whenever it moves on (a push may follow). */
  let changesShownFor = null;
  async function refreshChanges(run) {
    if (!run.pullRequest) return;
    const key = `${run.pullRequest}:${run.status}:${run.currentNode}:${run.statusChangedAt}`;
    if (key === changesShownFor) return;
    changesShownFor = key;
    try {
      const answer = await api(`/runs/${runId}/diff`);
      // A later refresh asked again meanwhile: its answer is the one to show.
      if (key === changesShownFor) renderChanges(answer);
    } catch (err) {
      if (key === changesShownFor)
        fill('changes', h('p', { class: 'error' }, `Could not load the diff: ${err.message}`));
    }
  }

  function renderHeader(run) {
    document.getElementById('run-title').textContent = `${run.repo} #${run.issue}: ${run.issueTitle}`;
    document.title = `${run.repo} #${run.issue} · Agentic Dev Pipeline`;
    document
      .getElementById('run-summary')
      .replaceChildren(
        badge(run.status),
        ` ${run.trigger} · ${duration(run.startedAt, run.finishedAt)} · ${money(run.costUsd)}`,
        run.currentNode ? ` · at ${NODE_LABEL[run.currentNode] ?? run.currentNode}` : '',
        run.pullRequest ? ` · PR #${run.pullRequest}` : '',
        run.error ? h('span', { class: 'error' }, ` · ${run.error}`) : '',
      );
    const allowed = {
      approve: run.status === 'waiting_approval',
      cancel: ACTIVE.includes(run.status),
      retry: run.status === 'failed' || run.status === 'cancelled',
    };
    for (const button of document.querySelectorAll('button[data-command]'))
      button.disabled = !allowed[button.dataset.command];
  }

  function render() {
    const { detail, events } = state;
    // Re-rendering keeps what the reader opened and where their keyboard was.
    const open = new Set([...document.querySelectorAll('details[open][data-key]')].map((d) => d.dataset.key));
    const closed = new Set(
      [...document.querySelectorAll('details:not([open])[data-key]')].map((d) => d.dataset.key),
    );
    const focused = document.activeElement?.closest('details[data-key]')?.dataset.key;
    renderHeader(detail.run);
    renderGraph(detail, events);
    renderCost(detail);
    renderPlan(detail, events);
    renderTests(events);
    renderTranscripts(detail, events);
    renderTimeline(detail, events);
    for (const details of document.querySelectorAll('details[data-key]')) {
      if (open.has(details.dataset.key)) details.open = true;
      if (closed.has(details.dataset.key)) details.open = false;
    }
    if (focused) document.querySelector(`details[data-key="${CSS.escape(focused)}"] > summary`)?.focus();
    void refreshChanges(detail.run);
  }

  /** Events read from the events table so far (live ones after it lack their step, so they are read again). */
  let storedUpTo = 0;

  async function readEvents() {
    const fresh = [];
    for (let after = storedUpTo; ;) {
      const page = await api(`/runs/${runId}/events?after=${after}&limit=1000`);
      fresh.push(...page.events);
      if (page.nextCursor === null) break;
      after = page.nextCursor;
    }
    const newest = fresh.at(-1)?.id ?? storedUpTo;
    state.events = [
      ...state.events.filter((e) => e.id <= storedUpTo),
      ...fresh,
      ...state.events.filter((e) => e.id > newest),
    ];
    storedUpTo = newest;
  }

  // One refresh at a time; events that arrive during one ask for another after it.
  let refreshing = false;
  let again = false;
  async function refresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      do {
        again = false;
        await new Promise((resolve) => setTimeout(resolve, 150));
        const [detail] = await Promise.all([api(`/runs/${runId}`), readEvents()]);
        const was = state.detail?.run.status;
        state.detail = detail;
        render();
        if (was !== detail.run.status) announce(`The run is now ${statusText(detail.run.status)}.`);
      } while (again);
    } catch (err) {
      announce(`Could not refresh the run: ${err.message}`);
    } finally {
      refreshing = false;
    }
  }

  async function load() {
    [state.detail] = await Promise.all([api(`/runs/${runId}`), readEvents()]);
    render();
    listen(`/api/v1/runs/${runId}/stream?after=${storedUpTo}`, (event) => {
      if (state.events.some((e) => e.id === event.id)) return;
      state.events.push({ ...event, stepId: null });
      render();
      void refresh();
    });
  }

  for (const button of document.querySelectorAll('button[data-command]')) {
    button.addEventListener('click', async () => {
      const result = document.getElementById('command-result');
      const command = button.dataset.command;
      button.disabled = true;
      result.textContent = `Sending ${command}…`;
      try {
        const answer = await api(`/runs/${runId}/${command}`, { method: 'POST' });
        result.textContent = `Done: the run is ${statusText(answer.run.status)}.`;
        void refresh();
      } catch (err) {
        result.textContent = `Refused: ${err.message}`;
        button.disabled = false;
      }
    });
  }

  load().catch((err) => {
    document.getElementById('run-title').textContent = 'This run could not be shown';
    document.getElementById('run-summary').textContent = err.message;
  });
}

if (main?.dataset.page === 'runs') runsPage();
if (main?.dataset.page === 'run') runPage();
