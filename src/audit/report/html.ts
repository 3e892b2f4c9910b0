import { formatChain, type AuditResult, type ReportedFinding } from '../findings.js';
import { drawsArcs, escapeXml as escape, layerEdgeRows, layerGraphSvg, layerMatrixHtml } from './diagram.js';
import { ruleInfo } from './rule-info.js';
import { folderKeys, summarize, type SummaryRow } from './summary.js';

/** Route tables longer than this start collapsed. */
const OPEN_ROUTES = 50;
/** Summary tables show this many rows; the rest sit in a collapsed part of the table. */
const SUMMARY_ROWS = 15;

/** A path that wraps after its slashes before anywhere else. */
function breakable(file: string): string {
  return escape(file).replace(/\//g, '/<wbr>');
}

function count(value: number): string {
  return value === 0 ? '<td class="num zero">0</td>' : `<td class="num">${String(value)}</td>`;
}

function summaryRows(rows: readonly SummaryRow[], filter: 'rule' | 'folder', label: (key: string) => string): string {
  const html = rows.map((row) => `<tr><td>${label(row.key)}</td>${count(row.errors)}${count(row.warnings)}${count(row.total)}<td><button type="button" class="show" data-filter="${filter}" data-value="${escape(row.key)}">show</button></td></tr>`);
  if (html.length <= SUMMARY_ROWS + 1) return `<tbody>\n${html.join('\n')}\n</tbody>`;
  // The rest in a second body, hidden until asked for (the page stays readable with hundreds of folders).
  return `<tbody>\n${html.slice(0, SUMMARY_ROWS).join('\n')}\n</tbody><tbody class="more" hidden>\n${html.slice(SUMMARY_ROWS).join('\n')}\n</tbody><tbody><tr><td colspan="5"><button type="button" class="more-rows">${String(html.length - SUMMARY_ROWS)} more</button></td></tr></tbody>`;
}

function findingRow(finding: ReportedFinding, folderOf: (file: string) => string): string {
  const path = finding.chain !== undefined && finding.chain.length > 1 ? `<div class="chain">${escape(formatChain(finding.chain))}</div>` : '';
  const fix = finding.fix === undefined ? '' : `<div class="fix">Fix: ${escape(finding.fix)}</div>`;
  const folder = folderOf(finding.file);
  return `<tr class="finding ${finding.severity}" data-rule="${escape(finding.ruleId)}" data-severity="${finding.severity}" data-folder="${escape(folder)}" data-file="${escape(finding.file)}"><td><code>${breakable(finding.file)}:<wbr>${String(finding.line)}:${String(finding.column)}</code></td><td><a href="${escape(ruleInfo(finding.ruleId).helpUri)}">${escape(finding.ruleId)}</a></td><td class="sev">${finding.severity}</td><td>${escape(finding.message)}${path}${fix}</td></tr>`;
}

function options(values: readonly string[]): string {
  return values.map((value) => `<option value="${escape(value)}">${escape(value)}</option>`).join('');
}

/** Filtering and grouping of the findings table; the table reads the same without it. */
const SCRIPT = `(() => {
  const body = document.querySelector('#findings tbody');
  if (!body) return;
  const rows = Array.from(body.querySelectorAll('tr.finding'));
  const controls = { rule: document.getElementById('f-rule'), severity: document.getElementById('f-severity'), folder: document.getElementById('f-folder'), text: document.getElementById('f-text'), group: document.getElementById('f-group') };
  const shown = document.getElementById('f-count');
  function apply() {
    const rule = controls.rule.value, severity = controls.severity.value, folder = controls.folder.value, text = controls.text.value.trim().toLowerCase(), group = controls.group.value;
    const groups = new Map();
    let visible = 0;
    for (const row of rows) {
      const match = (!rule || row.dataset.rule === rule) && (!severity || row.dataset.severity === severity) && (!folder || row.dataset.folder === folder) && (!text || row.textContent.toLowerCase().includes(text));
      row.hidden = !match;
      if (!match) continue;
      visible += 1;
      const key = group ? row.dataset[group] : '';
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(row);
    }
    body.textContent = '';
    const keys = Array.from(groups.keys());
    if (group) keys.sort((a, b) => groups.get(b).length - groups.get(a).length || a.localeCompare(b));
    for (const key of keys) {
      if (group) {
        const header = document.createElement('tr');
        header.className = 'group';
        const cell = document.createElement('th');
        cell.colSpan = 4;
        cell.textContent = key + ' (' + groups.get(key).length + ')';
        header.appendChild(cell);
        body.appendChild(header);
      }
      for (const row of groups.get(key)) body.appendChild(row);
    }
    for (const row of rows) if (row.hidden) body.appendChild(row);
    shown.textContent = visible === rows.length ? 'all ' + rows.length + ' findings' : visible + ' of ' + rows.length + ' findings';
  }
  for (const control of Object.values(controls)) control.addEventListener('input', apply);
  for (const button of document.querySelectorAll('button.more-rows')) {
    button.addEventListener('click', () => {
      const more = button.closest('table').querySelector('tbody.more');
      more.hidden = !more.hidden;
      button.textContent = more.hidden ? more.rows.length + ' more' : 'fewer';
    });
  }
  for (const button of document.querySelectorAll('button.show')) {
    button.addEventListener('click', () => {
      controls[button.dataset.filter].value = button.dataset.value;
      apply();
      document.getElementById('findings-section').scrollIntoView();
    });
  }
  document.getElementById('f-reset').addEventListener('click', () => {
    for (const name of ['rule', 'severity', 'folder', 'text']) controls[name].value = '';
    apply();
  });
  // A link can carry the view: ?rule=…&severity=…&folder=…&text=…&group=…&open=routes-section
  const query = new URLSearchParams(location.search);
  for (const [name, control] of Object.entries(controls)) if (query.has(name)) control.value = query.get(name);
  for (const id of query.getAll('open')) document.getElementById(id)?.setAttribute('open', '');
  apply();
})();`;

const STYLE = `*, *::before, *::after { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 1.5rem; color: #111827; max-width: 1240px; line-height: 1.4; }
h1 { font-size: 1.5rem; overflow-wrap: anywhere; } h2 { margin-top: 2rem; border-bottom: 1px solid #e5e7eb; padding-bottom: .3rem; }
code { font-family: ui-monospace, monospace; font-size: .85em; white-space: pre-wrap; overflow-wrap: anywhere; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem; } .summary div { background: #f3f4f6; border-radius: 8px; padding: .6rem 1rem; }
.summary strong { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; table-layout: fixed; }
th, td { text-align: left; border-bottom: 1px solid #e5e7eb; padding: .4rem; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; } td.zero { color: #9ca3af; }
tr.error .sev { color: #dc2626; font-weight: 600; } tr.warning .sev { color: #d97706; font-weight: 600; }
tr.group th { background: #f3f4f6; font-weight: 600; padding-top: .6rem; }
.chain { color: #2563eb; margin-top: .3rem; font-family: ui-monospace, monospace; font-size: .8rem; } .fix { color: #047857; margin-top: .3rem; }
.none { color: #dc2626; font-weight: 600; } .public { color: #6b7280; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 1.5rem; align-items: start; }
.columns > * { min-width: 0; }
.controls { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; margin: .8rem 0; }
.controls label { display: flex; flex-direction: column; font-size: .8rem; color: #374151; gap: .2rem; }
.controls select, .controls input { font: inherit; font-size: .9rem; max-width: 22rem; }
button { font: inherit; font-size: .8rem; cursor: pointer; }
figure { margin: 0; } figure svg { max-width: 100%; height: auto; }
.layer-matrix { width: auto; margin: .5rem 0; } .layer-matrix td, .layer-matrix th { padding: .3rem .8rem; } .layer-matrix td.violation { color: #dc2626; font-weight: 600; }
details > summary { cursor: pointer; margin: .5rem 0; }
#findings col.loc { width: 27%; } #findings col.rule { width: 17%; } #findings col.sev { width: 6.5rem; }
#routes col.method { width: 7%; } #routes col.path { width: 24%; } #routes col.handler { width: 30%; } #routes col.layers { width: 19%; }
col.n { width: 5.6rem; } col.b { width: 4.2rem; }
.rules td:first-child small { display: block; color: #4b5563; }`;

/**
 * A self-contained HTML page (inline CSS, SVG and script, no network): summary, findings counted
 * per rule (with each rule's docs) and per folder, the findings filterable and groupable by rule,
 * severity and folder, the layer graph with its dependencies as a table, the routes and the layer
 * evidence. Long paths and messages wrap, so the page does not scroll sideways.
 */
export function formatHtml(result: AuditResult): string {
  const { summary } = result;
  const live = result.findings.filter((finding) => !finding.baselined);
  const byRule = summarize(live, (finding) => finding.ruleId);
  const folderOf = folderKeys(live.map((finding) => finding.file));
  const byFolder = summarize(live, (finding) => folderOf(finding.file));
  const ruleLabel = (id: string): string => {
    const info = ruleInfo(id);
    return `<a href="${escape(info.helpUri)}">${escape(id)}</a><small>${escape(info.description)}</small>`;
  };
  const routeRows = result.routes.map((route) => {
    const verdict = route.auth.length > 0 ? escape(route.auth.join(', ')) : route.public ? '<span class="public">public</span>' : '<span class="none">none</span>';
    const auth = route.authEvidence === undefined ? verdict : `${verdict}<br><small>${escape(route.authEvidence)}</small>`;
    return `<tr><td>${escape(route.method)}</td><td><code>${escape(route.path)}</code></td><td>${escape(route.handler)}<br><small><code>${breakable(route.file)}:${String(route.line)}</code></small></td><td>${escape(route.layers.join(' → '))}</td><td>${auth}</td></tr>`;
  });
  const unauthenticated = result.routes.filter((route) => route.auth.length === 0 && !route.public).length;
  const explainRows = (result.explain ?? []).map((entry) => {
    const scopes = entry.scopes.map((scope) => `<div><code>:${String(scope.line)}</code> ${escape(scope.name)}: ${scope.layer} <small>(${escape(scope.evidence.join('; '))})</small></div>`).join('');
    const dependencies = entry.dependencies.map((dependency) => `<div><code>:${String(dependency.line)}</code> ${dependency.kind} ${dependency.from} → ${dependency.to} <code>${escape(dependency.target)}</code>: ${escape(dependency.verdict)}</div>`).join('');
    return `<tr><td><code>${breakable(entry.file)}</code></td><td>${entry.layer ?? 'none'}</td><td>${escape(entry.evidence.join('; '))}${scopes}${dependencies}</td></tr>`;
  });
  const findingsSection =
    live.length === 0
      ? '<p>No findings.</p>'
      : `<form class="controls" id="filters" onsubmit="return false">
<label>Rule<select id="f-rule"><option value="">all rules</option>${options(byRule.map((row) => row.key).sort())}</select></label>
<label>Severity<select id="f-severity"><option value="">all</option>${options(['error', 'warning'].filter((severity) => live.some((finding) => finding.severity === severity)))}</select></label>
<label>Folder<select id="f-folder"><option value="">all folders</option>${options(byFolder.map((row) => row.key).sort())}</select></label>
<label>Text<input id="f-text" type="search" placeholder="path, message…"></label>
<label>Group by<select id="f-group"><option value="">nothing</option><option value="rule">rule</option><option value="severity">severity</option><option value="folder">folder</option><option value="file">file</option></select></label>
<button type="button" id="f-reset">Reset</button> <output id="f-count">all ${String(live.length)} findings</output>
</form>
<table id="findings"><colgroup><col class="loc"><col class="rule"><col class="sev"><col></colgroup><thead><tr><th>Location</th><th>Rule</th><th>Severity</th><th>Message</th></tr></thead><tbody>
${live.map((finding) => findingRow(finding, folderOf)).join('\n')}
</tbody></table>`;
  const summaryHead = (key: string): string => `<thead><tr><th>${key}</th><th class="num">Errors</th><th class="num">Warnings</th><th class="num">Total</th><th></th></tr></thead>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>backend-patterns audit: ${escape(result.root)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>backend-patterns audit: ${escape(result.root)}</h1>
<div class="summary"><div><strong>${String(summary.errors)}</strong>errors</div><div><strong>${String(summary.warnings)}</strong>warnings</div><div><strong>${String(summary.baselined)}</strong>baselined</div><div><strong>${String(summary.files)}</strong>files</div><div><strong>${String(result.routes.length)}</strong>routes</div></div>
${
  live.length === 0
    ? ''
    : `<div class="columns">
<section><h2>Findings by rule</h2>
<table class="rules" id="by-rule"><colgroup><col><col class="n"><col class="n"><col class="n"><col class="b"></colgroup>${summaryHead('Rule')}
${summaryRows(byRule, 'rule', ruleLabel)}
</table></section>
<section><h2>Findings by folder</h2>
<table class="folders" id="by-folder"><colgroup><col><col class="n"><col class="n"><col class="n"><col class="b"></colgroup>${summaryHead('Folder')}
${summaryRows(byFolder, 'folder', (key) => `<code>${breakable(key)}</code>`)}
</table></section>
</div>`
}
<section id="findings-section"><h2>Findings</h2>
${findingsSection}
</section>
<section id="layer-graph-section"><h2>Layer graph</h2>
<figure id="layer-graph">${layerGraphSvg(result.layerGraph.edges)}${drawsArcs(result.layerGraph.edges) ? '' : layerMatrixHtml(result.layerGraph.edges)}<figcaption>Grey: allowed dependencies. Red: reverse (dashed) or skipping dependencies; numbers count file-level dependencies, one arrow per pair of layers (with more than four violating pairs, the matrix shows them).</figcaption></figure>
${layerEdgeRows(result.layerGraph.edges).length === 0 ? '' : `<details id="layer-edges"><summary>${String(result.layerGraph.edges.length)} layer dependencies as a table</summary><table><thead><tr><th>From</th><th>To</th><th class="num">File-level dependencies</th><th>Verdict</th></tr></thead><tbody>
${layerEdgeRows(result.layerGraph.edges).join('\n')}
</tbody></table></details>`}
</section>
<section id="route-table"><h2>Routes</h2>
<details id="routes-section"${result.routes.length <= OPEN_ROUTES ? ' open' : ''}><summary>${String(result.routes.length)} routes${unauthenticated > 0 ? `, <span class="none">${String(unauthenticated)} without auth</span>` : ''}</summary>
<table id="routes"><colgroup><col class="method"><col class="path"><col class="handler"><col class="layers"><col></colgroup><thead><tr><th>Method</th><th>Path</th><th>Handler</th><th>Layers</th><th>Auth</th></tr></thead><tbody>
${routeRows.join('\n')}
</tbody></table></details></section>
<h2>Layers explained</h2>
<details id="explain"><summary>${String(explainRows.length)} files with a layer, evidence or layer dependencies</summary><table><colgroup><col style="width:34%"><col style="width:10%"><col></colgroup><thead><tr><th>File</th><th>Layer</th><th>Evidence and dependencies</th></tr></thead><tbody>
${explainRows.join('\n')}
</tbody></table></details>
<footer><p><small>${escape(result.tool.name)} ${escape(result.tool.version)}</small></p></footer>
${live.length === 0 ? '' : `<script>\n${SCRIPT}\n</script>`}
</body>
</html>
`;
}
