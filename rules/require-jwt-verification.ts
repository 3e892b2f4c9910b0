import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { IDENTITY_PROPERTIES, UNTRUSTED_CLAIM_READS } from '../src/core/catalogs/auth.js';
import { classifyJwtCall, isAuthFunctionName, type JwtCallMatch } from '../src/core/classify/auth.js';
import { classifyLogCall } from '../src/core/classify/log.js';
import type { BackendPatternsSettings } from '../src/core/settings.js';
import { isFunction, walk, type FunctionNode } from '../src/eslint/ast.js';
import { createRule } from '../src/eslint/create-rule.js';
import { buildChain, parentOf, propertyName, skipWrappers } from '../src/eslint/facts.js';
import { enclosingFunction, functionName, isMiddlewareShaped } from '../src/eslint/functions.js';
import { settingsOf } from '../src/eslint/settings.js';
import { resolverFor, typedContext, type TypedContext } from '../src/eslint/typed.js';

export type Options = [];
export type MessageId = 'decodeTrusted' | 'missingAlgorithms' | 'noneAlgorithm' | 'ignoreExpiration' | 'ignoredError' | 'missingClaims' | 'removeOption';

const JWT_FUNCTION_NAMES = new Set(['decode', 'verify', 'verifyAsync', 'jwtVerify', 'decodeJwt', 'jwtDecode', 'jwt_decode']);

const VERIFY_ADVICE: Readonly<Record<JwtCallMatch['library'], string>> = {
  jsonwebtoken: "jwt.verify(token, key, { algorithms, issuer, audience })",
  jose: 'jwtVerify(token, key, { issuer, audience })',
  'nestjs-jwt': 'this.jwtService.verifyAsync(token)',
  'jwt-decode': "jwt.verify(token, key, { algorithms, issuer, audience }) on the server",
};

export default createRule<Options, MessageId>({
  name: 'require-jwt-verification',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require JWTs to be verified with pinned algorithms, expiry and, when configured, issuer and audience before they are trusted',
    },
    hasSuggestions: true,
    messages: {
      decodeTrusted: "'{{call}}' only decodes the token without checking its signature or expiry, so anyone can forge these claims. Verify it with {{advice}} and trust only the verified payload.",
      missingAlgorithms: "'{{call}}' has no 'algorithms' list, so the token's own header picks the algorithm (algorithm confusion). Pin the algorithms you issue, e.g. { algorithms: ['RS256'] }.",
      noneAlgorithm: "'none' among the algorithms of '{{call}}' accepts unsigned tokens. List only the signing algorithms you issue.",
      ignoreExpiration: "'ignoreExpiration: true' makes '{{call}}' accept expired tokens forever. Remove it; use a small 'clockTolerance' if clocks drift.",
      ignoredError: "The callback of '{{call}}' ignores its error argument, so an invalid or expired token is treated as valid. Check the error first and reject the request.",
      missingClaims: "'{{call}}' does not check the token's {{claims}}, so tokens issued for another service are accepted. Pass {{claims}} in the verify options.",
      removeOption: "Remove '{{option}}'.",
    },
    schema: [],
  },
  create(context) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;

    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : '';
        if (!JWT_FUNCTION_NAMES.has(name)) return;
        const match = jwtCall(node, sourceCode, typed);
        if (match === undefined) return;
        if (match.operation === 'decode') checkDecode(node, match);
        else checkVerify(node, match);
      },
    };

    function checkDecode(node: TSESTree.CallExpression, match: JwtCallMatch): void {
      const fn = enclosingFunction(node);
      if (fn !== undefined && verifiesInside(fn, sourceCode, typed)) return;
      const uses = usesOf(node, sourceCode, settings, typed);
      if (!uses.trusted) return;
      if (!uses.identity && (fn === undefined || !isAuthContext(fn))) return;
      context.report({ node, messageId: 'decodeTrusted', data: { call: match.label, advice: VERIFY_ADVICE[match.library] }, suggest: [] });
    }

    function checkVerify(node: TSESTree.CallExpression, match: JwtCallMatch): void {
      if (match.library === 'nestjs-jwt') return; // JwtModule's verifyOptions apply; checked where the module is registered.
      const args = node.arguments;
      const optionsArg = args[2] !== undefined && !isFunction(args[2]) ? args[2] : undefined;
      const callbackArg = [args[2], args[3]].find((arg) => arg !== undefined && isFunction(arg));
      const callback = callbackArg !== undefined && isFunction(callbackArg) ? callbackArg : undefined;
      const options = optionsArg === undefined ? undefined : objectOf(optionsArg, sourceCode);
      const known = optionsArg === undefined || options !== undefined;
      const keys = new Map<string, TSESTree.Property>();
      let spread = false;
      for (const property of options?.properties ?? []) {
        if (property.type === AST_NODE_TYPES.SpreadElement) spread = true;
        else if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) keys.set(property.key.name, property);
        else if (property.key.type === AST_NODE_TYPES.Literal) keys.set(String(property.key.value), property);
      }
      const data = { call: match.label };
      if (match.library === 'jsonwebtoken') {
        const algorithms = keys.get('algorithms');
        if (known && !spread && algorithms === undefined) context.report({ node, messageId: 'missingAlgorithms', data, suggest: [] });
        const value = algorithms === undefined ? undefined : skipWrappers(algorithms.value);
        if (value?.type === AST_NODE_TYPES.ArrayExpression) {
          for (const element of value.elements) {
            if (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' && element.value.toLowerCase() === 'none') {
              context.report({ node: element, messageId: 'noneAlgorithm', data, suggest: value.elements.length > 1 ? [removeSuggestion(element, "'none'")] : [] });
            }
          }
        }
        const ignore = keys.get('ignoreExpiration');
        if (ignore !== undefined && ignore.value.type === AST_NODE_TYPES.Literal && ignore.value.value === true) {
          context.report({ node: ignore, messageId: 'ignoreExpiration', data, suggest: [removeSuggestion(ignore, 'ignoreExpiration: true')] });
        }
      }
      const missing = [settings.auth.requireIssuer && !keys.has('issuer') ? 'issuer' : undefined, settings.auth.requireAudience && !keys.has('audience') ? 'audience' : undefined]
        .filter((claim): claim is string => claim !== undefined);
      if (known && !spread && missing.length > 0) context.report({ node, messageId: 'missingClaims', data: { call: match.label, claims: missing.join(' and ') }, suggest: [] });
      if (callback !== undefined && match.library === 'jsonwebtoken' && ignoresFirstParam(callback, sourceCode)) {
        context.report({ node: callback, messageId: 'ignoredError', data, suggest: [] });
      }
    }

    /** Removes an array element or object property with its separating comma. */
    function removeSuggestion(node: TSESTree.Node, option: string): TSESLint.SuggestionReportDescriptor<MessageId> {
      return {
        messageId: 'removeOption',
        data: { option },
        fix: (fixer) => {
          const after = sourceCode.getTokenAfter(node);
          if (after !== null && after.value === ',') return fixer.removeRange([node.range[0], sourceCode.getTokenAfter(after, { includeComments: true })?.range[0] ?? after.range[1]]);
          const before = sourceCode.getTokenBefore(node);
          return fixer.removeRange([before !== null && before.value === ',' ? before.range[0] : node.range[0], node.range[1]]);
        },
      };
    }
  },
});

function jwtCall(node: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, typed: TypedContext | undefined): JwtCallMatch | undefined {
  const info = buildChain(node, { sourceCode, typed });
  return classifyJwtCall(info.fact, resolverFor(typed, info.nodes));
}

/** The function also verifies a token: decoding first to read the header (`kid`) is then fine. */
function verifiesInside(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, typed: TypedContext | undefined): boolean {
  let found = false;
  walk(fn.body, (child) => {
    if (found) return false;
    if (child.type === AST_NODE_TYPES.CallExpression && jwtCall(child, sourceCode, typed)?.operation === 'verify') found = true;
    return true;
  });
  return found;
}

/** Authentication code: a middleware `(req, res, next)`, a guard's `canActivate`, a function named `authenticate` / `requireRole` / `currentUser`. */
function isAuthContext(fn: FunctionNode): boolean {
  if (isMiddlewareShaped(fn)) return true;
  const name = functionName(fn);
  if (name !== undefined && isAuthFunctionName(name)) return true;
  for (let current: TSESTree.Node | undefined = fn.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) {
      return current.id != null && /(?:Guard|Strategy|Middleware|Auth\w*)$/.test(current.id.name);
    }
    if (isFunction(current)) {
      const outer = functionName(current);
      if (isMiddlewareShaped(current) || (outer !== undefined && isAuthFunctionName(outer))) return true;
    }
  }
  return false;
}

interface Uses {
  /** Some claim other than expiry / header is read, or the payload is handed on. */
  readonly trusted: boolean;
  /** The payload (or a claim of it) is stored as the request's identity: `req.user = …`. */
  readonly identity: boolean;
}

function usesOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, settings: BackendPatternsSettings, typed: TypedContext | undefined): Uses {
  let trusted = false;
  let identity = false;
  const visitValue = (value: TSESTree.Node, depth: number): void => {
    if (depth > 3) {
      trusted = true;
      return;
    }
    if (reachesIdentity(value)) identity = true;
    if (insideLogCall(value, sourceCode, settings, typed)) return;
    const parent = parentOf(value);
    if (parent === undefined) return;
    if (parent.type === AST_NODE_TYPES.AwaitExpression) {
      visitValue(parent, depth);
      return;
    }
    if (parent.type === AST_NODE_TYPES.MemberExpression && skipWrappers(parent.object) === skipWrappers(value)) {
      if (!(UNTRUSTED_CLAIM_READS as readonly string[]).includes(propertyName(parent))) trusted = true;
      return;
    }
    if (parent.type === AST_NODE_TYPES.ExpressionStatement) return;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init !== null && skipWrappers(parent.init) === skipWrappers(value)) {
      if (parent.id.type === AST_NODE_TYPES.ObjectPattern) {
        if (parent.id.properties.some((property) => property.type === AST_NODE_TYPES.RestElement || property.key.type !== AST_NODE_TYPES.Identifier || !(UNTRUSTED_CLAIM_READS as readonly string[]).includes(property.key.name))) trusted = true;
        return;
      }
      if (parent.id.type !== AST_NODE_TYPES.Identifier) {
        trusted = true;
        return;
      }
      const variable = ASTUtils.findVariable(sourceCode.getScope(parent), parent.id.name);
      for (const reference of variable?.references ?? []) {
        if (reference.init === true || reference.identifier === parent.id) continue;
        visitValue(reference.identifier, depth + 1);
      }
      return;
    }
    trusted = true;
  };
  visitValue(node, 0);
  return { trusted, identity };
}

/** `req.user = payload`, `ctx.state.user = { id: claims.sub }`, `request.auth = …`. */
function reachesIdentity(value: TSESTree.Node): boolean {
  let current: TSESTree.Node = value;
  for (let parent = current.parent; parent != null; current = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.Property:
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.AwaitExpression:
        continue;
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === current && parent.left.type === AST_NODE_TYPES.MemberExpression && (IDENTITY_PROPERTIES as readonly string[]).includes(propertyName(parent.left));
      default:
        return false;
    }
  }
  return false;
}

function insideLogCall(value: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, settings: BackendPatternsSettings, typed: TypedContext | undefined): boolean {
  for (let current = value.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression && current.arguments.some((arg) => arg.range[0] <= value.range[0] && value.range[1] <= arg.range[1])) {
      const info = buildChain(current, { sourceCode, typed });
      return classifyLogCall(info.fact, settings, resolverFor(typed, info.nodes)) !== undefined;
    }
    if (current.type.endsWith('Statement') || isFunction(current)) return false;
  }
  return false;
}

/** The options object of a call, written inline or in a `const` in scope. */
function objectOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression | undefined {
  const value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(value), value.name);
  const definition = variable?.defs[0];
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.init === null || variable?.references.some((reference) => reference.isWrite() && reference.init !== true) === true) return undefined;
  const init = skipWrappers(definition.node.init);
  return init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
}

/** `(err, payload) => …` where `err` is never read, `(_, payload) => …`, or no parameters at all. */
function ignoresFirstParam(callback: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const first = callback.params[0];
  if (first === undefined) return true;
  if (first.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = sourceCode.getDeclaredVariables(callback).find((candidate) => candidate.name === first.name);
  return variable !== undefined && variable.references.length === 0;
}
