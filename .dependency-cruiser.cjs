// @ts-check
/**
 * The layer rules of DESIGN.md ("Layers and who may import whom"), checked in CI by
 * `npx depcruise src --config .dependency-cruiser.cjs`.
 *
 *   entry points (src/main.ts, src/worker.ts, src/cli.ts) + their wiring (src/app.ts, src/runtime/)
 *     → github, api, mcp, orchestration
 *       → agents
 *         → codeindex, integrations
 *           → queue
 *             → storage
 *   config and monitoring: usable by everyone, import (almost) nothing themselves.
 *
 * Each rule names the sentence of DESIGN.md it enforces, so a violation message tells the author what
 * the layering expects instead of only "forbidden". Type-only imports count too
 * (`tsPreCompilationDeps: true`): a type import still couples two layers.
 *
 * Not checkable here: "no `process.env` read outside config/" — that is an ESLint rule
 * (`no-restricted-properties`), kept in eslint.config.js.
 */

/** Regex fragments for the folders of src/. */
const ENTRY = '^src/(main|worker|cli)\\.ts$';
/** The composition root shared by the entry points: the Probot app function and runtime/ (process wiring). */
const WIRING = '^src/(app\\.ts$|runtime/)';
const TOP = '^src/(github|api|mcp|orchestration)/';
const SHARED = '^src/(config|monitoring)/';

/** Node core modules that do I/O; `config/` must not use them (it parses what it is given). */
const IO_CORE_MODULES = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'cluster',
  'dgram',
  'dns',
  'dns/promises',
  'tls',
  'worker_threads',
  'readline',
  'inspector',
];
const IO_CORE = `^(node:)?(${IO_CORE_MODULES.join('|')})$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ── whole-graph hygiene ────────────────────────────────────────────────────────────────────────
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Circular import that exists at run time. Move the shared piece down a layer, or make one edge ' +
        '`import type` if only types flow that way.',
      from: {},
      // A cycle with a type-only edge in it is erased by the compiler and cannot misorder module
      // initialisation; cross-layer type imports are still caught by the layer rules below.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'Import that resolves to no file on disk: a typo in the path, or a package missing from package.json.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment:
        'Package imported but not declared in package.json; it would be missing from the production image.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment:
        'src/ imports a devDependency at run time. The production image installs with `npm ci --omit=dev`, ' +
        'so this would crash there: move the package to "dependencies" or use `import type`.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-deprecated-core',
      severity: 'error',
      comment: 'Deprecated Node core module.',
      from: {},
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(punycode|domain|constants|sys|_linklist|_stream_wrap)$',
      },
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment: 'Product code must not import test code (twins, fixtures, helpers).',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-entry-points',
      severity: 'error',
      comment: 'Entry points (main.ts, worker.ts, cli.ts) only wire things up; nothing imports them.',
      from: {},
      to: { path: ENTRY },
    },
    {
      name: 'wiring-only-from-entry-points',
      severity: 'error',
      comment:
        'app.ts (the Probot app function) and runtime/ (process wiring) are the composition root: only ' +
        'entry points and runtime/ itself import them. Layers receive what they need as arguments.',
      from: { pathNot: [ENTRY, WIRING] },
      to: { path: WIRING },
    },

    // ── DESIGN.md: "config/ is pure: schemas and loading, no I/O beyond reading env and the given text" ──
    {
      name: 'config-is-pure',
      severity: 'error',
      comment: 'config/ is pure: it imports nothing else from src/. Pass what it needs in as arguments.',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: '^src/config/' },
    },
    {
      name: 'config-does-no-io',
      severity: 'error',
      comment:
        'config/ does no I/O (no files, sockets, processes): read the text elsewhere and hand it to config/.',
      from: { path: '^src/config/' },
      to: { dependencyTypes: ['core'], path: IO_CORE },
    },
    {
      name: 'config-uses-only-zod-and-yaml',
      severity: 'error',
      comment: 'config/ depends on zod and yaml only; anything else belongs in the layer that uses it.',
      from: { path: '^src/config/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled'],
        pathNot: '(^|/)node_modules/(zod|yaml)/',
      },
    },

    // ── monitoring is used by every layer, so it must sit below all of them ──────────────────────────
    {
      name: 'monitoring-imports-only-config',
      severity: 'error',
      comment:
        'Every layer may use monitoring/, so monitoring/ may use only config/ (anything else makes a cycle ' +
        'through the layers). Record metrics where the work happens instead.',
      from: { path: '^src/monitoring/' },
      to: { path: '^src/', pathNot: '^src/(monitoring|config)/' },
    },

    // ── DESIGN.md: "storage/ imports nothing above it: it stores" ────────────────────────────────────
    {
      name: 'storage-imports-nothing-above',
      severity: 'error',
      comment: 'storage/ imports nothing above it: only config/ and monitoring/.',
      from: { path: '^src/storage/' },
      to: { path: '^src/', pathNot: ['^src/storage/', SHARED] },
    },

    // ── DESIGN.md: "the run lifecycle … (the one writer of runs.status)" ────────────────────────────────
    {
      name: 'only-the-lifecycle-writes-run-status',
      severity: 'error',
      comment:
        "A run's status changes only through applyTransition (storage/run-lifecycle), which checks the " +
        'named transition and records its event and audit row; the raw status writer is private to it.',
      from: { pathNot: '^src/storage/run-lifecycle/' },
      to: { path: '^src/storage/run-lifecycle/transition-run\\.ts$' },
    },

    // ── DESIGN.md: "queue/ knows storage and nothing above" ─────────────────────────────────────────
    {
      name: 'queue-knows-only-storage',
      severity: 'error',
      comment: 'queue/ knows storage/ and nothing above (plus config/ and monitoring/).',
      from: { path: '^src/queue/' },
      to: { path: '^src/', pathNot: ['^src/(queue|storage)/', SHARED] },
    },

    // ── issue 12: "one git runner (integrations/git) with the hardened environment everywhere" ─────────
    {
      name: 'git-only-through-the-git-runner',
      severity: 'error',
      comment:
        'Git runs only through src/integrations/git (runGit, gitOutput, spawnGit, gitFor), which forces the ' +
        'hardened environment (no hooks, no system or user config, no askpass). Import from there, not simple-git.',
      from: { pathNot: '^src/integrations/git/' },
      to: { path: '(^|/)node_modules/simple-git/' },
    },
    {
      name: 'processes-only-through-their-runners',
      severity: 'error',
      comment:
        'Child processes start only in their runners: git in src/integrations/git, sandboxed commands in ' +
        'src/integrations/sandbox, the Chroma server in src/codeindex/chroma. Call those instead of child_process.',
      from: { pathNot: '^src/(integrations/(git|sandbox)|codeindex/chroma)/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?child_process$' },
    },

    // ── DESIGN.md: "integrations/ and codeindex/ know no workflow and no agent" ─────────────────────
    {
      name: 'integrations-and-codeindex-know-no-workflow',
      severity: 'error',
      comment:
        'integrations/ and codeindex/ know no workflow, no agent and no GitHub handler: they are tools ' +
        'that agents and nodes call. Only codeindex/, integrations/, queue/, storage/, config/, monitoring/.',
      from: { path: '^src/(integrations|codeindex)/' },
      to: { path: [TOP, '^src/agents/', ENTRY, WIRING] },
    },

    // ── DESIGN.md: "agents/ never call Octokit" ─────────────────────────────────────────────────────
    {
      name: 'agents-never-call-github',
      severity: 'error',
      comment:
        'agents/ never call Octokit: a node hands an agent the tools it may use; GitHub side effects are ' +
        "the nodes' job, through github/ operations.",
      from: { path: '^src/agents/' },
      to: { path: ['(^|/)node_modules/(@octokit/|probot/)', '^src/github/'] },
    },
    {
      name: 'agents-stay-below-the-workflow',
      severity: 'error',
      comment:
        'agents/ sit below the workflow and do not touch run state or the queue themselves: no ' +
        'orchestration/, api/, mcp/, storage/ or queue/. Nodes record and enqueue around an agent call.',
      from: { path: '^src/agents/' },
      to: { path: ['^src/(orchestration|api|mcp|storage|queue)/', ENTRY, WIRING] },
    },

    {
      name: 'github-side-effects-through-github',
      severity: 'warn',
      comment:
        'Only github/ (and the entry points and wiring) talk to probot/Octokit; nodes and everyone else go ' +
        'through github/ operations, so retries, throttling and test doubles live in one place. ' +
        'A warning, not an error: import the operation you need from github/.',
      from: { path: '^src/', pathNot: ['^src/github/', ENTRY, WIRING] },
      to: { path: '(^|/)node_modules/(@octokit/|probot/)' },
    },

    // ── DESIGN.md: "github/ handlers only check, record and enqueue" ─────────────────────────────────
    {
      name: 'github-never-runs-the-workflow',
      severity: 'error',
      comment:
        'github/ handlers only check, record and enqueue: never import orchestration/ or agents/. ' +
        'Put a job on the queue; the worker runs the graph.',
      from: { path: '^src/github/' },
      to: { path: '^src/(orchestration|agents)/' },
    },

    // ── DESIGN.md: "api/ and mcp/ ... never run an agent in the web process" ───────────────────────
    {
      name: 'api-and-mcp-never-run-agents',
      severity: 'error',
      comment:
        'api/ and mcp/ read and command runs through storage/ and queue/; they never import agents/ or ' +
        'graph nodes (orchestration/nodes/). Enqueue a command for the worker instead.',
      from: { path: '^src/(api|mcp)/' },
      to: { path: '^src/(agents/|orchestration/nodes/)' },
    },
    {
      name: 'api-and-mcp-never-reach-agents',
      severity: 'error',
      comment:
        'api/ and mcp/ load into the web process; no chain of imports from them may pull in agents/ ' +
        '(e.g. through a graph file). Import only the state/types they need, or go through the queue.',
      from: { path: '^src/(api|mcp)/' },
      to: { path: '^src/agents/', reachable: true },
    },
  ],

  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: '^dist/' },
    // Type-only imports count: `import type` across layers still couples them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      // Follow package.json "exports" like Node (NodeNext) does, so `@octokit/*` etc. resolve.
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
