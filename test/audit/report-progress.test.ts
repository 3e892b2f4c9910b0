import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatElapsed, formatProgress, phaseOf, progressReporter, showsProgress } from '../../src/audit/progress.js';

/** The progress line is a pure function of the phase, the counts and the time; where it shows is decided from the environment. */
describe('formatProgress', () => {
  it('phase k of 4, detail, files n/N and elapsed time', () => {
    expect(formatProgress({ phase: 'load', elapsedMs: 1200, frame: 0 })).toBe('⠋ [1/4] Loading project · 1.2s');
    expect(formatProgress({ phase: 'rules', detail: 'Running ESLint rules', counts: { done: 120, total: 1800 }, elapsedMs: 12_345, frame: 2 })).toBe('⠹ [2/4] Per-file rules · Running ESLint rules · files 120/1800 · 12.3s');
    expect(formatProgress({ phase: 'checks', detail: 'Project checks', elapsedMs: 61_000, frame: 11 })).toBe('⠙ [3/4] Project checks · 1m 01s');
    expect(formatProgress({ phase: 'report', elapsedMs: 0, frame: -1 })).toBe('⠏ [4/4] Writing report · 0.0s');
  });

  it('never shows more files done than there are', () => {
    expect(formatProgress({ phase: 'rules', counts: { done: 12, total: 10 }, elapsedMs: 500, frame: 0 })).toContain('files 10/10');
  });

  it('formatElapsed: tenths under a minute, then minutes and seconds', () => {
    expect([0, 999, 59_949, 60_000, 125_400, -5].map(formatElapsed)).toEqual(['0.0s', '1.0s', '59.9s', '1m 00s', '2m 05s', '0.0s']);
  });

  it('phaseOf: the audit messages map onto the four phases', () => {
    expect(['Loading project', 'Running ESLint rules', 'Checking layers', 'Following calls', 'Writing report'].map(phaseOf)).toEqual(['load', 'rules', 'checks', 'checks', 'report']);
  });
});

describe('showsProgress', () => {
  const terminal = { stderrIsTTY: true, reportPiped: false, env: { TERM: 'xterm-256color' } };

  it('only for a person at a terminal', () => {
    expect(showsProgress(terminal)).toBe(true);
    expect(showsProgress({ ...terminal, stderrIsTTY: false })).toBe(false);
    expect(showsProgress({ ...terminal, reportPiped: true })).toBe(false);
    expect(showsProgress({ ...terminal, env: { TERM: 'dumb' } })).toBe(false);
  });

  it('never in CI logs, even on a pseudo-terminal', () => {
    for (const env of [{ CI: 'true' }, { CI: '1' }, { GITHUB_ACTIONS: 'true' }, { GITLAB_CI: 'true' }, { BUILDKITE: 'true' }]) expect(showsProgress({ ...terminal, env })).toBe(false);
    expect(showsProgress({ ...terminal, env: { CI: 'false' } })).toBe(true);
  });
});

describe('progressReporter', () => {
  it('silent when not shown: writes nothing', () => {
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    const reporter = progressReporter(stream, false);
    reporter.update('Loading project');
    reporter.stop();
    expect(written).toEqual([]);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('after a second, redraws one line in place with the phase, counts and time; clears it on stop', () => {
    vi.useFakeTimers();
    let clock = 0;
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    const reporter = progressReporter(stream, true, () => clock);
    reporter.update('Loading project');
    clock = 500;
    vi.advanceTimersByTime(120);
    expect(written).toEqual([]);
    reporter.update('Running ESLint rules', { done: 3, total: 40 });
    clock = 1500;
    vi.advanceTimersByTime(120);
    reporter.update('Checking layers');
    clock = 2500;
    vi.advanceTimersByTime(120);
    reporter.stop();
    expect(written.map((text) => text.replace(/\r\u001B\[2K/g, '<clear>').replace(/^<clear>[^ ]+ /, '<clear>'))).toEqual([
      '<clear>[2/4] Per-file rules · Running ESLint rules · files 3/40 · 1.5s',
      '<clear>[3/4] Project checks · Checking layers · 2.5s',
      '<clear>',
    ]);
  });
});
