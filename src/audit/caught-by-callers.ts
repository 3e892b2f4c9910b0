import path from 'node:path';
import { Node, SyntaxKind, ts, type Identifier, type PrivateIdentifier, type Project, type SourceFile } from 'ts-morph';
import { isInlineCallbackMethod } from '../core/classify/code-context.js';
import { catchPassesErrorOn } from '../core/classify/errors.js';
import type { Finding } from './findings.js';
import { programOf } from './load-project.js';

/** The per-file rule whose premise (the error reaches a request's error handler) depends on the callers. */
const RULE = 'no-untyped-throw';
/** How many calls up the audit follows a function whose own callers may catch (as the rule does within a file). */
const MAX_DEPTH = 2;

/**
 * The per-file `no-untyped-throw` cannot see who calls the function that throws. The audit can: a
 * finding is dropped when the function has callers in the audited code and every one of them catches
 * the error on the spot without passing it on (`try { await service.import(…) } catch (error) { throw
 * new HttpException(…, 400) }`, `await load(token).catch(() => null)`), or sits in a function whose
 * callers all do so again: there the caller decides the response, and the bare error never reaches
 * the central error handler. A function used any other way (passed as a handler or callback,
 * exported under another name and called through a value) keeps its finding, and so does one with
 * no caller in the audited code (a route handler, a library entry point). Callers outside the audited
 * scope (tests, scripts) are not request paths and are left out.
 */
export function dropThrowsCaughtByCallers(findings: readonly Finding[], project: Project, root: string, inScope: (fileName: string) => boolean): Finding[] {
  const verdicts = new Map<Node, boolean>();
  const references = projectReferences(project);
  const everyCallerCatches = (node: Node, depth: number): boolean => {
    const fn = namedEnclosingFunction(node);
    if (fn === undefined || depth > MAX_DEPTH) return false;
    const known = verdicts.get(fn);
    if (known !== undefined) return known;
    // A recursive function's own calls are its callers too: assume no while deciding.
    verdicts.set(fn, false);
    const verdict = callersCatch(fn, depth);
    verdicts.set(fn, verdict);
    return verdict;
  };
  const callersCatch = (fn: Node, depth: number): boolean => {
    const name = nameOf(fn);
    if (name === undefined) return false;
    let found: Node[];
    try {
      found = references(name);
    } catch {
      return false;
    }
    const calls: Node[] = [];
    for (const reference of found) {
      if (reference === name || !inScope(reference.getSourceFile().getFilePath())) continue;
      if (isDeclarationOrTypeUse(reference)) continue;
      const call = callOf(reference);
      if (call === undefined) return false;
      calls.push(call);
    }
    const awaitNeeded = Node.isAsyncable(fn) && fn.isAsync();
    return calls.length > 0 && calls.every((call) => caughtAt(call, awaitNeeded) || everyCallerCatches(call, depth + 1));
  };
  return findings.filter((finding) => {
    if (finding.ruleId !== RULE) return true;
    const file = project.getSourceFile(path.join(root, finding.file));
    if (file === undefined) return true;
    let position: number;
    try {
      position = file.compilerNode.getPositionOfLineAndCharacter(finding.line - 1, finding.column - 1);
    } catch {
      return true;
    }
    const node = file.getDescendantAtPos(position);
    return node === undefined || !everyCallerCatches(node, 0);
  });
}

/** The compiler's find-all-references with the files to search given (internal to TypeScript; absent in another version). */
interface FindAllReferences {
  findReferencedSymbols(program: ts.Program, cancellationToken: ts.CancellationToken, sourceFiles: readonly ts.SourceFile[], sourceFile: ts.SourceFile, position: number): ts.ReferencedSymbol[] | undefined;
}

/**
 * The references of a name, as `findReferencesAsNodes` gives them, searched in the project's own files only.
 * A reference in a library's declaration files (`lib.*.d.ts`, `node_modules`) is never a caller in the audited
 * code, and the search resolves every occurrence of the name's text in every file it is given: for a common
 * method name (`get`, `update`) thousands of occurrences in the libraries alone. The project's files are all
 * searched (not only the audited ones), so references reached through a re-export anywhere in it are found as before.
 */
function projectReferences(project: Project): (name: Identifier | PrivateIdentifier) => Node[] {
  const findAllReferences = (ts as unknown as { FindAllReferences?: Partial<FindAllReferences> }).FindAllReferences;
  if (typeof findAllReferences?.findReferencedSymbols !== 'function') return (name) => name.findReferencesAsNodes();
  const find = findAllReferences.findReferencedSymbols.bind(findAllReferences);
  const program = programOf(project);
  const searched = program.getSourceFiles().filter((file) => !program.isSourceFileDefaultLibrary(file) && !program.isSourceFileFromExternalLibrary(file));
  const token: ts.CancellationToken = { isCancellationRequested: () => false, throwIfCancellationRequested: () => undefined };
  return (name) => {
    const symbols = find(program, token, searched, name.getSourceFile().compilerNode, name.getStart()) ?? [];
    const nodes: Node[] = [];
    for (const { definition, references } of symbols) {
      const isAlias = definition.kind === ts.ScriptElementKind.alias;
      for (const [index, reference] of references.entries()) {
        if (!isAlias && reference.isDefinition === true && index === 0) continue;
        const file = project.getSourceFile(reference.fileName);
        const node = file === undefined ? undefined : nodeAtSpan(file, reference.textSpan);
        if (node !== undefined) nodes.push(node);
      }
    }
    return nodes;
  };
}

/** The node of a reference's span, found as ts-morph's `ReferenceEntry.getNode` finds it (the deepest node at its start). */
function nodeAtSpan(file: SourceFile, span: ts.TextSpan): Node {
  const start = span.start;
  const end = span.start + span.length;
  let best: Node = file;
  let found: Node | undefined;
  for (let next: Node | undefined = file; next !== undefined; next = next.getChildAtPos(start)) {
    if (found === undefined) best = next;
    if (next.getStart() === start && next.getWidth() === end) best = found = next;
    else if (found !== undefined) break;
  }
  return best;
}

/** The function a caller names, through the callbacks of a Promise executor and of array iteration. */
function namedEnclosingFunction(node: Node): Node | undefined {
  for (let current = node.getParent(); current !== undefined; current = current.getParent()) {
    if (!Node.isFunctionLikeDeclaration(current)) continue;
    if (!isInlineCallback(current)) return current;
  }
  return undefined;
}

/** `new Promise((resolve, reject) => …)`, `items.map((item) => …)`: a callback that runs inside the function that passes it. */
function isInlineCallback(fn: Node): boolean {
  const parent = fn.getParent();
  if (Node.isNewExpression(parent)) return parent.getArguments()[0] === fn && parent.getExpression().getText() === 'Promise';
  if (!Node.isCallExpression(parent) || !parent.getArguments().includes(fn)) return false;
  const callee = parent.getExpression();
  return Node.isPropertyAccessExpression(callee) && isInlineCallbackMethod(callee.getName());
}

/**
 * The name node callers reach the function by: a function declaration, a class method, the variable
 * or class field an arrow is assigned to. A member of an object literal (`resolve(…)` of a GraphQL
 * field, a handler in a route table) is called by whatever the object is handed to: no name to follow.
 */
function nameOf(fn: Node): Identifier | PrivateIdentifier | undefined {
  let name: Node | undefined;
  if (Node.isFunctionDeclaration(fn) || (Node.isMethodDeclaration(fn) && Node.isClassLikeDeclarationBase(fn.getParent()))) name = fn.getNameNode();
  const holder = fn.getParent();
  if ((Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) && (Node.isVariableDeclaration(holder) || Node.isPropertyDeclaration(holder)) && holder.getInitializer() === fn) {
    name = holder.getNameNode();
  }
  return Node.isIdentifier(name) || Node.isPrivateIdentifier(name) ? name : undefined;
}

/** An import or export of the name, a type query (`typeof load`), or another declaration of it (an overload, an interface member): not a use of the value. */
function isDeclarationOrTypeUse(reference: Node): boolean {
  const parent = reference.getParent();
  if (parent === undefined) return true;
  if (Node.isImportSpecifier(parent) || Node.isExportSpecifier(parent) || Node.isImportClause(parent) || Node.isNamespaceImport(parent)) return true;
  if (parent.getKind() === SyntaxKind.TypeQuery || parent.getKind() === SyntaxKind.QualifiedName) return true;
  // `{ load }`, `const { load } = service`: the value is handed on, not called here.
  if (Node.isExportAssignment(parent) || Node.isShorthandPropertyAssignment(parent) || Node.isBindingElement(parent)) return false;
  const named = parent as Node & { getNameNode?: () => Node | undefined };
  return typeof named.getNameNode === 'function' && named.getNameNode() === reference && !Node.isPropertyAccessExpression(parent);
}

/** `load(…)`, `this.service.load(…)`, `service?.load(…)`: the call whose callee the reference is; undefined for any other use. */
function callOf(reference: Node): Node | undefined {
  let callee: Node = reference;
  const parent = reference.getParent();
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === reference) callee = parent;
  let outer = callee.getParent();
  while (Node.isParenthesizedExpression(outer) || Node.isNonNullExpression(outer)) {
    callee = outer;
    outer = outer.getParent();
  }
  return Node.isCallExpression(outer) && outer.getExpression() === callee ? outer : undefined;
}

/**
 * The call's error is caught where it is made: the call stands in a `try` block of the same function
 * (awaited there, when the callee is async: a promise returned out of the `try` escapes it) whose
 * `catch` does not pass the error on, or its promise is handled by `.catch(…)` that does not.
 */
function caughtAt(call: Node, awaitNeeded: boolean): boolean {
  const chained = call.getParent();
  if (Node.isPropertyAccessExpression(chained) && chained.getName() === 'catch') {
    const handlerCall = chained.getParent();
    const handler = Node.isCallExpression(handlerCall) ? handlerCall.getArguments()[0] : undefined;
    if (handler !== undefined && (Node.isArrowFunction(handler) || Node.isFunctionExpression(handler))) {
      const param = handler.getParameters()[0]?.getNameNode();
      return !catchPassesErrorOn(Node.isIdentifier(param) ? param.getText() : undefined, handler.getBody().getText());
    }
    return false;
  }
  let awaited = !awaitNeeded;
  let child: Node = call;
  for (let current = call.getParent(); current !== undefined; child = current, current = current.getParent()) {
    if (Node.isAwaitExpression(current)) awaited = true;
    if (Node.isFunctionLikeDeclaration(current) || Node.isClassDeclaration(current) || Node.isSourceFile(current)) return false;
    if (Node.isTryStatement(current) && current.getTryBlock() === child) {
      const clause = current.getCatchClause();
      if (clause === undefined) continue;
      if (!awaited) return false;
      const param = clause.getVariableDeclaration()?.getNameNode();
      return !catchPassesErrorOn(Node.isIdentifier(param) ? param.getText() : undefined, clause.getBlock().getText());
    }
  }
  return false;
}
