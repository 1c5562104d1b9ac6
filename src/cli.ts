#!/usr/bin/env -S node --import tsx
import { loadSettings, SettingsError } from './config/settings.js';
import { createAppLogger } from './runtime/app-logger.js';
import { serveMcpStdio } from './runtime/serve-mcp-stdio.js';

// `agentic-dev-pipeline mcp`: the pipeline controller as an MCP server on stdio. stdout carries the protocol,
// so every log line goes to stderr.
const USAGE =
  'usage: agentic-dev-pipeline mcp   (MCP server on stdio; needs PIPELINE_API_URL, PIPELINE_API_TOKEN)\n';
const [command] = process.argv.slice(2);
if (command !== 'mcp') {
  process.stderr.write(USAGE);
  process.exit(command === undefined || command === '--help' || command === 'help' ? 0 : 2);
}
try {
  const settings = loadSettings();
  const logger = createAppLogger(settings, 'pipeline-mcp', process.stderr);
  await serveMcpStdio(settings, logger);
} catch (error) {
  process.stderr.write(
    `${error instanceof SettingsError ? `${error.message}\nSee the README's "Configuration" section.` : String(error instanceof Error ? error.message : error)}\n`,
  );
  process.exit(1);
}
