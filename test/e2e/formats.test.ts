import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildOnce } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

const Ajv = AjvModule.default;

/**
 * The built CLI's `github` and `gitlab` formats on the example app, held against its JSON report:
 * one annotation / one Code Quality issue per finding, same rule, file and line; the GitLab report
 * validated against the shape GitLab documents. No progress output reaches a pipe.
 */
const APP = path.join('fixtures', 'example-app');
const ARGS = ['audit', APP, '--config', path.join(APP, 'backend-patterns.config.json'), '--no-config-lookup'];

interface JsonFinding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fingerprint: string;
  readonly baselined: boolean;
}

let findings: JsonFinding[] = [];
let gitlab = '';

function run(format: string): string {
  const result = runCli([...ARGS, '--format', format]);
  // Progress never reaches a pipe; the example app has errors, so the default --fail-on error exits 1.
  expect(result.stderr).toBe('');
  expect(result.status).toBe(1);
  return result.stdout;
}

beforeAll(() => {
  buildOnce();
  findings = (JSON.parse(run('json')) as { findings: JsonFinding[] }).findings;
  gitlab = run('gitlab');
}, 300_000);

describe('--format github', () => {
  it('one workflow command per finding, on its file (from where the CLI ran), line and column, titled with the rule', () => {
    const lines = run('github').trimEnd().split('\n');
    expect(findings.length).toBeGreaterThan(5);
    expect(lines).toHaveLength(findings.length);
    const parsed = lines.map((line) => {
      const match = /^::(error|warning) file=([^,]+),line=(\d+)(?:,endLine=\d+)?,col=(\d+),title=([^:]+)::(.*)$/.exec(line);
      expect(match, line).not.toBeNull();
      return { severity: match?.[1], file: match?.[2], line: Number(match?.[3]), column: Number(match?.[4]), title: match?.[5], message: match?.[6] ?? '' };
    });
    expect(parsed.map((entry) => `${entry.severity ?? ''} ${entry.file ?? ''}:${String(entry.line)}:${String(entry.column)} ${entry.title ?? ''}`)).toEqual(
      findings.map((finding) => `${finding.severity} fixtures/example-app/${finding.file}:${String(finding.line)}:${String(finding.column)} backend-patterns/${finding.ruleId}`),
    );
    // The message is one line: new lines (a chain) are escaped, and it decodes to the finding's message.
    parsed.forEach((entry, index) => {
      expect(entry.message).not.toMatch(/[\r\n]/);
      expect(decodeURIComponent(entry.message).startsWith(findings[index]?.message ?? '-')).toBe(true);
    });
    expect(parsed.some((entry) => entry.message.includes('%0APath: '))).toBe(true);
  });
});

describe('--format gitlab', () => {
  const schema = JSON.parse(readFileSync(path.join(REPO, 'test', 'schemas', 'gitlab-code-quality.schema.json'), 'utf8')) as object;

  it('validates against the documented Code Quality shape', () => {
    const report = JSON.parse(gitlab) as unknown;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('one issue per finding with its rule, line, severity and unique fingerprint', () => {
    const issues = JSON.parse(gitlab) as Array<{ check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }>;
    expect(issues.map((issue) => `${issue.check_name} ${issue.location.path}:${String(issue.location.lines.begin)} ${issue.severity}`)).toEqual(
      findings.map((finding) => `${finding.ruleId} fixtures/example-app/${finding.file}:${String(finding.line)} ${finding.severity === 'error' ? 'major' : 'minor'}`),
    );
    expect(issues.map((issue) => issue.fingerprint)).toEqual(findings.map((finding) => finding.fingerprint));
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
  });

  it('the schema rejects what GitLab would not read', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const issue = { description: 'x', check_name: 'r', fingerprint: 'f', severity: 'major', location: { path: 'src/a.ts', lines: { begin: 1 } } };
    expect(validate([issue])).toBe(true);
    expect(validate([{ ...issue, severity: 'error' }])).toBe(false);
    expect(validate([{ ...issue, location: { path: 'src/a.ts' } }])).toBe(false);
    expect(validate([{ ...issue, location: { path: '/abs/a.ts', lines: { begin: 1 } } }])).toBe(false);
    expect(validate([{ description: 'x', check_name: 'r', severity: 'major', location: { path: 'src/a.ts', lines: { begin: 1 } } }])).toBe(false);
  });
});

describe('text and html summaries', () => {
  it('the text report ends with the findings per rule and per folder', () => {
    const text = run('text');
    const byRule = text.slice(text.indexOf('By rule\n'), text.indexOf('By folder\n'));
    const rules = new Set(findings.map((finding) => finding.ruleId));
    for (const rule of rules) expect(byRule).toMatch(new RegExp(`\\n  ${rule.replace('/', '\\/')} +\\d+ +\\d+ +${String(findings.filter((finding) => finding.ruleId === rule).length)}\\n`));
    expect(text.slice(text.indexOf('By folder\n'))).toMatch(/\n {2}src\/controllers +\d+ +\d+ +\d+\n/);
    expect(text).toMatch(/✖ \d+ findings .*\.\n$/);
  });

  it('the html report has the per-rule table with docs links and the filters', () => {
    const html = run('html');
    expect(html).toContain('id="by-rule"');
    expect(html).toContain('id="by-folder"');
    expect(html).toContain('href="https://github.com/eslint-plugin-backend-patterns/eslint-plugin-backend-patterns/blob/main/docs/audit/layer-dependencies.md"');
    expect([...html.matchAll(/<tr class="finding /g)]).toHaveLength(findings.length);
  });
});
