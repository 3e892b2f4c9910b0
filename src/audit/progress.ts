/**
 * Progress of an audit run on a terminal: the phase (1 of 4), the files done when known and the
 * time elapsed, redrawn in place on stderr. Shown only to a person watching a terminal: never in CI
 * logs, never when stderr is not a TTY, never when the report itself goes to a pipe.
 */

export const PHASES = ['load', 'rules', 'checks', 'report'] as const;
export type Phase = (typeof PHASES)[number];

const LABELS: Readonly<Record<Phase, string>> = {
  load: 'Loading project',
  rules: 'Per-file rules',
  checks: 'Project checks',
  report: 'Writing report',
};

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface ProgressCounts {
  readonly done: number;
  readonly total: number;
  /** For the project facts: how many of the files done the cache answered (`--cache`). */
  readonly cached?: number;
}

export interface ProgressState {
  readonly phase: Phase;
  /** What the phase is doing now, when it says more than the phase's name. */
  readonly detail?: string;
  readonly counts?: ProgressCounts;
  readonly elapsedMs: number;
  /** Spinner frame (any integer). */
  readonly frame: number;
}

/** `3.4s`, `1m 05s`. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.floor(seconds);
  return `${String(Math.floor(whole / 60))}m ${String(whole % 60).padStart(2, '0')}s`;
}

/**
 * One progress line, e.g. `⠹ [2/4] Per-file rules · files 120/1800 · 12.3s`, or with the facts
 * cache `⠹ [3/4] Project checks · Checking layers · facts 1,204/1,800 files (1,150 cached) · 3.1s`.
 */
export function formatProgress(state: ProgressState): string {
  const frame = FRAMES[((state.frame % FRAMES.length) + FRAMES.length) % FRAMES.length] ?? '';
  const parts = [`${frame} [${String(PHASES.indexOf(state.phase) + 1)}/${String(PHASES.length)}] ${LABELS[state.phase]}`];
  if (state.detail !== undefined && state.detail !== LABELS[state.phase]) parts.push(state.detail);
  if (state.counts?.cached !== undefined) {
    const count = (value: number): string => value.toLocaleString('en-US');
    parts.push(`facts ${count(Math.min(state.counts.done, state.counts.total))}/${count(state.counts.total)} files (${count(Math.min(state.counts.cached, state.counts.done))} cached)`);
  } else if (state.counts !== undefined) parts.push(`files ${String(Math.min(state.counts.done, state.counts.total))}/${String(state.counts.total)}`);
  parts.push(formatElapsed(state.elapsedMs));
  return parts.join(' · ');
}

/** The phase an audit progress message belongs to (the messages `runAudit` passes to `onProgress`). */
export function phaseOf(message: string): Phase {
  if (/eslint|per-file/i.test(message)) return 'rules';
  if (/layer|call|check|route|cache|fact/i.test(message)) return 'checks';
  if (/report|writ/i.test(message)) return 'report';
  return 'load';
}

export interface ProgressEnvironment {
  readonly stderrIsTTY: boolean;
  /** Whether the report goes to stdout and stdout is not a terminal (a pipe or a file). */
  readonly reportPiped: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Progress is for a person at a terminal: not in CI, not on a dumb terminal, not while the report is piped. */
export function showsProgress(environment: ProgressEnvironment): boolean {
  const { env } = environment;
  const ci = (env.CI !== undefined && env.CI !== '' && env.CI !== 'false') || env.GITHUB_ACTIONS !== undefined || env.GITLAB_CI !== undefined || env.BUILDKITE !== undefined;
  return environment.stderrIsTTY && !environment.reportPiped && !ci && env.TERM !== 'dumb';
}

export interface ProgressReporter {
  /** A message from the audit; `counts` when the phase knows how many files it has done. */
  readonly update: (message: string, counts?: ProgressCounts) => void;
  readonly stop: () => void;
}

const SILENT: ProgressReporter = { update: () => undefined, stop: () => undefined };

/** Draws the progress line on `stream` at most every 120 ms once the run has taken a second, and on updates; silent when `show` is false. */
export function progressReporter(stream: NodeJS.WriteStream, show: boolean, now: () => number = Date.now): ProgressReporter {
  if (!show) return SILENT;
  const started = now();
  let phase: Phase = 'load';
  let detail: string | undefined;
  let counts: ProgressCounts | undefined;
  let frame = 0;
  let drawn = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  const draw = (): void => {
    const time = now();
    if (time - started < 1000 || time - lastDraw < 120) return;
    frame += 1;
    stream.write(`\r\u001B[2K${formatProgress({ phase, detail, counts, elapsedMs: time - started, frame })}`);
    drawn = true;
    lastDraw = time;
  };
  // The timer draws while the run waits (the ESLint worker); updates draw too, because the project
  // checks run on this thread without yielding to the timer until they are done.
  const timer = setInterval(draw, 120);
  timer.unref();
  return {
    update: (message, next) => {
      const nextPhase = phaseOf(message);
      if (nextPhase !== phase) counts = undefined;
      phase = nextPhase;
      detail = message;
      if (next !== undefined) counts = next;
      draw();
    },
    stop: () => {
      clearInterval(timer);
      if (drawn) stream.write('\r\u001B[2K');
    },
  };
}
