import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { PII_CATEGORY_LABELS } from '../src/core/catalogs/pii.js';
import type { ChainFact } from '../src/core/facts.js';
import { classifyLogCall, isRedactedKeyPath, mayBeLogCall, type LogCallMatch } from '../src/core/classify/log.js';
import { findPiiInValue, handlesLock, isEndpointAddress, redactionHelperName, renamesKey, type PiiHit, type ResolveChainDeclaredIn } from '../src/core/classify/pii.js';
import { isNamePosition, walk } from '../src/eslint/ast.js';
import { enclosingClass } from '../src/eslint/bindings.js';
import { enclosingFunction, functionName } from '../src/eslint/functions.js';
import { createRule } from '../src/eslint/create-rule.js';
import { buildChain, chainNames, isOutermostChain, skipWrappers, valueFact, type ChainInfo, type FactOptions } from '../src/eslint/facts.js';
import { outsideRequestPath } from '../src/eslint/code-context.js';
import { holdsScalar, inDevelopmentOnlyBranch, inProcessExitingFunction, isConstantChoice, nodeAtSteps, pinoRedactPaths } from '../src/eslint/logs.js';
import { settingsOf } from '../src/eslint/settings.js';
import { resolverFor, typedContext } from '../src/eslint/typed.js';

export type Options = [
  {
    /** Honour pino `redact` paths configured in the same file. */
    allowRedactedPaths?: boolean;
  },
];
export type MessageId = 'piiInLog' | 'removeProperty' | 'wrapWithRedaction' | 'logId';

/**
 * Categories that are credentials wherever the value comes from, configuration included. An account
 * number or a tax id the operator configures (the platform's own IBAN, its company number) is the
 * organisation's, about no person.
 */
const CREDENTIAL_CATEGORIES: ReadonlySet<PiiHit['category']> = new Set(['secret', 'password']);

export default createRule<Options, MessageId>({
  name: 'no-pii-in-logs',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow personal data and secrets in log calls',
    },
    hasSuggestions: true,
    messages: {
      piiInLog: "Log call '{{callee}}' writes {{what}} ('{{path}}'); logs are widely readable and kept for long, so personal data and secrets must not reach them. Log an id, drop the field or redact the value.",
      removeProperty: "Remove '{{path}}' from the logged object.",
      wrapWithRedaction: "Wrap the value with '{{helper}}(…)'.",
      logId: "Log '{{replacement}}' instead of the whole object.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowRedactedPaths: {
            type: 'boolean',
            description: "Stay silent on object keys covered by a pino logger's `redact` paths configured in the same file (`pino({ redact: ['*.password'] })`).",
          },
        },
      },
    ],
    defaultOptions: [{ allowRedactedPaths: true }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;
    const helper = redactionHelperName(settings);
    const redactPaths: (readonly string[])[] = [];
    const pending: { node: TSESTree.Node; hit: PiiHit; report: TSESLint.ReportDescriptor<MessageId> }[] = [];

    function check(node: TSESTree.CallExpression): void {
      if (!isOutermostChain(node)) return;
      const names = chainNames(node);
      redactPaths.push(...pinoRedactPaths(node, names, sourceCode));
      if (!mayBeLogCall(names)) return;
      const chains = new Map<ChainFact, ChainInfo>();
      const factOptions = { sourceCode, typed, typeHints: true, onChain: (info: ChainInfo) => chains.set(info.fact, info) };
      const info = buildChain(node, factOptions);
      const match = classifyLogCall(info.fact, settings, resolverFor(typed, info.nodes));
      if (match === undefined) return;
      const resolve: ResolveChainDeclaredIn | undefined =
        typed === undefined
          ? undefined
          : (chain, index) => {
              const target = chains.get(chain)?.nodes[index];
              return target === undefined ? undefined : typed.declaredIn(target);
            };
      // The arguments of the log call and of the child loggers it is called on (`logger.child({ email }).info(…)`).
      const found: typeof pending = [];
      info.fact.segments.forEach((segment, index) => {
        const call = info.calls[index];
        if (segment.call === undefined || call?.type !== AST_NODE_TYPES.CallExpression) return;
        if (index !== info.fact.segments.length - 1 && segment.name !== 'child') return;
        call.arguments.forEach((argument, position) => {
          const value = argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument;
          for (const hit of findPiiInValue(valueFact(value, factOptions), settings, resolve)) {
            const target = nodeAtSteps(value, hit.steps);
            // `password ? '******' : undefined` is a mask; `account: string` is an id, not an account object.
            if (isConstantChoice(target.node) || (hit.category === 'pii-object' && holdsScalar(target.node, sourceCode, typed))) continue;
            if (aliasesNeutralValue(target.node, factOptions, resolve)) continue;
            // Configuration about no person (`const profile = process.env.HYDRO_PROFILE`); a secret from the environment is still one.
            if (!CREDENTIAL_CATEGORIES.has(hit.category) && holdsEnvironmentValue(target.node)) continue;
            if (hit.category === 'address' && isEndpointAddress(hit.path, memberPathsOf(call))) continue;
            if (hit.category === 'secret' && hit.path === 'token' && handlesLock(functionNameOf(call))) continue;
            found.push({ node: target.node, hit, report: describe(match, hit, target, call, position) });
          }
        });
      });
      // Where the line is written is judged only for calls that log personal data: most log calls do not.
      if (found.length > 0 && !isQuietPlace(node)) pending.push(...found);
    }

    /** The name of the function a log call is written in (a method, a declared or assigned function). */
    function functionNameOf(call: TSESTree.Node): string | undefined {
      const fn = enclosingFunction(call);
      return fn === undefined ? undefined : functionName(fn);
    }

    /** The names and dotted members a call's arguments read (`addr.address`, `addr.port`; `address`, `port` destructured), for judging them side by side. */
    function memberPathsOf(call: TSESTree.CallExpression): string[] {
      const paths: string[] = [];
      for (const argument of call.arguments) {
        walk(argument, (node) => {
          if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
            const names = chainNames(node);
            if (names.every((name) => name !== '')) paths.push(names.join('.'));
          }
          if (node.type === AST_NODE_TYPES.Identifier && !isNamePosition(node)) paths.push(node.name);
          return true;
        });
      }
      return paths;
    }

    /**
     * A `const` that only renames a key (`const sid = this.sandboxId`): its declaration says what it
     * holds (core `renamesKey`), so the new short name is not judged on its own.
     */
    function aliasesNeutralValue(node: TSESTree.Node, factOptions: FactOptions, resolve: ResolveChainDeclaredIn | undefined): boolean {
      const value = constValueOf(node);
      if (value === undefined) return false;
      const init = skipWrappers(value);
      if (init.type !== AST_NODE_TYPES.Identifier && init.type !== AST_NODE_TYPES.MemberExpression) return false;
      return renamesKey(chainNames(init), settings) && findPiiInValue(valueFact(init, factOptions), settings, resolve).length === 0;
    }

    /**
     * A value read from the process environment or a configuration getter alone, literal fallbacks aside, inline or
     * through a `const` or a field (`const profile = process.env.HYDRO_PROFILE`, `process.env.SENDER ??
     * 'no-reply@example.com'`, `defaultEmail: config.get('mailFrom')`): the operator's
     * configuration, named like personal data (`profile`, `email`) but about no person. Not for
     * credentials (`CREDENTIAL_CATEGORIES`): `process.env.STRIPE_SECRET_KEY` is a secret wherever it comes from.
     */
    function holdsEnvironmentValue(node: TSESTree.Node): boolean {
      const fromEnvironment = (value: TSESTree.Node): boolean => {
        const inner = skipWrappers(value);
        if (inner.type === AST_NODE_TYPES.LogicalExpression) return fromEnvironment(inner.left) && (fromEnvironment(inner.right) || inner.right.type === AST_NODE_TYPES.Literal);
        const names = inner.type === AST_NODE_TYPES.MemberExpression ? chainNames(inner) : [];
        return (names.length === 3 && names[0] === 'process' && names[1] === 'env' && names[2] !== '') || readsConfiguration(inner);
      };
      // Read inline (`defaultEmail: config.get('mailFrom')`, `sender: process.env.MAIL_FROM`), or through a `const` or a field.
      if (fromEnvironment(node)) return true;
      const values = node.type === AST_NODE_TYPES.MemberExpression ? thisFieldValues(node) : [constValueOf(node)];
      return values.length > 0 && values.every((value) => value !== undefined && fromEnvironment(value));
    }

    /**
     * A configuration getter's value: `this.config.get<string>('iris.platformIBAN', '')`, `configService.getOrThrow('SENDER')`.
     * The configuration object is a name of its own or a member of `this`; `user.config.get('email')` is a person's settings.
     */
    function readsConfiguration(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const names = chainNames(node.callee);
      const method = names[names.length - 1] ?? '';
      const receiver = names[names.length - 2] ?? '';
      const standsAlone = names.length === 2 || (names.length === 3 && names[0] === 'this');
      return standsAlone && (method === 'get' || method === 'getOrThrow') && /^(?:app|server|site|global)?[cC]onfig(?:Service)?$/.test(receiver) && node.arguments[0]?.type === AST_NODE_TYPES.Literal;
    }

    /**
     * The values a class gives its field read as `this.IBAN`: the field's initialiser and every
     * `this.IBAN = …` in the class (none when the class hands the field out or it is not found).
     */
    function thisFieldValues(node: TSESTree.MemberExpression): TSESTree.Node[] {
      if (node.object.type !== AST_NODE_TYPES.ThisExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return [];
      const name = node.property.name;
      const owner = enclosingClass(node);
      if (owner === undefined) return [];
      const values: TSESTree.Node[] = [];
      walk(owner.body, (current) => {
        if (current.type === AST_NODE_TYPES.PropertyDefinition && !current.computed && current.key.type === AST_NODE_TYPES.Identifier && current.key.name === name && current.value !== null) values.push(current.value);
        if (current.type === AST_NODE_TYPES.AssignmentExpression && current.left.type === AST_NODE_TYPES.MemberExpression && current.left.object.type === AST_NODE_TYPES.ThisExpression &&
          !current.left.computed && current.left.property.type === AST_NODE_TYPES.Identifier && current.left.property.name === name) values.push(current.operator === '=' ? current.right : current);
        return true;
      });
      return values;
    }

    /** The value of `const name = value` an identifier reads; not a destructured `const { token } = input`, which takes a part named by the part. */
    function constValueOf(node: TSESTree.Node): TSESTree.Expression | undefined {
      if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
      const declarator = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0]?.node;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.kind !== 'const' || declarator.init == null) return undefined;
      return declarator.init;
    }

    /**
     * Where a log line reaches no shared log store: a terminal program prints to the operator who
     * ran it (an admin script given the email it works on; a command that ends with `process.exit`),
     * and a development-only branch never runs in production.
     */
    function isQuietPlace(node: TSESTree.Node): boolean {
      const reason = outsideRequestPath(context, node);
      return reason === 'terminal program' || reason === 'development-only branch' || inDevelopmentOnlyBranch(node, sourceCode) || inProcessExitingFunction(node, sourceCode);
    }

    function describe(
      match: LogCallMatch,
      hit: PiiHit,
      target: ReturnType<typeof nodeAtSteps>,
      call: TSESTree.CallExpression,
      position: number,
    ): TSESLint.ReportDescriptor<MessageId> {
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      const property = target.property;
      if (property !== undefined) {
        suggest.push({ messageId: 'removeProperty', data: { path: hit.path }, fix: (fixer) => removeProperty(fixer, property, call, position, sourceCode) });
      }
      const leaf = target.node;
      const isSpread = leaf.parent?.type === AST_NODE_TYPES.SpreadElement;
      if (helper !== undefined && !isSpread) {
        suggest.push({ messageId: 'wrapWithRedaction', data: { helper }, fix: (fixer) => replaceValue(fixer, leaf, `${helper}(${sourceCode.getText(leaf)})`, sourceCode) });
      }
      if (hit.category === 'pii-object' && hit.hasId === true && (leaf.type === AST_NODE_TYPES.Identifier || leaf.type === AST_NODE_TYPES.MemberExpression)) {
        const text = `${sourceCode.getText(leaf)}.id`;
        const key = idKey(leaf);
        const direct = leaf.parent === call && match.library !== 'console';
        const shorthand = leaf.parent.type === AST_NODE_TYPES.Property && leaf.parent.shorthand ? leaf.parent : undefined;
        const replacement = isSpread || direct || shorthand !== undefined ? `${key}: ${text}` : text;
        suggest.push({
          messageId: 'logId',
          data: { replacement },
          fix: (fixer) => {
            if (isSpread) return fixer.replaceText(leaf.parent, replacement);
            if (shorthand !== undefined) return fixer.replaceText(shorthand, replacement);
            if (direct) return fixer.replaceText(leaf, `{ ${replacement} }`);
            return fixer.replaceText(leaf, text);
          },
        });
      }
      return {
        node: leaf,
        messageId: 'piiInLog',
        data: { callee: match.calleeText, what: PII_CATEGORY_LABELS[hit.category], path: hit.path },
        suggest,
      };
    }

    return {
      CallExpression: check,
      'Program:exit'() {
        for (const { hit, report } of pending) {
          if (options.allowRedactedPaths !== false && hit.keyPath !== undefined && isRedactedKeyPath(hit.keyPath, redactPaths)) continue;
          context.report(report);
        }
      },
    };
  },
});

/** `user` → `userId`, `req.user` → `userId`, `this.currentUser` → `currentUserId`. */
function idKey(node: TSESTree.Identifier | TSESTree.MemberExpression): string {
  const last = chainNames(node).filter((name) => name !== '' && name !== 'this').at(-1) ?? 'entity';
  return `${last}Id`;
}

/** Replaces a value, expanding a shorthand property (`{ email }` → `{ email: redact(email) }`). */
function replaceValue(fixer: TSESLint.RuleFixer, node: TSESTree.Node, text: string, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.RuleFix {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand) return fixer.replaceText(parent, `${sourceCode.getText(parent.key)}: ${text}`);
  return fixer.replaceText(node, text);
}

/**
 * Removes a property (or spread) with its comma; when it was the only property of an object passed
 * straight to the log call beside other arguments, removes the whole argument.
 */
function removeProperty(
  fixer: TSESLint.RuleFixer,
  property: TSESTree.Property | TSESTree.SpreadElement,
  call: TSESTree.CallExpression,
  position: number,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.RuleFix {
  const object = property.parent as TSESTree.ObjectExpression;
  if (object.properties.length === 1 && object.parent === call && call.arguments[position] === object && call.arguments.length > 1) {
    return removeListItem(fixer, object, call.arguments, sourceCode);
  }
  if (object.properties.length === 1) return fixer.replaceText(object, '{}');
  return removeListItem(fixer, property, object.properties, sourceCode);
}

function removeListItem(fixer: TSESLint.RuleFixer, item: TSESTree.Node, list: readonly TSESTree.Node[], sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.RuleFix {
  const index = list.indexOf(item);
  const next = list[index + 1];
  if (next !== undefined) return fixer.removeRange([item.range[0], next.range[0]]);
  const previous = list[index - 1];
  if (previous !== undefined) return fixer.removeRange([previous.range[1], item.range[1]]);
  const after = sourceCode.getTokenAfter(item);
  const end = after?.value === ',' ? after.range[1] : item.range[1];
  return fixer.removeRange([item.range[0], end]);
}
