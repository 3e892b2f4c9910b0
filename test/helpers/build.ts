import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Builds `dist/` once per test run, however many test files need it: vitest runs test files in
 * worker threads of one process, so the first caller takes a lock folder named after the process
 * and the others wait for its "done" marker instead of running `tsc` into the same folder at once.
 */
export function buildOnce(): void {
  const lock = path.join(REPO, 'node_modules', '.cache', `backend-patterns-build-${String(process.pid)}`);
  const done = path.join(lock, 'done');
  mkdirSync(path.dirname(lock), { recursive: true });
  let owner = false;
  try {
    mkdirSync(lock);
    owner = true;
  } catch {
    owner = false;
  }
  if (owner) {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'ignore' });
    writeFileSync(done, '');
    return;
  }
  const waiter = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; !existsSync(done); waited += 200) {
    if (waited > 300_000) throw new Error('timed out waiting for the build of dist/');
    Atomics.wait(waiter, 0, 0, 200);
  }
}
