#!/usr/bin/env node
// The package's command (`npx agentic-dev-pipeline mcp`): runs src/cli.ts through tsx, as `npm start` does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
