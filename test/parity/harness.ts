import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter, type ESLint } from 'eslint';
import { Project, ts } from 'ts-morph';
import { expect } from 'vitest';
import path from 'node:path';
import requireRouteAuth from '../../rules/require-route-auth.js';
import { outsideRequestPath as auditOutsideRequestPath } from '../../src/audit/code-context.js';
import { buildChain as auditChain, chainNames as auditChainNames, enclosingLoop as auditLoop, isOutermostChain as auditOutermost, skipWrappers, type CallLike as AuditCall } from '../../src/audit/facts.js';
import { CallGraph } from '../../src/audit/graph.js';
import { routeTable } from '../../src/audit/routes.js';
import { loopFactOf as auditLoopFact } from '../../src/audit/loop-facts.js';
import { iterationExemption, queryExemption, queryInLoopExemption } from '../../src/core/classify/loop.js';
import { classifyRouteRegistration } from '../../src/core/classify/layer.js';
import { classifyQuery } from '../../src/core/classify/query.js';
import { matchRegistrar } from '../../src/core/classify/routes.js';
import type { ChainFact, LoopFact } from '../../src/core/facts.js';
import { DEFAULT_SETTINGS, resolveSettings } from '../../src/core/settings.js';
import { outsideRequestPath } from '../../src/eslint/code-context.js';
import { buildChain as eslintChain, chainNames as eslintChainNames, isOutermostChain as eslintOutermost, type CallLike as EslintCall } from '../../src/eslint/facts.js';
import { fileLayers } from '../../src/eslint/layers.js';
import { loopFactOf as eslintLoopFact } from '../../src/eslint/loop-facts.js';
import { enclosingLoop as eslintLoop } from '../../src/eslint/loops.js';
import { settingsOf } from '../../src/eslint/settings.js';
import { writeTempProject } from '../helpers/temp-project.js';

/**
 * Runs a snippet through both adapters, the ESLint one (ESTree) and the audit one (TypeScript AST),
 * and collects for every call chain what each built (the chain fact with its values, awaited-ness
 * and receiver binding; the loop fact when the call runs in a loop) and what core judged of it (the
 * query verdict, the per-iteration exemptions). The two lists must be identical.
 */
export interface Observed {
  readonly at: string;
  readonly chain: unknown;
  readonly verdict: unknown;
  readonly loop?: unknown;
  readonly judged?: unknown;
}

/** A fact as plain data: lazy properties read, `undefined`-valued ones dropped (an unset field either way). */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown;
}

function observe(at: string, chain: ChainFact, outermost: boolean, loop: LoopFact | undefined): Observed {
  const match = outermost ? classifyQuery(chain, { settings: DEFAULT_SETTINGS }) : undefined;
  const verdict = match === undefined ? undefined : { library: match.library, access: match.access, label: match.label, evidence: match.evidence, activeRecord: match.activeRecord, batched: match.batched, paginated: match.paginated };
  const judged = loop === undefined ? undefined : {
    iteration: iterationExemption(loop),
    ...(match === undefined ? {} : { query: queryExemption(match, chain), inLoop: queryInLoopExemption(match, chain, loop) }),
  };
  return { at, chain: plain(chain), verdict: plain(verdict), ...(loop === undefined ? {} : { loop: plain(loop), judged: plain(judged) }) };
}

export function viaEslint(code: string): Observed[] {
  const observed: Observed[] = [];
  const rule: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      const { sourceCode } = context;
      const visit = (node: EslintCall): void => {
        const chain = eslintChain(node, { sourceCode }).fact;
        const loop = eslintLoop(node, sourceCode);
        observed.push(observe(`${String(node.loc.start.line)}:${String(node.loc.start.column)}`, chain, eslintOutermost(node), loop === undefined ? undefined : eslintLoopFact(node, loop, sourceCode)));
      };
      return { CallExpression: visit, NewExpression: visit, TaggedTemplateExpression: visit };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const plugin = { rules: { facts: rule } } as unknown as ESLint.Plugin;
  const messages = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { parity: plugin }, rules: { 'parity/facts': 'error' } }], { filename: 'snippet.ts' });
  expect(messages.filter((message) => message.fatal === true)).toEqual([]);
  return observed.sort(byPosition);
}

export function viaAudit(code: string): Observed[] {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { experimentalDecorators: true } });
  const file = project.createSourceFile('snippet.ts', code).compilerNode;
  const observed: Observed[] = [];
  const visit = (node: ts.Node): void => {
    // `import('x')` is an ImportExpression in ESTree, no call.
    const isImport = ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) && !isImport) {
      const call: AuditCall = node;
      const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
      const loop = auditLoop(call);
      observed.push(observe(`${String(line + 1)}:${String(character)}`, auditChain(call), auditOutermost(call), loop === undefined ? undefined : auditLoopFact(call, loop)));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return observed.sort(byPosition);
}

function byPosition(a: Observed, b: Observed): number {
  return byAt(a, b) || JSON.stringify(a.chain).length - JSON.stringify(b.chain).length;
}

/** What the ESLint adapter observed, required non-empty and identical to what the audit adapter observed. */
function expectIdentical<T>(eslint: T[], audit: T[]): T[] {
  expect(eslint.length).toBeGreaterThan(0);
  expect(audit).toStrictEqual(eslint);
  return eslint;
}

/** Both adapters, compared: identical facts and verdicts, call for call. */
export function expectParity(code: string): Observed[] {
  return expectIdentical(viaEslint(code), viaAudit(code));
}

// ── Scopes, code context and routes ───────────────────────────────────────────────────────────

/**
 * A snippet placed in a project on disk: `file` is its path under the project root (the layer
 * globs and the code-context path words read it), `files` are other files written beside it (a
 * package.json), `settings` the `backend-patterns` settings both engines get.
 */
export interface PlacedSnippet {
  readonly file: string;
  readonly code: string;
  readonly files?: Readonly<Record<string, string>>;
  readonly settings?: Record<string, unknown>;
}

/** Per call: the layer of the code it sits in, and why that code serves no request (if it does not). */
export interface ScopeObserved {
  readonly at: string;
  readonly layer: string | undefined;
  readonly outside: string | undefined;
}

function place(snippet: PlacedSnippet): { root: string; file: string } {
  const root = writeTempProject('backend-patterns-parity-', snippet.files ?? {});
  return { root, file: path.join(root, snippet.file) };
}

function lintPlaced(snippet: PlacedSnippet, root: string, file: string, rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>>): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: root });
  const plugin = { rules } as unknown as ESLint.Plugin;
  const config: Linter.Config[] = [{
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
    plugins: { parity: plugin },
    rules: Object.fromEntries(Object.keys(rules).map((name) => [`parity/${name}`, 'error'])),
    settings: { 'backend-patterns': snippet.settings ?? {} },
  }];
  const messages = linter.verify(snippet.code, config, { filename: file });
  expect(messages.filter((message) => message.fatal === true)).toEqual([]);
  return messages;
}

function auditGraph(snippet: PlacedSnippet, root: string, file: string): { graph: CallGraph; source: ts.SourceFile } {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { experimentalDecorators: true } });
  const source = project.createSourceFile(file, snippet.code);
  const graph = new CallGraph(project, [source], root, resolveSettings({ 'backend-patterns': snippet.settings ?? {} }));
  return { graph, source: source.compilerNode };
}

function scopesViaEslint(snippet: PlacedSnippet, root: string, file: string): ScopeObserved[] {
  const observed: ScopeObserved[] = [];
  const rule: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      const visit = (node: EslintCall): void => {
        observed.push({ at: `${String(node.loc.start.line)}:${String(node.loc.start.column)}`, layer: fileLayers(context, settingsOf(context)).layerOf(node), outside: outsideRequestPath(context, node) });
      };
      return { CallExpression: visit, NewExpression: visit, TaggedTemplateExpression: visit };
    },
  };
  lintPlaced(snippet, root, file, { scopes: rule });
  return observed.sort(byAt);
}

function scopesViaAudit(snippet: PlacedSnippet, root: string, file: string): ScopeObserved[] {
  const { graph, source } = auditGraph(snippet, root, file);
  const observed: ScopeObserved[] = [];
  const visit = (node: ts.Node): void => {
    const isImport = ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) && !isImport) {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
      observed.push({ at: `${String(line + 1)}:${String(character)}`, layer: graph.layerAt(node), outside: auditOutsideRequestPath(node, root) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return observed.sort(byAt);
}

function byAt(a: { at: string }, b: { at: string }): number {
  const [lineA = 0, columnA = 0] = a.at.split(':').map(Number);
  const [lineB = 0, columnB = 0] = b.at.split(':').map(Number);
  return lineA - lineB || columnA - columnB;
}

/** Both adapters, compared: for every call, the same layer of code and the same code-context verdict. */
export function expectScopeParity(snippet: PlacedSnippet): ScopeObserved[] {
  const { root, file } = place(snippet);
  return expectIdentical(scopesViaEslint(snippet, root, file), scopesViaAudit(snippet, root, file));
}

/** Per call: how core classifies it as a route registration, and the configured registrar it matches. */
export interface RouteCallObserved {
  readonly at: string;
  readonly registration: unknown;
  readonly registrar: string | undefined;
}

/** An unprotected route: `line METHOD path` (the path as the rule writes it, `(dynamic)` when not literal). */
export type RouteVerdict = string;

export interface RouteObserved {
  readonly calls: readonly RouteCallObserved[];
  readonly unprotected: readonly RouteVerdict[];
}

function registrationCallsViaEslint(snippet: PlacedSnippet, root: string, file: string): RouteCallObserved[] {
  const observed: RouteCallObserved[] = [];
  const rule: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      const { sourceCode } = context;
      const settings = settingsOf(context);
      return {
        CallExpression(node) {
          const registration = classifyRouteRegistration(eslintChain(node, { sourceCode }).fact);
          const registrar = matchRegistrar(eslintChainNames(node.callee), settings)?.call;
          if (registration !== undefined || registrar !== undefined) observed.push({ at: `${String(node.loc.start.line)}:${String(node.loc.start.column)}`, registration: plain(registration), registrar });
        },
      };
    },
  };
  lintPlaced(snippet, root, file, { registrations: rule });
  return observed.sort(byAt);
}

function registrationCallsViaAudit(snippet: PlacedSnippet, root: string, file: string): RouteCallObserved[] {
  const { graph, source } = auditGraph(snippet, root, file);
  const observed: RouteCallObserved[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind !== ts.SyntaxKind.ImportKeyword) {
      const registration = classifyRouteRegistration(auditChain(node));
      const registrar = matchRegistrar(auditChainNames(skipWrappers(node.expression)), graph.settings)?.call;
      if (registration !== undefined || registrar !== undefined) {
        const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
        observed.push({ at: `${String(line + 1)}:${String(character)}`, registration: plain(registration), registrar });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return observed.sort(byAt);
}

/** The routes `require-route-auth` reports: `line METHOD path`, one per method. */
function unprotectedViaRule(snippet: PlacedSnippet, root: string, file: string): RouteVerdict[] {
  const messages = lintPlaced(snippet, root, file, { 'require-route-auth': requireRouteAuth });
  return messages.flatMap((message) => {
    const route = /'([^']+)'/.exec(message.message)?.[1] ?? '';
    const [verbs = '', ...rest] = route.split(' ');
    const written = rest.join(' ');
    const routePath = written === '(dynamic path)' ? '(dynamic)' : written;
    return verbs.split('|').map((verb) => `${String(message.line)} ${verb} ${routePath}`);
  }).sort();
}

/** The routes the audit's route table shows with no auth and not public: `line METHOD path`. */
function unprotectedViaTable(snippet: PlacedSnippet, root: string, file: string): RouteVerdict[] {
  const { graph, source } = auditGraph(snippet, root, file);
  return routeTable(graph, [source])
    .filter((route) => route.auth.length === 0 && !route.public)
    .map((route) => `${String(route.line)} ${route.method} ${route.path}`)
    .sort();
}

/**
 * Both engines, compared on routes: every call classified alike as a registration (and matched
 * alike against configured registrars), and the same routes judged unprotected by the rule and
 * by the audit's route table.
 */
export function expectRouteParity(snippet: PlacedSnippet, options: { readonly mounted?: boolean } = {}): RouteObserved {
  const { root, file } = place(snippet);
  const calls = registrationCallsViaEslint(snippet, root, file);
  expect(registrationCallsViaAudit(snippet, root, file)).toStrictEqual(calls);
  const unprotected = unprotectedViaRule(snippet, root, file);
  const table = unprotectedViaTable(snippet, root, file);
  if (options.mounted === true) {
    // A mount prefix written in the same file is in the table's full path, not in the path as written.
    expect(table.map(withoutPath)).toStrictEqual(unprotected.map(withoutPath));
    table.forEach((row, index) => {
      expect(row.endsWith(unprotected[index]?.split(' ').slice(2).join(' ') ?? '(none)')).toBe(true);
    });
  } else {
    expect(table).toStrictEqual(unprotected);
  }
  return { calls, unprotected };
}

function withoutPath(verdict: RouteVerdict): string {
  return verdict.split(' ').slice(0, 2).join(' ');
}
