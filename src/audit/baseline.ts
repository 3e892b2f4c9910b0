import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { Finding } from './findings.js';

/**
 * Baselines record the fingerprints of accepted findings; only findings not in the baseline fail
 * the run. A fingerprint is the rule, the file, the normalised text of the reported line and the
 * chain's labels, never a line number, so it survives code moving up or down; identical lines in
 * one file are told apart by their order.
 */

export interface BaselineFile {
  readonly version: 1;
  readonly fingerprints: readonly string[];
}

/** `lineText(file, line)` gives the source line of a finding (empty when unknown). */
export function fingerprints(findings: readonly Finding[], lineText: (file: string, line: number) => string): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const normalised = lineText(finding.file, finding.line).replace(/\s+/g, ' ').trim();
    const chain = (finding.chain ?? []).slice(1).map((step) => `${step.file}#${step.label}`).join('>');
    const base = createHash('sha256').update([finding.ruleId, finding.file, normalised, chain].join('\0')).digest('hex').slice(0, 32);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return occurrence === 0 ? base : `${base}:${String(occurrence)}`;
  });
}

/** @throws InputError when the baseline cannot be read or is not a baseline. */
export function readBaseline(file: string): ReadonlySet<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)} (create it with --update-baseline)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(`Baseline ${file} is not valid JSON`);
  }
  const prints = (parsed as Partial<BaselineFile> | null)?.fingerprints;
  if (!Array.isArray(prints) || prints.some((print) => typeof print !== 'string')) throw new InputError(`Baseline ${file} has no 'fingerprints' list`);
  return new Set(prints as string[]);
}

export function baselineText(prints: readonly string[]): string {
  const baseline: BaselineFile = { version: 1, fingerprints: [...new Set(prints)].sort() };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}
