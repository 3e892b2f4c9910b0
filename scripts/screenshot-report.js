// Renders the example app's HTML audit report in headless Chromium and writes a PNG, to check that
// the layer graph and the route table render without a network. Usage (after `npm run build`):
//   node scripts/screenshot-report.js [out.png]      (default: dist/example-report.png)
// Needs Debian's `chromium` package (/usr/bin/chromium) or CHROMIUM=/path/to/chrome.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const app = path.join('fixtures', 'example-app');
const output = path.resolve(process.argv[2] ?? path.join(repo, 'dist', 'example-report.png'));
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';

if (!existsSync(chromium)) {
  process.stderr.write(`screenshot-report: no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM)\n`);
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'backend-patterns-report-'));
const html = path.join(work, 'report.html');
const audit = spawnSync(
  process.execPath,
  [path.join(repo, 'dist', 'src', 'audit', 'cli.js'), 'audit', app, '--config', path.join(app, 'backend-patterns.config.json'), '--format', 'html', '--output', html, '--fail-on', 'never'],
  { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] },
);
if (audit.status !== 0) {
  rmSync(work, { recursive: true, force: true });
  process.exit(audit.status ?? 2);
}
mkdirSync(path.dirname(output), { recursive: true });
const shot = spawnSync(
  chromium,
  ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${path.join(work, 'profile')}`, '--window-size=1280,2200', `--screenshot=${output}`, pathToFileURL(html).href],
  { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 120_000 },
);
rmSync(work, { recursive: true, force: true });
if (shot.status !== 0 || !existsSync(output)) {
  process.stderr.write(`screenshot-report: Chromium failed (${String(shot.status)}): ${(shot.stderr ?? '').split('\n').slice(-3).join(' ')}\n`);
  process.exit(2);
}
process.stdout.write(`${output}\n`);
