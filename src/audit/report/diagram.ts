import type { LayerEdge, LayerNodeName } from '../findings.js';

const LAYERS: readonly LayerNodeName[] = ['controller', 'service', 'repository', 'data'];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

/** One edge per pair of layers, counts summed, in layer order (the check already aggregates; callers may not). */
export function aggregateEdges(edges: readonly LayerEdge[]): LayerEdge[] {
  const pairs = new Map<string, LayerEdge>();
  for (const edge of edges) {
    const key = `${edge.from}>${edge.to}`;
    const known = pairs.get(key);
    pairs.set(key, known === undefined ? edge : { ...known, count: known.count + edge.count, violation: known.violation || edge.violation });
  }
  return [...pairs.values()].sort((a, b) => LAYERS.indexOf(a.from) - LAYERS.indexOf(b.from) || LAYERS.indexOf(a.to) - LAYERS.indexOf(b.to));
}

/** The layer dependencies as HTML table rows (from, to, count, verdict), violations first, then by count. */
export function layerEdgeRows(edges: readonly LayerEdge[]): string[] {
  return aggregateEdges(edges)
    .sort((a, b) => Number(b.violation) - Number(a.violation) || b.count - a.count)
    .map((edge) => {
      const verdict = !edge.violation ? 'allowed' : LAYERS.indexOf(edge.to) < LAYERS.indexOf(edge.from) ? '<span class="none">reverse</span>' : '<span class="none">skipping</span>';
      return `<tr><td>${edge.from}</td><td>${edge.to}</td><td class="num">${String(edge.count)}</td><td>${verdict}</td></tr>`;
    });
}

/** Above this many violating pairs of layers the arcs would cross and hide their labels: the graph shows a matrix instead. */
export const MAX_ARCS = 4;

/** Whether the graph is drawn as arrows (few violating pairs) or as a from × to matrix. */
export function drawsArcs(edges: readonly LayerEdge[]): boolean {
  return aggregateEdges(edges).filter((edge) => edge.violation).length <= MAX_ARCS;
}

/**
 * The layer dependencies as a from × to matrix (an HTML table): each cell the number of file-level
 * dependencies, violating ones marked; legible however many pairs there are.
 */
export function layerMatrixHtml(input: readonly LayerEdge[]): string {
  const edges = aggregateEdges(input);
  const head = `<tr><th>from ↓ to →</th>${LAYERS.map((layer) => `<th class="num">${layer}</th>`).join('')}</tr>`;
  const rows = LAYERS.map((from) => {
    const cells = LAYERS.map((to) => {
      const edge = edges.find((candidate) => candidate.from === from && candidate.to === to);
      if (from === to || edge === undefined) return '<td class="num zero">·</td>';
      const kind = !edge.violation ? '' : LAYERS.indexOf(to) < LAYERS.indexOf(from) ? ' reverse' : ' skipping';
      return `<td class="num${edge.violation ? ' violation' : ''}" title="${from} → ${to}${kind}">${String(edge.count)}${kind}</td>`;
    });
    return `<tr><th>${from}</th>${cells.join('')}</tr>`;
  });
  return `<table class="layer-matrix"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The layer graph as an inline SVG: the four layers top to bottom, allowed dependencies as grey
 * arrows on the left, violating ones (reverse or skipping) as red arcs on the right, each labelled
 * with the number of file-level dependencies.
 */
export function layerGraphSvg(input: readonly LayerEdge[]): string {
  const edges = aggregateEdges(input);
  const boxWidth = 180;
  const boxHeight = 44;
  const gap = 46;
  const left = 150;
  // Violating arcs fan out to the right; with many, they sit closer so the graph stays within ~1,000 px.
  const step = Math.min(90, Math.floor(600 / Math.max(1, edges.filter((edge) => edge.violation).length)));
  const width = Math.max(560, left + boxWidth + 140 + (drawsArcs(edges) ? edges.filter((edge) => edge.violation).length * step : 0));
  const height = LAYERS.length * boxHeight + (LAYERS.length - 1) * gap + 40;
  const top = (layer: LayerNodeName): number => 20 + LAYERS.indexOf(layer) * (boxHeight + gap);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Layer dependency graph" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(width)} ${String(height)}" font-family="system-ui, sans-serif" font-size="14">`,
    '<defs><marker id="arrow-ok" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7280"/></marker>',
    '<marker id="arrow-bad" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#dc2626"/></marker></defs>',
  ];
  for (const layer of LAYERS) {
    const y = top(layer);
    parts.push(`<rect x="${String(left)}" y="${String(y)}" width="${String(boxWidth)}" height="${String(boxHeight)}" rx="8" fill="${layer === 'data' ? '#e0f2fe' : '#f3f4f6'}" stroke="#374151"/>`);
    parts.push(`<text x="${String(left + boxWidth / 2)}" y="${String(y + boxHeight / 2 + 5)}" text-anchor="middle" font-weight="600">${escapeXml(layer)}</text>`);
  }
  let violations = 0;
  const arcs = drawsArcs(edges);
  if (!arcs) {
    const count = edges.filter((edge) => edge.violation).length;
    parts.push(`<text x="${String(left + boxWidth + 30)}" y="${String(top('service') + boxHeight)}" fill="#dc2626" font-weight="600">${String(count)} violating pairs of layers:</text>`);
    parts.push(`<text x="${String(left + boxWidth + 30)}" y="${String(top('service') + boxHeight + 22)}" fill="#dc2626">see the matrix below</text>`);
  }
  for (const edge of edges) {
    const fromY = top(edge.from);
    const toY = top(edge.to);
    const down = toY > fromY;
    if (!edge.violation) {
      const x = left + boxWidth / 2 - 40;
      const y1 = down ? fromY + boxHeight : fromY;
      const y2 = down ? toY : toY + boxHeight;
      parts.push(`<line class="edge" x1="${String(x)}" y1="${String(y1)}" x2="${String(x)}" y2="${String(y2)}" stroke="#6b7280" stroke-width="2" marker-end="url(#arrow-ok)"/>`);
      parts.push(`<text x="${String(x - 8)}" y="${String((y1 + y2) / 2 + 5)}" text-anchor="end" fill="#374151">${String(edge.count)}</text>`);
      continue;
    }
    if (!arcs) continue;
    violations += 1;
    const startX = left + boxWidth;
    const y1 = fromY + boxHeight / 2 + (down ? 6 : -6);
    const y2 = toY + boxHeight / 2 + (down ? -6 : 6);
    const bulge = startX + 40 + violations * step;
    // A cubic Bézier with both control points at `bulge` peaks at three quarters of the way there.
    const peak = startX + 0.75 * (bulge - startX);
    parts.push(`<path class="edge violation" d="M${String(startX)},${String(y1)} C${String(bulge)},${String(y1)} ${String(bulge)},${String(y2)} ${String(startX + 4)},${String(y2)}" fill="none" stroke="#dc2626" stroke-width="2.5" stroke-dasharray="${down ? '0' : '6 4'}" marker-end="url(#arrow-bad)"/>`);
    parts.push(`<text x="${String(peak + 6)}" y="${String((y1 + y2) / 2 + 5 + (violations % 2 === 0 ? 16 : 0))}" fill="#dc2626" font-weight="600">${escapeXml(`${String(edge.count)} ${down ? 'skipping' : 'reverse'}`)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The same graph as a Mermaid flowchart, for Markdown hosts that render it. */
export function layerGraphMermaid(input: readonly LayerEdge[]): string {
  const edges = aggregateEdges(input);
  const lines = ['flowchart TD', ...LAYERS.map((layer) => `  ${layer}[${layer}]`)];
  const styles: string[] = [];
  edges.forEach((edge, index) => {
    lines.push(`  ${edge.from} -->|${String(edge.count)}${edge.violation ? ' ✖' : ''}| ${edge.to}`);
    if (edge.violation) styles.push(`  linkStyle ${String(index)} stroke:#dc2626,stroke-width:3px`);
  });
  return [...lines, ...styles].join('\n');
}

export { escapeXml };
