import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import {
  isHealthCheckModule,
  isServerPackage,
  isShutdownEvent,
  isTerminalProgram,
  isWorkerPath,
  outsideRequestReason,
  type EnclosingScopeFact,
  type FileContextFacts,
} from '../core/classify/code-context.js';
import { packageDependenciesOf } from '../core/package-dependencies.js';
import { alwaysExits, oncePerFile } from './ast.js';
import { functionName } from './functions.js';
import { decoratorNames } from './layers.js';

/**
 * ESTree → where code runs (see `core/classify/code-context.ts`): per file (a terminal program, a
 * worker, a package that is no server) and per node (module top level, a start-up function, a
 * signal handler, a dev-only branch). Rules whose premise is a request being served ask
 * `outsideRequestPath(context, node)` and stay silent when it names a reason.
 */

interface FileContext extends FileContextFacts {
  /** The file imports a health-check library (`@nestjs/terminus`): its DB access is a probe. */
  readonly healthCheck: boolean;
  /** Names the file imports by name (`import { Job } from 'bullmq'`, type-only too) → the module. */
  readonly namedImports: ReadonlyMap<string, string>;
}

const perProgram = new WeakMap<TSESTree.Program, FileContext>();

function buildFileContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileContext {
  const { sourceCode } = context;
  const importSources: string[] = [];
  const namedImports = new Map<string, string>();
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    importSources.push(statement.source.value);
    for (const specifier of statement.specifiers) if (specifier.type === AST_NODE_TYPES.ImportSpecifier) namedImports.set(specifier.local.name, statement.source.value);
  }
  const text = sourceCode.text;
  const relative = path.isAbsolute(context.filename) ? path.relative(context.cwd, context.filename) : context.filename;
  const readsArgv = text.includes('process.argv');
  const { filename } = context;
  // The package's manifest is looked up when a rule first asks whether it is a server: most files never need it.
  let serverPackage: boolean | undefined;
  return {
    terminalProgram: isTerminalProgram({ importSources, readsArgv, path: relative }),
    workerPath: isWorkerPath(relative),
    get serverPackage(): boolean {
      if (serverPackage === undefined) {
        const dependencies = path.isAbsolute(filename) ? packageDependenciesOf(path.dirname(filename)) : undefined;
        serverPackage = dependencies === undefined || isServerPackage(dependencies);
      }
      return serverPackage;
    },
    healthCheck: isHealthCheckModule(importSources),
    namedImports,
  };
}

export function fileContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileContext {
  return oncePerFile(perProgram, context.sourceCode.ast, () => buildFileContext(context));
}

/** The name a function is known by (`src/eslint/functions.ts`), here for the rules that ask where code runs. */
export { functionName };

/** `process.on('SIGTERM', …)`, `process.once('exit', …)`: the callback runs at shutdown. */
function isSignalHandler(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'process') return false;
  const event = call.arguments[0];
  return event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' && isShutdownEvent(event.value);
}

/**
 * Why the code at `node` serves no request, or undefined when it may: `terminal program`,
 * `not a server package`, `background worker`, `module top level`, `start-up function 'x'`,
 * `signal handler`, `development-only branch`.
 */
export function outsideRequestPath(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, node: TSESTree.Node): string | undefined {
  const file = fileContext(context);
  if (file.terminalProgram || !file.serverPackage || file.workerPath) return outsideRequestReason(file, []);
  const { sourceCode } = context;
  const scopes: EnclosingScopeFact[] = [];
  for (let child: TSESTree.Node = node, current: TSESTree.Node | undefined = node.parent; current != null; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
        for (const statement of current.body) {
          if (statement === child) break;
          if (statement.type === AST_NODE_TYPES.IfStatement && statement.alternate === null && alwaysExits(statement.consequent)) scopes.push({ kind: 'guard', exitCondition: sourceCode.getText(statement.test) });
        }
        break;
      case AST_NODE_TYPES.IfStatement:
        if (current.consequent !== node && isWithin(node, current.consequent)) scopes.push({ kind: 'branch', condition: sourceCode.getText(current.test) });
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        // `isDev ? db.query() : x`: the call that is the whole branch runs under the condition too.
        if (isWithin(node, current.consequent)) scopes.push({ kind: 'branch', condition: sourceCode.getText(current.test) });
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression: {
        const method = current.parent.type === AST_NODE_TYPES.MethodDefinition ? current.parent : undefined;
        scopes.push({ kind: 'function', name: functionName(current), signalHandler: isSignalHandler(current), decorators: decoratorNames(method?.decorators), parameterTypeSources: parameterTypeSources(current, file.namedImports) });
        break;
      }
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        scopes.push({ kind: 'class', decorators: decoratorNames(current.decorators) });
        break;
      default:
        break;
    }
  }
  return outsideRequestReason(file, scopes);
}

function isWithin(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current != null; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** The modules a function's parameter types are imported from by name (`job: Job<Data>` → the source of `Job`). */
function parameterTypeSources(fn: TSESTree.FunctionLike, namedImports: ReadonlyMap<string, string>): string[] {
  return fn.params.flatMap((param) => {
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    // `job: Job = fallback` carries its type on the left; `{ data }: Job` on the pattern.
    const annotated = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
    const annotation = annotated.type === AST_NODE_TYPES.Identifier || annotated.type === AST_NODE_TYPES.ObjectPattern || annotated.type === AST_NODE_TYPES.ArrayPattern ? annotated.typeAnnotation?.typeAnnotation : undefined;
    const source = annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier ? namedImports.get(annotation.typeName.name) : undefined;
    return source === undefined ? [] : [source];
  });
}
