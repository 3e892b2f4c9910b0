#!/usr/bin/env node
// Joins the latest run (out/<config>[-typed]/*.json) with the verdicts (verdicts/*.jsonl) on
// (repo, path, line, rule) and prints precision per rule, counts per repo, and the verdicts whose
// finding is gone. npm run realworld:report -- [--config strict] [--typed] [--json]
import { findingKey, loadFindings, loadVerdicts, parseArgs } from './lib.mjs';

const options = parseArgs(process.argv.slice(2), { config: 'string', typed: 'boolean', json: 'boolean' });
const config = `${options.config ?? 'recommended'}${options.typed ? '-typed' : ''}`;
const { findings, runs } = loadFindings(config);
if (runs.length === 0) {
  console.error(`No run in bench/realworld/out/${config}: run \`npm run realworld -- --config ${options.config ?? 'recommended'}${options.typed ? ' --typed' : ''}\` first.`);
  process.exit(2);
}
const verdicts = loadVerdicts();
const latestVerdict = new Map();
for (const verdict of verdicts) {
  if (!['right', 'wrong', 'dismissable'].includes(verdict.verdict)) {
    console.error(`verdicts/${verdict.file}: unknown verdict ${JSON.stringify(verdict.verdict)} at ${verdict.path}:${verdict.line}`);
    continue;
  }
  latestVerdict.set(findingKey(verdict), verdict); // a later line overrides an earlier one
}
// Several findings of one rule on one line share a verdict.
const findingKeys = new Set(findings.map(findingKey));
const linted = new Set(runs.map((run) => run.repo));

const emptyRow = () => ({ findings: 0, triaged: 0, right: 0, wrong: 0, dismissable: 0 });
const perRule = new Map();
const perRepo = new Map();
for (const finding of findings) {
  const verdict = latestVerdict.get(findingKey(finding));
  for (const [table, key] of [[perRule, finding.rule], [perRepo, finding.repo]]) {
    const row = table.get(key) ?? emptyRow();
    row.findings += 1;
    if (verdict) {
      row.triaged += 1;
      row[verdict.verdict] += 1;
    }
    table.set(key, row);
  }
}
const finish = (row) => ({
  ...row,
  precision: row.triaged === 0 ? null : row.right / row.triaged,
  dismissablePct: row.triaged === 0 ? null : row.dismissable / row.triaged,
  untriaged: row.findings - row.triaged,
});
const rules = [...perRule].map(([rule, row]) => ({ rule, ...finish(row) })).sort((a, b) => b.findings - a.findings || a.rule.localeCompare(b.rule));
const repos = runs.map((run) => ({
  repo: run.repo,
  name: run.name,
  files: run.files,
  seconds: run.seconds,
  parseErrors: run.parseErrors.length,
  crashes: run.crashes.length,
  ...finish(perRepo.get(run.repo) ?? emptyRow()),
}));
// Verdicts of repos in this run whose finding is no longer reported (only rules the config has).
const rulesInRun = new Set(findings.map((f) => f.rule));
const gone = [...latestVerdict.values()].filter((v) => linted.has(v.repo) && !findingKeys.has(findingKey(v)));
const staleCommit = gone.filter((v) => runs.some((run) => run.repo === v.repo && run.commit !== v.commit));
const vanished = gone.filter((v) => !staleCommit.includes(v));
const fixedFalsePositives = vanished.filter((v) => v.verdict !== 'right');
const lostRecall = vanished.filter((v) => v.verdict === 'right');
const total = finish(rules.reduce((sum, row) => { for (const key of Object.keys(sum)) sum[key] += row[key]; return sum; }, emptyRow()));

if (options.json) {
  console.log(JSON.stringify({ config, rules, repos, total, fixedFalsePositives, lostRecall, staleCommit, rulesInRun: [...rulesInRun] }, null, 2));
  process.exit(0);
}
const pct = (value) => (value === null ? '-' : `${(value * 100).toFixed(0)}%`);
function table(rows, columns) {
  const widths = columns.map(([title, get]) => Math.max(title.length, ...rows.map((row) => String(get(row)).length)));
  const line = (cells) => cells.map((cell, index) => (index === 0 ? String(cell).padEnd(widths[index]) : String(cell).padStart(widths[index]))).join('  ');
  console.log(line(columns.map(([title]) => title)));
  for (const row of rows) console.log(line(columns.map(([, get]) => get(row))));
}
const counts = [
  ['findings', (r) => r.findings], ['triaged', (r) => r.triaged], ['right', (r) => r.right], ['wrong', (r) => r.wrong],
  ['dismissable', (r) => r.dismissable], ['precision', (r) => pct(r.precision)], ['dismiss%', (r) => pct(r.dismissablePct)], ['untriaged', (r) => r.untriaged],
];
console.log(`config ${config}: ${runs.length} repos, ${findings.length} findings, ${latestVerdict.size} verdicts\n`);
table([...rules, { rule: 'TOTAL', ...total }], [['rule', (r) => r.rule], ...counts]);
console.log('');
table(repos, [['repo', (r) => r.name], ['files', (r) => r.files], ['s', (r) => r.seconds], ['parseErr', (r) => r.parseErrors], ['crashes', (r) => r.crashes], ...counts]);
const list = (title, items) => {
  if (items.length === 0) return;
  console.log(`\n${title} (${items.length}):`);
  for (const v of items) console.log(`  ${v.verdict.padEnd(11)} ${v.rule}  ${v.repo} ${v.path}:${v.line}  ${v.cause ?? ''}`);
};
list('Verdicts whose finding disappeared, not "right" (fixed false positives / dismissables)', fixedFalsePositives);
list('LOST RECALL: "right" verdicts whose finding disappeared', lostRecall);
list('Verdicts on another commit than the run (re-triage or update repos.json)', staleCommit);
