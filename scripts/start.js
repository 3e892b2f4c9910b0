// `npm start`: audit the bundled example backend with the built CLI and print the text report.
// The example app's eslint.config.js runs every rule of the built plugin; the audit reads the same
// settings through --config. Findings are expected there, so the run does not fail on them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const app = path.join('fixtures', 'example-app');

const result = spawnSync(
  process.execPath,
  [path.join(repo, 'dist', 'src', 'audit', 'cli.js'), 'audit', app, '--config', path.join(app, 'backend-patterns.config.json'), '--format', 'text', '--fail-on', 'never'],
  { cwd: repo, stdio: 'inherit' },
);
process.exitCode = result.status ?? 2;
