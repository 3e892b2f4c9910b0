import { describe, expect, it } from 'vitest';
import type { AuditResult, LayerEdge, ReportedFinding } from '../../src/audit/findings.js';
import { drawsArcs, layerGraphMermaid, layerGraphSvg, layerEdgeRows, layerMatrixHtml } from '../../src/audit/report/diagram.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/audit/report/github.js';
import { formatGitlab } from '../../src/audit/report/gitlab.js';
import { formatHtml } from '../../src/audit/report/html.js';
import { FORMATS } from '../../src/audit/report/index.js';
import { folderKeys, summarize } from '../../src/audit/report/summary.js';
import { formatText, summaryTable } from '../../src/audit/report/text.js';

/** Reports are pure functions of the audit result: a small result built here, every format checked on it. */
function finding(ruleId: string, severity: 'error' | 'warning', file: string, line: number, message: string, extra: Partial<ReportedFinding> = {}): ReportedFinding {
  return { ruleId, severity, file, line, column: 5, endLine: line, endColumn: 20, message, fingerprint: `${ruleId}@${file}:${String(line)}`, baselined: false, ...extra };
}

const FINDINGS: ReportedFinding[] = [
  finding('audit/layer-dependencies', 'error', 'src/orders/orders.controller.ts', 12, 'Skipping layer dependency: this controller imports the database client.'),
  finding('no-pii-in-logs', 'error', 'src/orders/orders.service.ts', 30, 'Logs an e-mail address, 50% of the time: customer, order'),
  finding('no-untyped-throw', 'warning', 'src/orders/orders.service.ts', 41, 'Throws a plain Error', { endLine: 43 }),
  finding('no-untyped-throw', 'warning', 'src/users/dto/user.dto.ts', 8, 'Throws a plain Error'),
  finding('no-untyped-throw', 'error', 'src/main.ts', 3, 'Throws a plain Error'),
  finding('no-pii-in-logs', 'error', 'src/users/users.service.ts', 9, 'Logs a password', { baselined: true }),
];

function result(findings: readonly ReportedFinding[] = FINDINGS, edges: readonly LayerEdge[] = []): AuditResult {
  const live = findings.filter((entry) => !entry.baselined);
  return {
    schemaVersion: 1,
    tool: { name: 'backend-patterns', version: '0.0.0-test' },
    root: 'services/api',
    summary: { files: 7, errors: live.filter((entry) => entry.severity === 'error').length, warnings: live.filter((entry) => entry.severity === 'warning').length, baselined: findings.length - live.length },
    findings,
    routes: [{ method: 'GET', path: '/orders/:id', handler: 'OrdersController.get', file: 'src/orders/orders.controller.ts', line: 10, framework: 'express', auth: [], public: false, layers: ['controller', 'service'] }],
    layerGraph: { edges },
  };
}

describe('summaries', () => {
  it('folderKeys: the folder below the one every finding shares', () => {
    const mixed = folderKeys(['src/users/dto/user.dto.ts', 'src/orders/orders.service.ts', 'main.ts']);
    expect(['src/users/dto/user.dto.ts', 'src/main.ts', 'main.ts'].map(mixed)).toEqual(['src', 'src', '.']);
    const modules = folderKeys(['src/modules/users/users.service.ts', 'src/modules/orders/dto/order.dto.ts', 'src/modules/index.ts']);
    expect(['src/modules/users/users.service.ts', 'src/modules/orders/dto/order.dto.ts', 'src/modules/index.ts'].map(modules)).toEqual(['src/modules/users', 'src/modules/orders', 'src/modules']);
    expect(folderKeys(['src/a/x.ts'])('src/a/x.ts')).toBe('src/a');
  });

  it('summarize counts by severity, most findings first, errors breaking ties', () => {
    const live = FINDINGS.filter((entry) => !entry.baselined);
    expect(summarize(live, (entry) => entry.ruleId)).toEqual([
      { key: 'no-untyped-throw', errors: 1, warnings: 2, total: 3 },
      { key: 'audit/layer-dependencies', errors: 1, warnings: 0, total: 1 },
      { key: 'no-pii-in-logs', errors: 1, warnings: 0, total: 1 },
    ]);
    expect(summarize(live, (entry) => entry.severity)).toEqual([
      { key: 'error', errors: 3, warnings: 0, total: 3 },
      { key: 'warning', errors: 0, warnings: 2, total: 2 },
    ]);
  });
});

describe('text', () => {
  it('ends with the findings per rule and per folder, then the summary line; baselined findings are not counted', () => {
    const text = formatText(result(), { color: false });
    const tail = text.slice(text.indexOf('By rule'));
    expect(tail).toBe(
      [
        'By rule',
        '  rule                         errors warnings    total',
        '  no-untyped-throw                  1        2        3',
        '  audit/layer-dependencies          1        0        1',
        '  no-pii-in-logs                    1        0        1',
        '',
        'By folder',
        '  folder         errors warnings    total',
        '  src/orders          2        1        3',
        '  src                 1        0        1',
        '  src/users           0        1        1',
        '',
        '✖ 5 findings (3 errors, 2 warnings) in 7 files, 1 routes, 1 baselined.',
        '',
      ].join('\n'),
    );
  });

  it('--quiet summarises the errors it shows only; no findings, no tables', () => {
    const quiet = formatText(result(), { color: false, quiet: true });
    expect(quiet).not.toContain('src/users ');
    expect(quiet).toContain('  no-untyped-throw                  1        0        1\n');
    expect(formatText(result([]), { color: false })).toBe('✔ No findings in 7 files, 1 routes.\n');
  });
});

describe('summary tables with many rows', () => {
  it('text: the first rows, then one line counting the rest', () => {
    const rows = Array.from({ length: 5 }, (_, index) => ({ key: `src/m${String(index)}`, errors: 1, warnings: index, total: 1 + index }));
    expect(summaryTable('folder', rows, 2).map((line) => line.replace(/ +/g, ' '))).toEqual(['folder errors warnings total', 'src/m0 1 0 1', 'src/m1 1 1 2', '… 3 more 3 9 12']);
    // One row past the limit is shown rather than summarised.
    expect(summaryTable('folder', rows.slice(0, 3), 2)).toHaveLength(4);
  });

  it('html: fifteen rows, the rest collapsed behind a button', () => {
    const many = Array.from({ length: 20 }, (_, index) => finding('no-untyped-throw', 'warning', `src/modules/m${String(index).padStart(2, '0')}/service.ts`, 3, 'Throws a plain Error'));
    const page = formatHtml(result(many));
    const byFolder = page.slice(page.indexOf('id="by-folder"'), page.indexOf('</table>', page.indexOf('id="by-folder"')));
    const [shown, hidden] = byFolder.split('<tbody class="more" hidden>');
    expect([...(shown ?? '').matchAll(/data-value="([^"]+)"/g)]).toHaveLength(15);
    expect([...(hidden ?? '').matchAll(/data-value="([^"]+)"/g)].map((match) => match[1])).toEqual(['src/modules/m15', 'src/modules/m16', 'src/modules/m17', 'src/modules/m18', 'src/modules/m19']);
    expect(byFolder).toContain('>5 more</button>');
  });
});

describe('github', () => {
  it('escapes messages (%, CR, LF) and properties (also : and ,) as the Actions toolkit does', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('one annotation per live finding, paths under the audited folder, severity as the command', () => {
    expect(formatGithub(result()).split('\n')).toEqual([
      '::error file=services/api/src/orders/orders.controller.ts,line=12,col=5,title=backend-patterns/audit/layer-dependencies::Skipping layer dependency: this controller imports the database client.',
      '::error file=services/api/src/orders/orders.service.ts,line=30,col=5,title=backend-patterns/no-pii-in-logs::Logs an e-mail address, 50%25 of the time: customer, order',
      '::warning file=services/api/src/orders/orders.service.ts,line=41,endLine=43,col=5,title=backend-patterns/no-untyped-throw::Throws a plain Error',
      '::warning file=services/api/src/users/dto/user.dto.ts,line=8,col=5,title=backend-patterns/no-untyped-throw::Throws a plain Error',
      '::error file=services/api/src/main.ts,line=3,col=5,title=backend-patterns/no-untyped-throw::Throws a plain Error',
      '',
    ]);
    expect(formatGithub(result([]))).toBe('');
  });

  it('a chain follows the message on an escaped new line', () => {
    const chained = finding('no-query-in-loop', 'error', 'src/a.ts', 4, 'Query in a loop', {
      chain: [
        { file: 'src/a.ts', line: 4, column: 3, label: 'loop' },
        { file: 'src/b.ts', line: 9, column: 5, label: 'db.find' },
      ],
    });
    expect(formatGithub(result([chained]))).toBe('::error file=services/api/src/a.ts,line=4,col=5,title=backend-patterns/no-query-in-loop::Query in a loop%0APath: a.ts:4 loop → b.ts:9 db.find\n');
  });
});

describe('gitlab', () => {
  it('Code Quality issues: live findings, error → major, warning → minor, the fingerprint, the line range', () => {
    const issues = JSON.parse(formatGitlab(result())) as Array<{ check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number; end?: number } }; content: { body: string } }>;
    expect(issues.map((issue) => `${issue.check_name} ${issue.severity} ${issue.location.path}:${String(issue.location.lines.begin)}${issue.location.lines.end === undefined ? '' : `-${String(issue.location.lines.end)}`}`)).toEqual([
      'audit/layer-dependencies major services/api/src/orders/orders.controller.ts:12',
      'no-pii-in-logs major services/api/src/orders/orders.service.ts:30',
      'no-untyped-throw minor services/api/src/orders/orders.service.ts:41-43',
      'no-untyped-throw minor services/api/src/users/dto/user.dto.ts:8',
      'no-untyped-throw major services/api/src/main.ts:3',
    ]);
    expect(issues[1]?.fingerprint).toBe('no-pii-in-logs@src/orders/orders.service.ts:30');
    expect(issues[1]?.content.body).toMatch(/docs\/rules\/no-pii-in-logs\.md$/);
    expect(JSON.parse(formatGitlab(result([])))).toEqual([]);
  });

  it('both formats are --format choices', () => {
    expect(FORMATS).toEqual(expect.arrayContaining(['github', 'gitlab']));
  });
});

describe('html', () => {
  const html = formatHtml(result());

  it('a per-rule summary with docs links, and a per-folder summary', () => {
    const byRule = html.slice(html.indexOf('<table class="rules" id="by-rule">'), html.indexOf('</table>', html.indexOf('id="by-rule"')));
    expect([...byRule.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => `${match[2] ?? ''} ${match[1] ?? ''}`)).toEqual([
      'no-untyped-throw https://github.com/eslint-plugin-backend-patterns/eslint-plugin-backend-patterns/blob/main/docs/rules/no-untyped-throw.md',
      'audit/layer-dependencies https://github.com/eslint-plugin-backend-patterns/eslint-plugin-backend-patterns/blob/main/docs/audit/layer-dependencies.md',
      'no-pii-in-logs https://github.com/eslint-plugin-backend-patterns/eslint-plugin-backend-patterns/blob/main/docs/rules/no-pii-in-logs.md',
    ]);
    expect(byRule).toContain('<td class="num">1</td><td class="num">2</td><td class="num">3</td>');
    const byFolder = html.slice(html.indexOf('id="by-folder"'), html.indexOf('</table>', html.indexOf('id="by-folder"')));
    expect([...byFolder.matchAll(/data-value="([^"]+)"/g)].map((match) => match[1])).toEqual(['src/orders', 'src', 'src/users']);
  });

  it('filters by rule, severity and folder, groups by rule, severity, folder or file; each row carries its keys', () => {
    for (const id of ['f-rule', 'f-severity', 'f-folder', 'f-text', 'f-group']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('<tr class="finding warning" data-rule="no-untyped-throw" data-severity="warning" data-folder="src/users" data-file="src/users/dto/user.dto.ts">');
    expect([...html.matchAll(/<tr class="finding /g)]).toHaveLength(5);
    expect(html).not.toContain('Logs a password');
  });

  it('is self-contained: inline style and script, nothing fetched', () => {
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).toMatch(/<script>[\s\S]+<\/script>/);
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link|src="http|fetch\(|XMLHttpRequest|@import|url\(/);
  });

  it('long paths and messages wrap instead of widening the page', () => {
    expect(html).toContain('table-layout: fixed');
    expect(html).toMatch(/th, td \{[^}]*overflow-wrap: anywhere/);
    expect(html).toMatch(/figure svg \{ max-width: 100%/);
  });

  it('no findings: no summary tables, no script', () => {
    const empty = formatHtml(result([]));
    expect(empty).toContain('<p>No findings.</p>');
    expect(empty).not.toContain('id="by-rule"');
    expect(empty).not.toContain('<script>');
  });
});

describe('layer graph', () => {
  const edges: LayerEdge[] = [
    { from: 'controller', to: 'service', count: 40, violation: false },
    { from: 'service', to: 'controller', count: 2, violation: true },
    { from: 'controller', to: 'data', count: 3, violation: true },
    { from: 'controller', to: 'data', count: 4, violation: true },
  ];

  it('one arrow per pair of layers, counts summed', () => {
    const svg = layerGraphSvg(edges);
    expect([...svg.matchAll(/class="edge violation"/g)]).toHaveLength(2);
    expect(svg).toContain('>7 skipping<');
    expect(layerGraphMermaid(edges)).toContain('controller -->|7 ✖| data');
  });

  it('the table lists violations first, then by count', () => {
    expect(layerEdgeRows(edges).map((row) => row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim())).toEqual(['controller data 7 skipping', 'service controller 2 reverse', 'controller service 40 allowed']);
  });

  it('above four violating pairs, a from × to matrix instead of crossing arcs', () => {
    const layers = ['controller', 'service', 'repository', 'data'] as const;
    const all: LayerEdge[] = layers.flatMap((from) => layers.filter((to) => to !== from).map((to) => ({ from, to, count: 10 * layers.indexOf(from) + layers.indexOf(to), violation: layers.indexOf(to) !== layers.indexOf(from) + 1 })));
    expect(drawsArcs(all)).toBe(false);
    expect(drawsArcs(edges)).toBe(true);
    const svg = layerGraphSvg(all);
    expect(svg).not.toContain('class="edge violation"');
    expect(svg).toContain('>9 violating pairs of layers:<');
    expect(Number(/width="(\d+)"/.exec(svg)?.[1])).toBeLessThanOrEqual(600);
    const matrix = layerMatrixHtml(all);
    const rows = [...matrix.matchAll(/<tr><th>(\w+)<\/th>(.*?)<\/tr>/g)].map((match) => `${match[1] ?? ''}: ${(match[2] ?? '').replace(/<[^>]+>/g, '|').replace(/\|+/g, '|')}`);
    expect(rows).toEqual([
      'controller: |·|1|2 skipping|3 skipping|',
      'service: |10 reverse|·|12|13 skipping|',
      'repository: |20 reverse|21 reverse|·|23|',
      'data: |30 reverse|31 reverse|32 reverse|·|',
    ]);
    const page = formatHtml({ ...result(), layerGraph: { edges: all } });
    expect(page).toContain('<table class="layer-matrix">');
    expect(formatHtml({ ...result(), layerGraph: { edges } })).not.toContain('layer-matrix"');
  });
});
