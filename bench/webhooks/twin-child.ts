/**
 * The GitHub twin in a process of its own, as GitHub is remote to the app in production: its heap and CPU are
 * not the app's. `node --import tsx bench/webhooks/twin-child.ts` prints `{"twin":…}` when ready and answers
 * `issues <n>` and `calls` lines on stdin with one JSON line each; it exits when stdin closes.
 */
import { startGitHubTwin } from '../../test/twins/github/index.js';
import { answerLines, reply } from './line-protocol.js';

const SENDER = 'bench-dev';

const twin = await startGitHubTwin({ appSlug: 'bench-pipeline' });
const { id: installationId } = await twin.createInstallation({ account: 'bench-org' });
const repo = await twin.createRepo({
  owner: 'bench-org',
  name: 'bench-repo',
  files: { 'README.md': '# Benchmark repository\n' },
  installationId,
});
twin.addUser(SENDER);
twin.setPermission(repo.fullName, SENDER, 'write');
let issues = 0;

async function answer(command: string, arg: string | undefined): Promise<void> {
  if (command === 'issues') {
    for (; issues < Number(arg); issues += 1)
      await twin.openIssue(repo.fullName, { title: `Benchmark issue ${issues + 1}`, user: SENDER });
    return reply({ issues });
  }
  if (command === 'calls') {
    const calls: Record<string, number> = {};
    for (const entry of twin.requests) {
      const key = `${entry.operationId ?? entry.path} ${entry.status}`;
      calls[key] = (calls[key] ?? 0) + 1;
    }
    return reply({ calls });
  }
  reply({ error: `unknown command ${command}` });
}

answerLines({
  answer,
  onClose: () => void twin.close().finally(() => process.exit(0)),
});
reply({
  twin: {
    url: twin.url,
    appId: twin.app.appId,
    privateKey: twin.app.privateKey,
    webhookSecret: twin.app.webhookSecret,
    slug: twin.app.slug,
    repoFullName: repo.fullName,
    installationId,
    sender: SENDER,
  },
});
