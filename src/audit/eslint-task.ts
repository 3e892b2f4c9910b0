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
  /** Adds a second worker when the main thread is free and enough files are left. */
  assist(): void;
  /** The findings of every worker, once all are done. */
  findings(): Promise<Finding[]>;
  /** Stops the pass when the audit fails before it needs the findings. */
  cancel(): void;
  /** Worker threads started so far (0 when running on the main thread). */
  workers(): number;
}

/** Batch size and the least number of files left for `assist()` to start a worker. */
export interface EslintTaskTuning {
  readonly batch: number;
  readonly minFilesToAssist: number;
}

/** What a worker is started with: the run's options, the shared index of the next file, the batch size. */
export interface EslintWorkerData {
  readonly options: EslintRunOptions;
  readonly queue: SharedArrayBuffer;
  readonly batch: number;
}

type WorkerReply = { readonly ok: true; readonly findings: Finding[] } | { readonly ok: false; readonly error: { readonly name: string; readonly message: string; readonly stack?: string } };

/** Batches of 40 files; an assisting worker costs its start-up (loading ESLint and the parser), worth it for 200 files left. */
const TUNING: EslintTaskTuning = { batch: 40, minFilesToAssist: 200 };

/**
 * Starts the per-file ESLint pass (`runEslint`) on a worker thread, so that parsing and linting
 * every file runs on a second core while the main thread builds the call graph (and in a heap of
 * its own, where the garbage collector does not have to mark the type checker's). When the main
 * thread is done first, `assist()` starts a second worker on the same queue of files. Falls back to
 * the main thread when the worker script is absent (running from the TypeScript sources).
 */
export function startEslintTask(options: EslintRunOptions, tuning: EslintTaskTuning = TUNING): EslintTask {
  const script = new URL('./eslint-worker.js', import.meta.url);
  if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) {
    const findings = import('./eslint-run.js').then(async ({ runEslint }) => runEslint(options));
    findings.catch(() => undefined); // awaited (and its error reported) by the audit
    return { assist: () => undefined, findings: async () => findings, cancel: () => undefined, workers: () => 0 };
  }
  const queue = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const data: EslintWorkerData = { options, queue, batch: tuning.batch };
  const running: { readonly worker: Worker; readonly done: Promise<Finding[]>; settled: boolean }[] = [];
  const start = (): void => {
    const worker = new Worker(script, { workerData: data });
    const entry = { worker, done: Promise.resolve<Finding[]>([]), settled: false };
    entry.done = new Promise<Finding[]>((resolve, reject) => {
      worker.once('message', (reply: WorkerReply) => {
        entry.settled = true;
        if (reply.ok) resolve(reply.findings);
        else reject(reviveError(reply.error));
      });
      worker.once('error', (error) => {
        entry.settled = true;
        reject(error);
      });
      worker.once('exit', (code) => {
        if (!entry.settled) reject(new Error(`the ESLint worker stopped with exit code ${String(code)} before reporting`));
      });
    });
    entry.done.catch(() => undefined); // awaited (and its error reported) by the audit
    running.push(entry);
  };
  const cancel = (): void => {
    for (const entry of running) if (!entry.settled) void entry.worker.terminate();
  };
  start();
  return {
    assist: () => {
      const left = options.files.length - Atomics.load(new Int32Array(queue), 0);
      if (running.length === 1 && left >= tuning.minFilesToAssist) start();
    },
    findings: async () => {
      try {
        return (await Promise.all(running.map(async (entry) => entry.done))).flat();
      } catch (error) {
        cancel();
        throw error;
      }
    },
    cancel,
    workers: () => running.length,
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
