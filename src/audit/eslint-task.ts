import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, InputError } from '../core/errors.js';
import type { EslintRunOptions } from './eslint-run.js';
import type { Finding } from './findings.js';

const CONFIG_FILES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/** The project's own flat config file in `root`, if it has one (found without loading ESLint). */
export function findEslintConfig(root: string): string | undefined {
  return CONFIG_FILES.map((name) => path.join(root, name)).find((file) => existsSync(file));
}

/** The per-file ESLint pass running beside the whole-project analysis. */
export interface EslintTask {
  readonly findings: Promise<Finding[]>;
  /** Stops the pass when the audit fails before it needs the findings. */
  cancel(): void;
}

type WorkerReply = { readonly ok: true; readonly findings: Finding[] } | { readonly ok: false; readonly error: { readonly name: string; readonly message: string; readonly stack?: string } };

/**
 * Starts the per-file ESLint pass (`runEslint`) on a worker thread, so that parsing and linting every file runs on a
 * second core while the main thread builds the call graph (and in a heap of its own, where the
 * garbage collector does not have to mark the type checker's). Falls back to the main thread when
 * the worker script is absent (running from the TypeScript sources).
 */
export function startEslintTask(options: EslintRunOptions): EslintTask {
  const script = new URL('./eslint-worker.js', import.meta.url);
  if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) {
    const findings = import('./eslint-run.js').then(async ({ runEslint }) => runEslint(options));
    findings.catch(() => undefined); // awaited (and its error reported) by the audit
    return { findings, cancel: () => undefined };
  }
  // A young generation of 96 MB instead of V8's default: parsing every file allocates mostly short-lived
  // nodes, and the larger nursery cuts the worker's garbage collection (measured: ~5% of its CPU).
  const worker = new Worker(script, { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  let settled = false;
  const findings = new Promise<Finding[]>((resolve, reject) => {
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.findings);
      else reject(reviveError(reply.error));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the ESLint worker stopped with exit code ${String(code)} before reporting`));
    });
  });
  findings.catch(() => undefined); // awaited (and its error reported) by the audit
  return {
    findings,
    cancel: () => {
      if (!settled) void worker.terminate();
    },
  };
}

/** User errors keep their class across the thread boundary, so the CLI prints them as one line. */
function reviveError(error: { readonly name: string; readonly message: string; readonly stack?: string }): Error {
  if (error.name === 'ConfigError') return new ConfigError(error.message);
  if (error.name === 'InputError') return new InputError(error.message);
  const revived = new Error(error.message);
  if (error.stack !== undefined) revived.stack = error.stack;
  return revived;
}
