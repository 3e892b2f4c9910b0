import { ts } from 'ts-morph';
import type { LayerDependencyStatus } from './checks/layer-dependencies.js';
import { isFunctionNode } from './facts.js';
import type { AuditResult, ExplainedFile, LayerNodeName } from './findings.js';
import type { CallGraph } from './graph.js';
import { relativePath } from './load-project.js';

/**
 * `--explain`: why the audit decided what it decided. For each file: its layer and the evidence
 * (path, routes registered, the DB client it creates), the classes and functions whose own layer
 * differs from the file's (a route handler, a repository class in a routes file), and its layer
 * dependencies with what the check made of each.
 */
export function explainFiles(graph: CallGraph, files: readonly ts.SourceFile[], dependencies: readonly LayerDependencyStatus[]): ExplainedFile[] {
  const byFile = new Map<string, LayerDependencyStatus[]>();
  for (const dependency of dependencies) byFile.set(dependency.fromFile, [...(byFile.get(dependency.fromFile) ?? []), dependency]);
  const explained: ExplainedFile[] = [];
  for (const file of files) {
    const path = relativePath(graph.root, file.fileName);
    const verdict = graph.layers.fileVerdict(file);
    const scopes: { name: string; line: number; layer: LayerNodeName; evidence: string[] }[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isClassLike(node) || isFunctionNode(node)) {
        const own = ts.isClassLike(node) ? graph.layers.classVerdict(node) : graph.layers.functionVerdict(node);
        if (own.layer !== undefined) {
          const info = isFunctionNode(node) ? graph.functionInfo(node) : undefined;
          const name = info?.name ?? (ts.isClassLike(node) ? `class ${node.name?.text ?? '(anonymous)'}` : '(anonymous)');
          scopes.push({ name, line: graph.location(node).line, layer: own.layer, evidence: [...own.evidence] });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    const own = byFile.get(path) ?? [];
    if (verdict.layer === undefined && verdict.evidence.length === 0 && scopes.length === 0 && own.length === 0) continue;
    explained.push({
      file: path,
      layer: verdict.layer ?? null,
      evidence: [...verdict.evidence],
      scopes,
      dependencies: own.map((dependency) => ({ line: dependency.line, from: dependency.from, to: dependency.to, target: dependency.toKey, kind: dependency.kind, verdict: dependency.status })),
    });
  }
  return explained;
}

/** The `--explain` text: every explained file, or the one asked for, with the routes declared in it and where their auth comes from. */
export function formatExplain(result: AuditResult, only?: string): string {
  const wanted = only === undefined ? undefined : only.replaceAll('\\', '/').replace(/^\.\//, '');
  const files = (result.explain ?? []).filter((entry) => wanted === undefined || entry.file === wanted || entry.file.endsWith(`/${wanted}`));
  const lines: string[] = [];
  if (files.length === 0) {
    lines.push(wanted === undefined ? 'No file has a layer.' : `${wanted}: not audited, or no layer, evidence or dependency to explain.`);
  }
  for (const entry of files) {
    lines.push(`${entry.file}: ${entry.layer ?? 'no layer'}${entry.evidence.length === 0 ? '' : ` (${entry.evidence.join('; ')})`}`);
    for (const scope of entry.scopes) lines.push(`  ${String(scope.line)}  ${scope.name}: ${scope.layer} (${scope.evidence.join('; ')})`);
    for (const dependency of entry.dependencies) {
      lines.push(`  ${String(dependency.line)}  ${dependency.kind} ${dependency.from} → ${dependency.to} ${dependency.target}: ${dependency.verdict}`);
    }
    for (const route of result.routes.filter((candidate) => candidate.file === entry.file)) {
      const auth = route.auth.length > 0 ? route.auth.join(', ') : route.public ? 'public' : 'none';
      lines.push(`  ${String(route.line)}  route ${route.method} ${route.path} → ${route.handler}; auth: ${auth}${route.authEvidence === undefined ? '' : ` (${route.authEvidence})`}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
