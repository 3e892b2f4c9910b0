import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter, type ESLint } from 'eslint';
import { Project, ts } from 'ts-morph';
import { expect } from 'vitest';
import { buildChain as auditChain, enclosingLoop as auditLoop, isOutermostChain as auditOutermost, type CallLike as AuditCall } from '../../src/audit/facts.js';
import { loopFactOf as auditLoopFact } from '../../src/audit/loop-facts.js';
import { iterationExemption, queryExemption, queryInLoopExemption } from '../../src/core/classify/loop.js';
import { classifyQuery } from '../../src/core/classify/query.js';
import type { ChainFact, LoopFact } from '../../src/core/facts.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { buildChain as eslintChain, isOutermostChain as eslintOutermost, type CallLike as EslintCall } from '../../src/eslint/facts.js';
import { loopFactOf as eslintLoopFact } from '../../src/eslint/loop-facts.js';
import { enclosingLoop as eslintLoop } from '../../src/eslint/loops.js';

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
  const [lineA = 0, columnA = 0] = a.at.split(':').map(Number);
  const [lineB = 0, columnB = 0] = b.at.split(':').map(Number);
  return lineA - lineB || columnA - columnB || JSON.stringify(a.chain).length - JSON.stringify(b.chain).length;
}

/** Both adapters, compared: identical facts and verdicts, call for call. */
export function expectParity(code: string): Observed[] {
  const eslint = viaEslint(code);
  const audit = viaAudit(code);
  expect(eslint.length).toBeGreaterThan(0);
  expect(audit).toStrictEqual(eslint);
  return eslint;
}
