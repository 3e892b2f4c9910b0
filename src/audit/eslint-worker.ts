import { parentPort, workerData } from 'node:worker_threads';
import { createEslintRunner } from './eslint-run.js';
import type { EslintWorkerData } from './eslint-task.js';
import type { Finding } from './findings.js';

/**
 * Worker thread body of `startEslintTask`: takes batches of files from the queue shared with the
 * other workers until it is empty, lints them, and posts the findings, or the error (name and
 * message, so user errors stay user errors on the main thread).
 */
try {
  const { options, queue, batch } = workerData as EslintWorkerData;
  const runner = createEslintRunner(options);
  const next = new Int32Array(queue);
  const findings: Finding[] = [];
  for (let start = Atomics.add(next, 0, batch); start < options.files.length; start = Atomics.add(next, 0, batch)) {
    findings.push(...(await runner.lint(options.files.slice(start, start + batch))));
  }
  parentPort?.postMessage({ ok: true, findings });
} catch (error) {
  const failure = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { name: 'Error', message: String(error) };
  parentPort?.postMessage({ ok: false, error: failure });
}
