import { readFileSync, readdirSync } from 'node:fs';
import { parseTestOutput, toAnnotations } from './src/integrations/test-reports/index.js';
const dir = 'test/fixtures/test-outputs';
const ws: Record<string,string> = { vitest: '/tmp/fx-vitest', jest: '/tmp/fx-jest', pytest: '/tmp/fx-pytest', go: '/tmp/fx-go', cargo: '/tmp/fx-cargo', node: '/tmp/fx-tap', tape: '/tmp/fx-tape' };
for (const f of readdirSync(dir)) {
  const text = readFileSync(`${dir}/${f}`, 'utf8');
  const r = f.endsWith('.xml') ? parseTestOutput('', { junitXml: [text] }) : parseTestOutput(text);
  const key = Object.keys(ws).find(k => f.startsWith(k)) ?? '';
  console.log('=====', f, JSON.stringify(r, null, 1).slice(0, 2500));
  console.log('annotations', toAnnotations(r, { workspaceDir: ws[key] ?? '/tmp' }).map(a => `${a.path}:${a.start_line} ${a.title}`));
}
