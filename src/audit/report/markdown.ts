import { formatChain, type AuditResult } from '../findings.js';
import { layerGraphMermaid } from './diagram.js';
import { ruleInfo } from './rule-info.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Markdown for pull-request comments and wikis: summary, findings, route table, layer graph (Mermaid). */
export function formatMarkdown(result: AuditResult): string {
  const { summary } = result;
  const out: string[] = [
    `# backend-patterns audit: ${cell(result.root)}`,
    '',
    `**${String(summary.errors)}** errors, **${String(summary.warnings)}** warnings, ${String(summary.baselined)} baselined, in ${String(summary.files)} files.`,
    '',
    '## Findings',
    '',
  ];
  const live = result.findings.filter((finding) => !finding.baselined);
  if (live.length === 0) out.push('No findings.');
  else {
    out.push('| Location | Rule | Severity | Message |', '| --- | --- | --- | --- |');
    for (const finding of live) {
      const path = finding.chain !== undefined && finding.chain.length > 1 ? `<br>Path: ${cell(formatChain(finding.chain))}` : '';
      out.push(`| \`${cell(finding.file)}:${String(finding.line)}\` | [${finding.ruleId}](${ruleInfo(finding.ruleId).helpUri}) | ${finding.severity} | ${cell(finding.message)}${path} |`);
    }
  }
  out.push('', '## Routes', '');
  if (result.routes.length === 0) out.push('No routes found.');
  else {
    out.push('| Method | Path | Handler | Layers | Auth |', '| --- | --- | --- | --- | --- |');
    for (const route of result.routes) {
      const verdict = route.auth.length > 0 ? route.auth.join(', ') : route.public ? 'public' : '**none**';
      const auth = route.authEvidence === undefined ? verdict : `${verdict} (${route.authEvidence})`;
      out.push(`| ${route.method} | \`${cell(route.path)}\` | ${cell(route.handler)} (\`${cell(route.file)}:${String(route.line)}\`) | ${cell(route.layers.join(' → '))} | ${cell(auth)} |`);
    }
  }
  out.push('', '## Layer graph', '', '```mermaid', layerGraphMermaid(result.layerGraph.edges), '```', '');
  return out.join('\n');
}
