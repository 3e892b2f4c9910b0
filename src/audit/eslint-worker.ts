import { parentPort, workerData } from 'node:worker_threads';
import { runEslint, type EslintRunOptions } from './eslint-run.js';

/**
 * Worker thread body of `startEslintTask` (eslint-task.ts): runs the per-file ESLint pass and posts the
 * findings, or the error (name and message, so user errors stay user errors on the main thread).
 */
try {
  const findings = await runEslint(workerData as EslintRunOptions);
  parentPort?.postMessage({ ok: true, findings });
} catch (error) {
  const failure = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { name: 'Error', message: String(error) };
  parentPort?.postMessage({ ok: false, error: failure });
}
