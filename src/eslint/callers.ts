import type { TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import type { TypedContext } from './typed.js';
import { tsApi } from './typescript.js';

/** Per program: the calls in its own source files (not declarations, not dependencies), by the name they call. */
const callsByProgram = new WeakMap<ts.Program, Map<string, ts.CallExpression[]>>();

function callsByName(program: ts.Program): Map<string, ts.CallExpression[]> {
  const cached = callsByProgram.get(program);
  if (cached !== undefined) return cached;
  const api = tsApi();
  const calls = new Map<string, ts.CallExpression[]>();
  const visit = (node: ts.Node): void => {
    if (api.isCallExpression(node)) {
      const callee = calleeName(node);
      if (callee !== undefined) {
        const list = calls.get(callee.text) ?? [];
        list.push(node);
        calls.set(callee.text, list);
      }
    }
    api.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file) || file.fileName.includes('/node_modules/')) continue;
    visit(file);
  }
  callsByProgram.set(program, calls);
  return calls;
}

/** `f(…)` → `f`, `this.service.f(…)` → `f`. */
function calleeName(call: ts.CallExpression): ts.Identifier | undefined {
  const api = tsApi();
  const callee = call.expression;
  if (api.isIdentifier(callee)) return callee;
  if (api.isPropertyAccessExpression(callee) && api.isIdentifier(callee.name)) return callee.name;
  return undefined;
}

/**
 * Every call in the program of the function or method `fn` declares (typed linting only), or
 * undefined when that cannot be told: `fn` has no name, or a call of the same name resolves to
 * nothing (an `any` receiver may be this function).
 */
export function callsAcrossProgram(typed: TypedContext, fn: TSESTree.Node, name: string): ts.CallExpression[] | undefined {
  const api = tsApi();
  const declaration = typed.services.esTreeNodeToTSNodeMap.get(fn);
  const named = api.isFunctionDeclaration(declaration) || api.isMethodDeclaration(declaration) ? declaration : declaration.parent;
  const nameNode = (named as ts.Node & { name?: ts.Node }).name;
  if (nameNode === undefined) return undefined;
  // The same declaration, by its place: the program's files may be of another version than this file's nodes.
  const file = named.getSourceFile().fileName;
  const isTarget = (symbol: ts.Symbol): boolean => symbol.declarations?.some((candidate) => candidate.getSourceFile().fileName === file && candidate.getStart() === named.getStart()) === true;
  const found: ts.CallExpression[] = [];
  for (const call of callsByName(typed.services.program).get(name) ?? []) {
    const callee = calleeName(call);
    let symbol = callee === undefined ? undefined : typed.checker.getSymbolAtLocation(callee);
    if (symbol === undefined) return undefined;
    if ((symbol.flags & api.SymbolFlags.Alias) !== 0) symbol = typed.checker.getAliasedSymbol(symbol);
    if (isTarget(symbol)) found.push(call);
  }
  return found;
}

/**
 * The call sits in the `try` of a `try … catch` of its own function whose catch does not pass the
 * caught error on (`passesOn(parameter, catch body text)`): the caller decides the response.
 */
export function callCaughtOnTheSpot(call: ts.CallExpression, passesOn: (parameter: string | undefined, body: string) => boolean): boolean {
  const api = tsApi();
  let child: ts.Node = call;
  for (let current: ts.Node = call.parent; ; child = current, current = current.parent) {
    if (api.isFunctionLike(current) || api.isSourceFile(current)) return false;
    if (api.isTryStatement(current) && current.tryBlock === child && current.catchClause !== undefined) {
      const variable = current.catchClause.variableDeclaration?.name;
      return !passesOn(variable !== undefined && api.isIdentifier(variable) ? variable.text : undefined, current.catchClause.block.getText());
    }
  }
}
