import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isConfigurationPath } from '../src/core/classify/code-context.js';
import { blockingFamilyOf, classifyBlockingCall, isResourceLoaderName, isSyncVariantName, needsRequestEvidence, readsBundledFile, type BlockingCallMatch } from '../src/core/classify/blocking.js';
import { isHttpHandlerSignature } from '../src/core/classify/layer.js';
import { isFunction } from '../src/eslint/ast.js';
import { outsideRequestPath } from '../src/eslint/code-context.js';
import { createRule } from '../src/eslint/create-rule.js';
import { calleeName, chainNames, constOf, propertyName, skipWrappers } from '../src/eslint/facts.js';
import { enclosingLoop } from '../src/eslint/loops.js';
import { relativeFilename } from '../src/eslint/files.js';
import { functionName, isMiddlewareShaped, isParameterGivenOnlyLiterals } from '../src/eslint/functions.js';
import { fileLayers, handlerSite, parameterFacts } from '../src/eslint/layers.js';
import { calleeModuleBinding, requiredModule, type ModuleBinding } from '../src/eslint/module-binding.js';
import { settingsOf } from '../src/eslint/settings.js';
import { runsOnceAtStartup } from '../src/eslint/startup.js';
import { typedContext, type TypedContext } from '../src/eslint/typed.js';

export type Options = [];
export type MessageId = 'blockingCall';

/** Callee names worth resolving: every `…Sync`, and the callback-or-sync `randomBytes`. */
const CANDIDATE_NAME = /Sync$|^randomBytes$/;

export default createRule<Options, MessageId>({
  name: 'no-event-loop-blocking',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow synchronous file system, crypto, compression and child-process calls in request-path code',
    },
    messages: {
      blockingCall: "'{{call}}' blocks the event loop: while it runs, this server answers no other request. Use {{alternative}}, or do the work once at start-up.",
    },
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    const settings = settingsOf(context);
    const typed = typedContext(context);
    let configurationFile: boolean | undefined;
    let renamed: Set<string> | undefined;

    /** Local names given to a blocking module's exports (`import { readFileSync as read }`, `const { hashSync: hash } = require('bcrypt')`). */
    function renamedImports(): Set<string> {
      if (renamed !== undefined) return renamed;
      renamed = new Set();
      for (const statement of sourceCode.ast.body) {
        if (statement.type === AST_NODE_TYPES.ImportDeclaration && blockingFamilyOf(statement.source.value) !== undefined) {
          for (const specifier of statement.specifiers) renamed.add(specifier.local.name);
        }
        if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
        for (const declarator of statement.declarations) {
          const required = declarator.init == null ? undefined : requiredModule(declarator.init);
          if (required === undefined || blockingFamilyOf(required.source) === undefined || declarator.id.type !== AST_NODE_TYPES.ObjectPattern) continue;
          for (const property of declarator.id.properties) if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) renamed.add(property.value.name);
        }
      }
      return renamed;
    }

    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        const name = calleeName(callee);
        if (!CANDIDATE_NAME.test(name) && !(callee.type === AST_NODE_TYPES.Identifier && renamedImports().has(name))) return;
        const found = blockingCall(node, callee, name, typed);
        if (found === undefined) return;
        if (isSyncAlias(node) || !onRequestPath(node, found.match)) return;
        if (found.match.family === 'fs' && readsBundledFile({ name: found.match.name, staticPath: node.arguments[0] !== undefined && isStaticPath(node.arguments[0], 0), inLoop: enclosingLoop(node, sourceCode) !== undefined })) return;
        context.report({ node, messageId: 'blockingCall', data: { call: found.label, alternative: found.match.alternative } });
      },
    };

    function blockingCall(node: TSESTree.CallExpression, callee: TSESTree.Node, name: string, types: TypedContext | undefined): { match: BlockingCallMatch; label: string } | undefined {
      const last = node.arguments[node.arguments.length - 1];
      const first = node.arguments[0];
      const firstValue = first === undefined ? undefined : skipWrappers(first);
      const facts = {
        // `randomBytes(size, callback)`: a function, or a function passed by name after the size.
        hasCallback: last !== undefined && (isFunction(skipWrappers(last)) || (node.arguments.length > 1 && [AST_NODE_TYPES.Identifier, AST_NODE_TYPES.MemberExpression].includes(skipWrappers(last).type))),
        ...(firstValue?.type === AST_NODE_TYPES.Literal && typeof firstValue.value === 'number' ? { firstNumber: firstValue.value } : {}),
      };
      const binding: ModuleBinding | undefined = calleeModuleBinding(callee, sourceCode);
      if (binding !== undefined) {
        const match = classifyBlockingCall({ source: binding.source, path: binding.path, ...facts });
        return match === undefined ? undefined : { match, label: sourceCode.getText(callee) };
      }
      // Typed: the callee's declaration says which module it belongs to (`const { readFileSync } = fs`, `this.fs.readFileSync`).
      if (types === undefined) return undefined;
      const named = callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : callee;
      const declared = types.declaredIn(named);
      const source = declared?.package === 'node' ? nodeModuleOfFile(declared.fileName ?? '') : declared?.package;
      if (source === undefined) return undefined;
      const match = classifyBlockingCall({ source, path: [name], ...facts });
      return match === undefined ? undefined : { match, label: sourceCode.getText(callee) };
    }

    /**
     * A path built only from where the module or the process is, string literals and constants bound
     * to them: `path.join(__dirname, 'templates', 'reset.html')`, `` `${process.cwd()}/build-info.json` ``,
     * `new URL('./page.html', import.meta.url)`, `TEMPLATE_PATH` (a `const` of one of these), a
     * parameter of a function every caller in the file gives a literal (`receivesOnlyLiterals`).
     */
    function isStaticPath(raw: TSESTree.Node, depth: number): boolean {
      if (depth > 4) return false;
      const node = skipWrappers(raw);
      switch (node.type) {
        case AST_NODE_TYPES.Literal:
          return typeof node.value === 'string';
        case AST_NODE_TYPES.TemplateLiteral:
          return node.expressions.every((expression) => isStaticPath(expression, depth + 1));
        case AST_NODE_TYPES.BinaryExpression:
          return node.operator === '+' && isStaticPath(node.left, depth + 1) && isStaticPath(node.right, depth + 1);
        case AST_NODE_TYPES.Identifier: {
          if (node.name === '__dirname' || node.name === '__filename') return true;
          const bound = constOf(node, sourceCode);
          if (bound !== undefined) return isStaticPath(bound.init, depth + 1);
          // A parameter of a private helper every caller in the file gives a literal (`this.renderTemplate('welcome.ejs', data)`).
          return isParameterGivenOnlyLiterals(node, sourceCode);
        }
        case AST_NODE_TYPES.MemberExpression:
          // `import.meta.dirname`, `import.meta.url`
          return node.object.type === AST_NODE_TYPES.MetaProperty && ['dirname', 'filename', 'url'].includes(propertyName(node));
        case AST_NODE_TYPES.NewExpression:
        case AST_NODE_TYPES.CallExpression: {
          const names = chainNames(node.callee);
          const callee = names.join('.');
          if (callee === 'process.cwd') return node.arguments.length === 0;
          const last = names[names.length - 1] ?? '';
          // A bare `join(…)` / `fileURLToPath(…)` / `new URL(…)`, or one of the path module (`path.join`, `path.posix.join`), not `ids.join(',')`.
          if (!STATIC_PATH_BUILDERS.has(last) || !(names.length === 1 || PATH_MODULE_NAMES.has(names[0] ?? ''))) return false;
          return node.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isStaticPath(argument, depth + 1));
        }
        default:
          return false;
      }
    }

    /**
     * Request-path code, by evidence: code that neither runs outside serving (CLI, worker,
     * start-up, module top level, configuration module) nor runs once (constructor, lazy
     * initialisation, private helper of start-up code, a loader of resource files). File system,
     * compression and process calls also need the code to show that it serves requests: a layer
     * (controller, route handler, service, repository) or a function shaped as a middleware or
     * handler.
     */
    function onRequestPath(node: TSESTree.Node, match: BlockingCallMatch): boolean {
      if (outsideRequestPath(context, node) !== undefined) return false;
      configurationFile ??= isConfigurationPath(relativeFilename(context));
      if (configurationFile) return false;
      if (runsOnceAtStartup(node, sourceCode) !== undefined) return false;
      for (let current: TSESTree.Node | undefined = node.parent; current != null; current = current.parent) {
        if (!isFunction(current)) continue;
        const name = functionName(current);
        if (name !== undefined && isResourceLoaderName(name)) return false;
      }
      if (!needsRequestEvidence(match.family)) return true;
      if (fileLayers(context, settings).layerOf(node) !== undefined) return true;
      for (let current: TSESTree.Node | undefined = node.parent; current != null; current = current.parent) {
        if (isFunction(current) && (isMiddlewareShaped(current) || isHttpHandlerSignature(current.params.map(parameterFacts), handlerSite(current)))) return true;
      }
      return false;
    }
  },
});

/**
 * The blocking call is the whole body of a function named as a sync variant
 * (`export const hashSync = (pw) => bcryptHashSync(pw, ROUNDS)`, `function readSync(p) { return fs.readFileSync(p); }`):
 * a sync alias whose callers choose to block.
 */
function isSyncAlias(node: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = node;
  while (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSNonNullExpression) current = current.parent;
  let fn: TSESTree.Node = current.parent;
  if (fn.type === AST_NODE_TYPES.ReturnStatement) {
    const block = fn.parent;
    if (block.type !== AST_NODE_TYPES.BlockStatement || block.body.length !== 1) return false;
    fn = block.parent;
  } else if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression || fn.body !== current) return false;
  if (!isFunction(fn)) return false;
  const name = functionName(fn);
  return name !== undefined && isSyncVariantName(name);
}

/** Functions that build a path or URL from their arguments: `path.join`, `resolve`, `fileURLToPath`, `new URL(…)`. */
const STATIC_PATH_BUILDERS: ReadonlySet<string> = new Set(['join', 'resolve', 'normalize', 'dirname', 'fileURLToPath', 'URL']);
/** Names the path and url modules are bound to (`import path from 'node:path'`, `import * as nodePath from 'path'`). */
const PATH_MODULE_NAMES: ReadonlySet<string> = new Set(['path', 'nodePath', 'posix', 'url']);

/** `…/@types/node/fs.d.ts` → `fs`; `fs/promises.d.ts` and other modules → undefined. */
function nodeModuleOfFile(fileName: string): string | undefined {
  const match = /[\\/]@types[\\/]node[\\/](fs|crypto|zlib|child_process)\.d\.ts$/.exec(fileName);
  return match?.[1];
}
