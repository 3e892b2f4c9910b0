import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { buildOnce, REPO } from '../helpers/build.js';
import { labelledLocations, runCli } from '../helpers/cli.js';

/**
 * The per-file `no-untyped-throw` cannot see callers; the audit drops its finding where every
 * caller of the throwing function (in the audited scope) catches the error and decides the response.
 */
const PROJECT = path.join(REPO, 'fixtures', 'audit', 'untyped-throw-callers');
const RULE = 'no-untyped-throw';

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
}

/** What the rule reports in one file of the fixture on its own, without the audit's view of callers. */
function perFile(file: string): string[] {
  const linter = new Linter();
  const config: Linter.Config[] = [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, sourceType: 'module' } },
    { plugins: { 'backend-patterns': plugin as never }, rules: { [`backend-patterns/${RULE}`]: 'error' } },
  ];
  const messages = linter.verify(readFileSync(path.join(PROJECT, file), 'utf8'), config, { filename: path.join(PROJECT, file) });
  return messages.map((message) => `${file}:${String(message.line)}`);
}

beforeAll(() => {
  buildOnce();
});

describe('audit: no-untyped-throw and the callers of the throwing function', () => {
  it('keeps exactly the labelled findings: callers that let the error through, a returned promise, a rethrow, a function handed on as a callback, an object literal member, a same-named call on an untyped value', () => {
    const run = runCli(['audit', PROJECT, '--format', 'json', '--no-config-lookup', '--rules', RULE, '--fail-on', 'never']);
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    const reported = findings.filter((finding) => finding.ruleId === RULE).map((finding) => `${finding.file}:${String(finding.line)}`).sort();
    expect(reported).toEqual(labelledLocations(PROJECT, RULE));
  });

  it('drops what the rule reports on its own where every caller catches (directly, one call up, outside tests, through a re-export outside the audited scope, beside a same-named method of another class)', () => {
    expect(perFile('src/imports/import.service.ts')).toEqual(expect.arrayContaining(['src/imports/import.service.ts:11', 'src/imports/import.service.ts:20', 'src/imports/import.service.ts:53']));
    expect(perFile('src/shared/currency.ts')).toContain('src/shared/currency.ts:11');
    expect(perFile('src/shared/rates.ts')).toEqual(expect.arrayContaining(['src/shared/rates.ts:5', 'src/shared/rates.ts:12']));
  });
});
