import { formatChain, type AuditResult } from '../findings.js';
import { escapeXml as escape, layerGraphSvg } from './diagram.js';
import { ruleInfo } from './rule-info.js';

/** A self-contained HTML page (inline CSS and SVG, no scripts, no network): summary, layer graph, routes, findings. */
export function formatHtml(result: AuditResult): string {
  const { summary } = result;
  const live = result.findings.filter((finding) => !finding.baselined);
  const findingRows = live.map((finding) => {
    const path = finding.chain !== undefined && finding.chain.length > 1 ? `<div class="chain">${escape(formatChain(finding.chain))}</div>` : '';
    const fix = finding.fix === undefined ? '' : `<div class="fix">Fix: ${escape(finding.fix)}</div>`;
    return `<tr class="${finding.severity}"><td><code>${escape(finding.file)}:${String(finding.line)}:${String(finding.column)}</code></td><td><a href="${escape(ruleInfo(finding.ruleId).helpUri)}">${escape(finding.ruleId)}</a></td><td>${finding.severity}</td><td>${escape(finding.message)}${path}${fix}</td></tr>`;
  });
  const routeRows = result.routes.map((route) => {
    const verdict = route.auth.length > 0 ? escape(route.auth.join(', ')) : route.public ? '<span class="public">public</span>' : '<span class="none">none</span>';
    const auth = route.authEvidence === undefined ? verdict : `${verdict}<br><small>${escape(route.authEvidence)}</small>`;
    return `<tr><td>${escape(route.method)}</td><td><code>${escape(route.path)}</code></td><td>${escape(route.handler)}<br><small><code>${escape(route.file)}:${String(route.line)}</code></small></td><td>${escape(route.layers.join(' → '))}</td><td>${auth}</td></tr>`;
  });
  const explainRows = (result.explain ?? []).map((entry) => {
    const scopes = entry.scopes.map((scope) => `<div><code>:${String(scope.line)}</code> ${escape(scope.name)}: ${scope.layer} <small>(${escape(scope.evidence.join('; '))})</small></div>`).join('');
    const dependencies = entry.dependencies.map((dependency) => `<div><code>:${String(dependency.line)}</code> ${dependency.kind} ${dependency.from} → ${dependency.to} <code>${escape(dependency.target)}</code>: ${escape(dependency.verdict)}</div>`).join('');
    return `<tr><td><code>${escape(entry.file)}</code></td><td>${entry.layer ?? 'none'}</td><td>${escape(entry.evidence.join('; '))}${scopes}${dependencies}</td></tr>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>backend-patterns audit: ${escape(result.root)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111827; max-width: 1200px; }
h1 { font-size: 1.5rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #e5e7eb; padding-bottom: .3rem; }
.summary { display: flex; gap: 1rem; } .summary div { background: #f3f4f6; border-radius: 8px; padding: .6rem 1rem; }
.summary strong { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { text-align: left; border-bottom: 1px solid #e5e7eb; padding: .4rem; vertical-align: top; }
tr.error td:nth-child(3) { color: #dc2626; font-weight: 600; } tr.warning td:nth-child(3) { color: #d97706; font-weight: 600; }
.chain { color: #2563eb; margin-top: .3rem; font-family: ui-monospace, monospace; font-size: .8rem; } .fix { color: #047857; margin-top: .3rem; }
.none { color: #dc2626; font-weight: 600; } .public { color: #6b7280; }
</style>
</head>
<body>
<h1>backend-patterns audit: ${escape(result.root)}</h1>
<div class="summary"><div><strong>${String(summary.errors)}</strong>errors</div><div><strong>${String(summary.warnings)}</strong>warnings</div><div><strong>${String(summary.baselined)}</strong>baselined</div><div><strong>${String(summary.files)}</strong>files</div><div><strong>${String(result.routes.length)}</strong>routes</div></div>
<h2>Layer graph</h2>
<figure id="layer-graph">${layerGraphSvg(result.layerGraph.edges)}<figcaption>Grey: allowed dependencies. Red: reverse (dashed) or skipping dependencies; numbers count file-level dependencies.</figcaption></figure>
<h2>Routes</h2>
<table id="routes"><thead><tr><th>Method</th><th>Path</th><th>Handler</th><th>Layers</th><th>Auth</th></tr></thead><tbody>
${routeRows.join('\n')}
</tbody></table>
<h2>Findings</h2>
${live.length === 0 ? '<p>No findings.</p>' : `<table id="findings"><thead><tr><th>Location</th><th>Rule</th><th>Severity</th><th>Message</th></tr></thead><tbody>\n${findingRows.join('\n')}\n</tbody></table>`}
<h2>Layers explained</h2>
<details id="explain"><summary>${String(explainRows.length)} files with a layer, evidence or layer dependencies</summary><table><thead><tr><th>File</th><th>Layer</th><th>Evidence and dependencies</th></tr></thead><tbody>
${explainRows.join('\n')}
</tbody></table></details>
<footer><p><small>${escape(result.tool.name)} ${escape(result.tool.version)}</small></p></footer>
</body>
</html>
`;
}
