import { ts } from 'ts-morph';
import { DB_PACKAGES } from '../../core/catalogs/db-clients.js';
import { packageNameOf } from '../../core/classify/names.js';
import { classifyDbInjection } from '../../core/classify/query.js';
import type { BackendPatternsSettings } from '../../core/settings.js';
import type { LayerName } from '../../core/settings.js';
import { isCallLike } from '../facts.js';
import type { Finding, LayerEdge, LayerNodeName } from '../findings.js';
import type { CallGraph } from '../graph.js';
import { relativePath } from '../load-project.js';
import type { CheckContext } from './check.js';

export const id = 'audit/layer-dependencies';

const RANK: Readonly<Record<LayerNodeName, number>> = { controller: 0, service: 1, repository: 2, data: 3 };
const NEXT: Readonly<Record<LayerName, LayerNodeName>> = { controller: 'service', service: 'repository', repository: 'data' };

/** One file-level dependency between layers, with the import or call that makes it. */
export interface LayerDependency {
  readonly fromFile: string;
  readonly from: LayerName;
  /** A project file, or `data` for the database. */
  readonly toKey: string;
  readonly to: LayerNodeName;
  readonly node: ts.Node;
  readonly kind: 'import' | 'call';
  readonly text: string;
}

function importedNamesOf(statement: ts.ImportDeclaration | ts.ExportDeclaration): { names: string[]; typeOnly: boolean } {
  if (ts.isExportDeclaration(statement)) {
    const names = statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause) ? statement.exportClause.elements.map((element) => (element.propertyName ?? element.name).text) : [];
    return { names, typeOnly: statement.isTypeOnly };
  }
  const clause = statement.importClause;
  if (clause === undefined) return { names: [], typeOnly: false };
  const names: string[] = [];
  const clauseTypeOnly = clause.phaseModifier === ts.SyntaxKind.TypeKeyword;
  let allType = clauseTypeOnly;
  let anyValue = false;
  if (clause.name !== undefined) {
    names.push(clause.name.text);
    anyValue = !clauseTypeOnly;
  }
  const bindings = clause.namedBindings;
  if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
    names.push(bindings.name.text);
    anyValue ||= !clauseTypeOnly;
  } else if (bindings !== undefined) {
    for (const element of bindings.elements) {
      names.push((element.propertyName ?? element.name).text);
      if (!element.isTypeOnly && !clauseTypeOnly) anyValue = true;
    }
  }
  if (!anyValue && names.length > 0) allType = true;
  return { names, typeOnly: allType };
}

/**
 * Type-only imports count when they hand the importer a collaborator: a class of the project
 * (a service or repository injected by its type) or a DB client type. Entity and DTO types do not.
 */
function countsAsDependency(statement: ts.ImportDeclaration | ts.ExportDeclaration, target: ts.SourceFile | undefined, settings: BackendPatternsSettings, specifier: string): boolean {
  const { names, typeOnly } = importedNamesOf(statement);
  if (!typeOnly) return true;
  if (target === undefined) return names.some((name) => classifyDbInjection({ decorators: [], typeName: name, typeSource: specifier }, settings)?.kind === 'client');
  return names.some((name) => target.statements.some((declaration) => ts.isClassDeclaration(declaration) && declaration.name?.text === name));
}

/** Every dependency of a layered file on another layer: its imports first, then its calls. */
export function layerDependencies(graph: CallGraph, files: readonly ts.SourceFile[]): LayerDependency[] {
  const dependencies: LayerDependency[] = [];
  for (const file of files) {
    const fromFile = relativePath(graph.root, file.fileName);
    const fileLayer = graph.layerOfSourceFile(file);
    for (const statement of file.statements) {
      if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || statement.moduleSpecifier === undefined || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const from = fileLayer ?? firstClassLayer(graph, file);
      if (from === undefined) continue;
      const specifier = statement.moduleSpecifier.text;
      const packageName = packageNameOf(specifier);
      if (packageName !== undefined && Object.hasOwn(DB_PACKAGES, packageName)) {
        if (countsAsDependency(statement, undefined, graph.settings, specifier)) dependencies.push({ fromFile, from, toKey: 'data', to: 'data', node: statement, kind: 'import', text: packageName });
        continue;
      }
      const target = graph.resolveModule(statement.moduleSpecifier);
      if (target === undefined) continue;
      const to = graph.layerOfSourceFile(target) ?? firstClassLayer(graph, target);
      if (to === undefined || !countsAsDependency(statement, target, graph.settings, specifier)) continue;
      dependencies.push({ fromFile, from, toKey: relativePath(graph.root, target.fileName), to, node: statement, kind: 'import', text: statement.getText(file) });
    }
    const visit = (node: ts.Node): void => {
      if (isCallLike(node)) {
        const from = graph.layerAt(node);
        if (from !== undefined) {
          const target = graph.resolveCall(node);
          if (target !== undefined) {
            const targetFile = target.node.getSourceFile();
            if (target.layer !== undefined && targetFile !== file) {
              dependencies.push({ fromFile, from, toKey: relativePath(graph.root, targetFile.fileName), to: target.layer, node, kind: 'call', text: target.name });
            }
          } else {
            const match = graph.query(node);
            if (match !== undefined && match.library !== 'repository') dependencies.push({ fromFile, from, toKey: 'data', to: 'data', node, kind: 'call', text: match.label });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return dependencies;
}

function firstClassLayer(graph: CallGraph, file: ts.SourceFile): LayerName | undefined {
  for (const statement of file.statements) {
    if (ts.isClassDeclaration(statement)) {
      const layer = graph.layerOfClassNode(statement);
      if (layer !== undefined) return layer;
    }
  }
  return undefined;
}

export function isViolation(from: LayerNodeName, to: LayerNodeName): boolean {
  return from !== to && (from === 'data' || to !== NEXT[from]);
}

/** Files reachable from `start` over the dependencies, for naming the cycle a reverse edge closes. */
function pathBetween(dependencies: readonly LayerDependency[], start: string, goal: string): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const dependency of dependencies) next.set(dependency.fromFile, [...(next.get(dependency.fromFile) ?? []), dependency.toKey]);
  const previous = new Map<string, string>([[start, '']]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift() ?? '';
    if (current === goal) {
      const path = [goal];
      for (let at = previous.get(goal) ?? ''; at !== ''; at = previous.get(at) ?? '') path.unshift(at);
      return path;
    }
    for (const following of next.get(current) ?? []) {
      if (!previous.has(following)) {
        previous.set(following, current);
        queue.push(following);
      }
    }
  }
  return undefined;
}

/**
 * Imports and calls go controller → service → repository → data only. Reports each reverse or
 * skipping dependency once per pair of files, at the import (or, without one, the first call) that
 * makes it, and names the cycle a reverse dependency closes.
 */
export function checkLayerDependencies(context: CheckContext): { findings: Finding[]; edges: LayerEdge[] } {
  const { graph, files } = context;
  const dependencies = layerDependencies(graph, files);
  const seen = new Set<string>();
  const unique = dependencies.filter((dependency) => {
    const key = `${dependency.fromFile}\0${dependency.toKey}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const findings: Finding[] = [];
  const counts = new Map<string, { from: LayerNodeName; to: LayerNodeName; count: number }>();
  for (const dependency of unique) {
    if (dependency.from === dependency.to) continue;
    const key = `${dependency.from}>${dependency.to}`;
    const entry = counts.get(key) ?? { from: dependency.from, to: dependency.to, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
    if (!isViolation(dependency.from, dependency.to)) continue;
    const reverse = RANK[dependency.to] < RANK[dependency.from];
    const cycle = reverse ? pathBetween(unique, dependency.toKey, dependency.fromFile) : undefined;
    const what = dependency.kind === 'import' ? 'imports' : `calls '${dependency.text}' in`;
    const target = dependency.to === 'data' ? (dependency.kind === 'import' ? `the database client '${dependency.text}'` : 'the database') : `${dependency.to} ${dependency.toKey}`;
    const advice = reverse
      ? `A ${dependency.from} must not depend on a ${dependency.to}: move the call up into the ${dependency.to} that uses this ${dependency.from}, or invert it with an event or callback.`
      : `A ${dependency.from} talks to the ${NEXT[dependency.from]} layer only: go through a ${NEXT[dependency.from]}${dependency.to === 'data' && dependency.from === 'controller' ? ' and a repository' : ''}.`;
    findings.push({
      ruleId: id,
      severity: 'error',
      ...graph.location(dependency.node),
      message: `${reverse ? 'Reverse' : 'Skipping'} layer dependency: this ${dependency.from} ${what} ${target}${cycle === undefined ? '' : `, closing the cycle ${[...cycle, dependency.toKey].join(' → ')}`}. ${advice}`,
      fix: advice,
    });
  }
  const edges: LayerEdge[] = [...counts.values()]
    .map((entry) => ({ ...entry, violation: isViolation(entry.from, entry.to) }))
    .sort((a, b) => RANK[a.from] - RANK[b.from] || RANK[a.to] - RANK[b.to]);
  return { findings, edges };
}
