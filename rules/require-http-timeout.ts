import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isConfigurationPath } from '../src/core/classify/code-context.js';
import { classifyHttpCall, hasTimeout, httpLibraryOf, isBrowserCodePath, isOwnStaticAssetUrl, isTimeoutWrapperName, suggestedTimeout, type HttpCallMatch, type OptionsFact, type UrlPart } from '../src/core/classify/http-timeout.js';
import { isFunction, walk } from '../src/eslint/ast.js';
import { isBrowserFile, outsideRequestPath } from '../src/eslint/code-context.js';
import { enclosingClass } from '../src/eslint/bindings.js';
import { createRule } from '../src/eslint/create-rule.js';
import { chainNames, propertyName, skipWrappers } from '../src/eslint/facts.js';
import { relativeFilename } from '../src/eslint/files.js';
import { calleeModuleBinding } from '../src/eslint/module-binding.js';
import { runsOnceAtStartup } from '../src/eslint/startup.js';

export type Options = [];
export type MessageId = 'missingTimeout' | 'clientWithoutTimeout' | 'suggestSignal';

const SIGNAL = 'signal: AbortSignal.timeout(10_000)';

/** Nodes a request's promise flows through on its way to a wrapper: `[fetch(u), …]`, `() => fetch(u)`, `return fetch(u)`. */
const PASS_THROUGH: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.MemberExpression, AST_NODE_TYPES.AwaitExpression, AST_NODE_TYPES.ArrayExpression, AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.ChainExpression, AST_NODE_TYPES.TSAsExpression, AST_NODE_TYPES.TSNonNullExpression, AST_NODE_TYPES.ReturnStatement,
]);

/** A file that mentions none of these makes no outbound call we judge. */
const MENTIONS = /\b(?:axios|got|undici|fetch)\b/;

/** Where an axios instance's request methods take their config (https://axios-http.com/docs/instance). */
const AXIOS_OPTIONS_INDEX: Readonly<Record<string, number>> = { request: 0, get: 1, delete: 1, head: 1, options: 1, post: 2, put: 2, patch: 2, postForm: 2, putForm: 2, patchForm: 2 };

export default createRule<Options, MessageId>({
  name: 'require-http-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a timeout on outbound HTTP requests (axios, got, undici, fetch)',
    },
    hasSuggestions: true,
    messages: {
      missingTimeout: "'{{call}}' has no timeout: a slow or unresponsive upstream keeps this work waiting, and its socket open, indefinitely. Pass {{timeout}}.",
      clientWithoutTimeout: "'{{call}}' creates a client without a default timeout: every request through it can wait indefinitely. Pass {{timeout}} (or set '.defaults.timeout').",
      suggestSignal: `Abort the request after 10 seconds ('${SIGNAL}').`,
    },
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    if (!MENTIONS.test(sourceCode.text)) return {};
    // `axios.defaults.timeout = …` / `client.defaults.timeout = …`: the file sets the timeout once for all.
    const defaultsSet = /\.defaults\.timeout\s*=(?!=)/.test(sourceCode.text);
    let skipFile: boolean | undefined;

    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const match = httpCall(callee);
        if (match === undefined) return;
        skipFile ??= isClientOrConfigFile();
        if (skipFile) return;
        if (match.kind === 'factory') {
          if (defaultsSet || hasTimeout(match.library, optionsFact(node.arguments[0])) || (match.library === 'axios' && everyRequestSetsTimeout(node))) return;
          const reason = outsideRequestPath(context, node);
          if (reason !== undefined && reason !== 'module top level' && reason !== 'background worker') return;
          context.report({ node, messageId: 'clientWithoutTimeout', data: { call: match.label, timeout: suggestedTimeout(match.library) } });
          return;
        }
        if (match.library === 'axios' && defaultsSet) return;
        const optionsNode = optionsArgument(node, match);
        if (optionsNode === 'unknown') return;
        const options = optionsFact(optionsNode);
        if (hasTimeout(match.library, options) || (match.library === 'fetch' && isNextDataFetch(options))) return;
        if (boundedByWrapper(node) || (node.arguments[0] !== undefined && isOwnStaticAssetUrl(urlParts(node.arguments[0])))) return;
        const reason = outsideRequestPath(context, node);
        if (reason !== undefined && reason !== 'background worker') return;
        if (runsOnceAtStartup(node, sourceCode) !== undefined) return;
        context.report({
          node,
          messageId: 'missingTimeout',
          data: { call: match.label, timeout: suggestedTimeout(match.library) },
          suggest: signalSuggestion(node, match, optionsNode),
        });
      },
    };

    /** The outbound request or client factory a callee is, from the file's imports and requires, or the unshadowed global `fetch`. */
    function httpCall(callee: TSESTree.Identifier | TSESTree.MemberExpression): HttpCallMatch | undefined {
      const binding = calleeModuleBinding(callee, sourceCode);
      if (binding !== undefined) {
        const library = httpLibraryOf(binding.source);
        return library === undefined ? undefined : classifyHttpCall(library, binding.path, sourceCode.getText(callee));
      }
      const names = chainNames(callee);
      const isGlobalFetch = names.length === 1 ? names[0] === 'fetch' : names.length === 2 && names[0] === 'globalThis' && names[1] === 'fetch';
      if (!isGlobalFetch) return undefined;
      const root = callee.type === AST_NODE_TYPES.Identifier ? callee : callee.object;
      if (root.type !== AST_NODE_TYPES.Identifier || (ASTUtils.findVariable(sourceCode.getScope(root), root.name)?.defs.length ?? 0) > 0) return undefined;
      return classifyHttpCall('fetch', [], names.join('.'));
    }

    /** Browser code (a `'use client'` module, a `.tsx` component, the `client.ts` of a client/server pair) and configuration modules make no server request. */
    function isClientOrConfigFile(): boolean {
      const file = relativeFilename(context);
      return /\.[jt]sx$/.test(file) || isConfigurationPath(file) || isBrowserCodePath(file) || isBrowserFile(context);
    }

    /**
     * An axios instance (`pollConnection = axios.create()`, `const api = axios.create(…)`) that the file
     * uses only to send requests, each given its own timeout (`this.pollConnection.get(url, { timeout })`,
     * a config variable every assignment of which holds one), and to set interceptors: no request it
     * sends goes without a deadline, whatever the instance's default.
     */
    function everyRequestSetsTimeout(factory: TSESTree.CallExpression): boolean {
      const holder = factory.parent;
      // A field written in the constructor (`this.#http = axios.create(…)`, `this.client = …`) is held on `this` too.
      const assignedField = holder.type === AST_NODE_TYPES.AssignmentExpression && holder.operator === '=' && holder.left.type === AST_NODE_TYPES.MemberExpression && holder.left.object.type === AST_NODE_TYPES.ThisExpression && !holder.left.computed ? holder.left : undefined;
      const key = holder.type === AST_NODE_TYPES.PropertyDefinition && !holder.computed ? holder.key : assignedField?.property;
      const name = holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name
        : key?.type === AST_NODE_TYPES.Identifier || key?.type === AST_NODE_TYPES.PrivateIdentifier ? key.name
          : undefined;
      if (name === undefined || (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration)) return false;
      const onThis = key !== undefined;
      const kind = key?.type ?? AST_NODE_TYPES.Identifier;
      // A field's uses are in its class; one written in a method counts only when it is private (`#http`, `private http`): nothing outside sends through it.
      const owner = onThis ? enclosingClass(holder)?.body : sourceCode.ast;
      if (owner === undefined || (assignedField !== undefined && key?.type !== AST_NODE_TYPES.PrivateIdentifier && (owner.type !== AST_NODE_TYPES.ClassBody || !declaresPrivateField(owner, name)))) return false;
      const state = { requests: 0, other: false };
      walk(owner, (current) => {
        if (state.other) return false;
        // `this[name]`: a member reached by a computed key, which may be this one.
        if (onThis && current.type === AST_NODE_TYPES.MemberExpression && current.computed && skipWrappers(current.object).type === AST_NODE_TYPES.ThisExpression) {
          state.other = true;
          return false;
        }
        if (current.type === kind && (current as TSESTree.Identifier | TSESTree.PrivateIdentifier).name === name && current.parent !== holder && current !== assignedField?.property) {
          const parent = current.parent;
          const viaThis = parent.type === AST_NODE_TYPES.MemberExpression && parent.property === current && parent.object.type === AST_NODE_TYPES.ThisExpression;
          const bare = !(parent.type === AST_NODE_TYPES.MemberExpression && parent.property === current);
          // `self.client.get(…)`, `const { client } = this`: the field reached another way, whose requests the walk cannot follow.
          if (onThis && !viaThis && (parent.type === AST_NODE_TYPES.MemberExpression || parent.type === AST_NODE_TYPES.Property)) {
            state.other = true;
            return false;
          }
          if (onThis ? !viaThis : !bare) return true;
          const use = onThis ? parent : current;
          const member = use.parent;
          const method = member?.type === AST_NODE_TYPES.MemberExpression && member.object === use ? propertyName(member) : undefined;
          if (method === 'interceptors' || method === 'defaults') return true;
          const call = member?.parent;
          const index = method === undefined ? -1 : AXIOS_OPTIONS_INDEX[method] ?? -1;
          if (index === -1 || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || !requestSetsTimeout(call.arguments[index])) state.other = true;
          else state.requests += 1;
        }
        return !state.other;
      });
      return !state.other && state.requests > 0;
    }

    function declaresPrivateField(body: TSESTree.ClassBody, name: string): boolean {
      return body.body.some((member) => member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name && member.accessibility === 'private');
    }

    /** A request's config that sets `timeout`: an object written there or in a `const`, or a variable every assignment of which is such an object. */
    function requestSetsTimeout(argument: TSESTree.Node | undefined): boolean {
      if (argument === undefined) return false;
      // Seen, not assumed: an object written out (or in a `const`) with its timeout.
      const seesTimeout = (node: TSESTree.Node): boolean => {
        const options = optionsFact(node);
        return options.kind === 'object' && !options.spread && hasTimeout('axios', options);
      };
      if (seesTimeout(argument)) return true;
      const value = skipWrappers(argument);
      if (value.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value.name);
      // A parameter's default holds only when the caller passes nothing.
      if (variable?.defs[0]?.type !== TSESLint.Scope.DefinitionType.Variable) return false;
      const writes = variable.references.flatMap((reference) => (reference.writeExpr == null ? [] : [reference.writeExpr]));
      return writes.length > 0 && writes.every((write) => skipWrappers(write).type === AST_NODE_TYPES.ObjectExpression && seesTimeout(write));
    }

    /** The pieces of a URL written as a template literal or a `+` chain; a lone value otherwise. */
    function urlParts(node: TSESTree.Node): UrlPart[] {
      const expression = skipWrappers(node);
      if (expression.type === AST_NODE_TYPES.TemplateLiteral) {
        return expression.quasis.flatMap((quasi, index): UrlPart[] => {
          const text: UrlPart = { kind: 'text', text: quasi.value.cooked ?? quasi.value.raw };
          return index < expression.expressions.length ? [text, { kind: 'value' }] : [text];
        });
      }
      if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+') return [...urlParts(expression.left), ...urlParts(expression.right)];
      if (expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string') return [{ kind: 'text', text: expression.value }];
      return [{ kind: 'value' }];
    }

    /** Next.js's data cache (`{ next: { revalidate } }`, `cache: 'force-cache'`): a page's cached fetch, refreshed in the background. */
    function isNextDataFetch(options: OptionsFact): boolean {
      return options.kind === 'object' && options.keys.some((key) => key === 'next' || key === 'cache');
    }

    /** The options argument of a request: a node, undefined when absent, `unknown` when the call's shape hides it (`axios(config)`). */
    function optionsArgument(node: TSESTree.CallExpression, match: HttpCallMatch): TSESTree.Node | undefined | 'unknown' {
      const args = node.arguments;
      if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return 'unknown';
      if (match.optionsIndex !== -1) return args[match.optionsIndex];
      const first = args[0] === undefined ? undefined : skipWrappers(args[0]);
      if (first === undefined) return undefined;
      if (first.type === AST_NODE_TYPES.ObjectExpression) return first;
      if (first.type === AST_NODE_TYPES.Literal || first.type === AST_NODE_TYPES.TemplateLiteral || first.type === AST_NODE_TYPES.BinaryExpression) return args[1];
      // `axios(config)`, `got(urlOrOptions)`: a variable may be either.
      return args.length > 1 ? args[1] : 'unknown';
    }

    function optionsFact(raw: TSESTree.Node | undefined): OptionsFact {
      if (raw === undefined) return { kind: 'absent' };
      const object = objectOf(raw);
      if (object === undefined) return { kind: 'opaque' };
      const keys: string[] = [];
      let spread = false;
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) spread = true;
        else if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) keys.push(property.key.name);
        else if (property.key.type === AST_NODE_TYPES.Literal) keys.push(String(property.key.value));
        else spread = true;
      }
      return { kind: 'object', keys, spread };
    }

    /** The options object, written inline or in a `const` of the same scope chain that is never written again. */
    function objectOf(raw: TSESTree.Node): TSESTree.ObjectExpression | undefined {
      const value = skipWrappers(raw);
      if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
      if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value.name);
      const definition = variable?.defs[0];
      if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.init == null) return undefined;
      if (definition.parent?.type !== AST_NODE_TYPES.VariableDeclaration || definition.parent.kind !== 'const') return undefined;
      // `const init = {}; init.signal = …` adds keys we would not see.
      if (variable?.references.some((reference) => reference.identifier.parent.type === AST_NODE_TYPES.MemberExpression && reference.identifier.parent.parent.type === AST_NODE_TYPES.AssignmentExpression) === true) return undefined;
      const init = skipWrappers(definition.node.init);
      return init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
    }

    /** The request's promise is raced against a deadline: `Promise.race([fetch(u), sleep(5000)])`, `pTimeout(fetch(u), …)`, `withTimeout(() => fetch(u))`. */
    function boundedByWrapper(node: TSESTree.CallExpression): boolean {
      let child: TSESTree.Node = node;
      let current: TSESTree.Node | undefined = node.parent;
      for (let depth = 0; current !== undefined && depth < 6; depth += 1) {
        if (current.type === AST_NODE_TYPES.CallExpression) {
          // `fetch(u).then(…)` goes on along the chain; an argument of another call may be raced.
          const names = chainNames(current.callee);
          if (skipWrappers(current.callee) !== child && isTimeoutWrapperName(names[names.length - 1] ?? '')) return true;
        } else if (!PASS_THROUGH.has(current.type) && !(current.type === AST_NODE_TYPES.BlockStatement && isFunction(current.parent))) {
          return false;
        }
        child = current;
        current = current.parent;
      }
      return false;
    }

    /** For fetch (global, undici, node-fetch): add `signal: AbortSignal.timeout(10_000)` to the init object, or add one. */
    function signalSuggestion(node: TSESTree.CallExpression, match: HttpCallMatch, optionsNode: TSESTree.Node | undefined): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      const fetchLike = match.library === 'fetch' || match.library === 'node-fetch' || (match.library === 'undici' && match.label.endsWith('fetch'));
      if (!fetchLike) return [];
      const input = node.arguments[0];
      if (input === undefined) return [];
      if (optionsNode === undefined) {
        if (node.arguments.length !== 1) return [];
        return [{ messageId: 'suggestSignal', fix: (fixer) => fixer.insertTextAfter(input, `, { ${SIGNAL} }`) }];
      }
      const object = skipWrappers(optionsNode);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
      const firstProperty = object.properties[0];
      if (firstProperty === undefined) return [{ messageId: 'suggestSignal', fix: (fixer) => fixer.replaceText(object, `{ ${SIGNAL} }`) }];
      return [{ messageId: 'suggestSignal', fix: (fixer) => fixer.insertTextBefore(firstProperty, `${SIGNAL}, `) }];
    }
  },
});
