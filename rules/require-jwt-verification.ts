import path from 'node:path';
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { IDENTITY_PROPERTIES, UNTRUSTED_CLAIM_READS } from '../src/core/catalogs/auth.js';
import { classifyJwtCall, isAuthFunctionName, isHmacSecretKey, isHttpClientRequest, verifyLimitsAlgorithmsToKeyType, type JwtCallMatch } from '../src/core/classify/auth.js';
import { declaredVersionOf } from '../src/core/package-dependencies.js';
import type { BackendPatternsSettings } from '../src/core/settings.js';
import { isFunction, walk, type FunctionNode } from '../src/eslint/ast.js';
import { createRule } from '../src/eslint/create-rule.js';
import { buildChain, calleeName, parentOf, propertyName, skipWrappers } from '../src/eslint/facts.js';
import { enclosingFunction, functionName, isMiddlewareShaped } from '../src/eslint/functions.js';
import { insideLogCall } from '../src/eslint/logs.js';
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
    let limitsToKeyType: boolean | undefined;

    return {
      CallExpression(node) {
        const callee = skipWrappers(node.callee);
        const name = calleeName(callee);
        if (!JWT_FUNCTION_NAMES.has(name)) return;
        const match = jwtCall(node, sourceCode, typed);
        if (match === undefined) return;
        if (match.operation === 'decode') checkDecode(node, match);
        else checkVerify(node, match);
      },
    };

    function checkDecode(node: TSESTree.CallExpression, match: JwtCallMatch): void {
      const fn = enclosingFunction(node);
      const token = node.arguments[0];
      if (fn !== undefined && verifiesInside(fn, sourceCode, typed, token === undefined ? undefined : sourceCode.getText(token))) return;
      if (token !== undefined && fromHttpResponse(token, sourceCode, 0)) return;
      if (fn !== undefined && selectsVerifierOnly(fn, sourceCode)) return;
      const uses = usesOf(node, sourceCode, settings, typed);
      if (!uses.trusted) return;
      if (!uses.identity && (fn === undefined || !isAuthContext(fn))) return;
      context.report({ node, messageId: 'decodeTrusted', data: { call: match.label, advice: VERIFY_ADVICE[match.library] }, suggest: [] });
    }

    /** The package is on a jsonwebtoken whose `verify` takes the algorithms from the key's type (core `verifyLimitsAlgorithmsToKeyType`). */
    function keyTypePicksAlgorithms(): boolean {
      limitsToKeyType ??= path.isAbsolute(context.filename) && verifyLimitsAlgorithmsToKeyType(declaredVersionOf(path.dirname(context.filename), 'jsonwebtoken'));
      return limitsToKeyType;
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
        const key = args[1];
        // A token the server fetched itself over TLS (an identity provider's token endpoint, a signed metadata file) has no attacker to pick its algorithm.
        const fetched = args[0] !== undefined && fromHttpResponse(args[0], sourceCode, 0);
        if (known && !spread && algorithms === undefined && !fetched && (key === undefined || !isSecretKey(key, sourceCode, 0)) && !keyTypePicksAlgorithms()) context.report({ node, messageId: 'missingAlgorithms', data, suggest: [] });
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

/**
 * The function also verifies a token: decoding first to read the header (`kid`) is then fine. A
 * verify call of a JWT library, or the same token handed to a function named for verifying it
 * (`await this.verifySignature(tokenData.id_token, jwksUri, decoded.header.kid)`).
 */
function verifiesInside(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, typed: TypedContext | undefined, tokenText: string | undefined): boolean {
  let found = false;
  walk(fn.body, (child) => {
    if (found) return false;
    if (child.type !== AST_NODE_TYPES.CallExpression) return true;
    if (jwtCall(child, sourceCode, typed)?.operation === 'verify') found = true;
    const callee = skipWrappers(child.callee);
    const name = calleeName(callee);
    if (tokenText !== undefined && SIGNATURE_VERIFIER.test(name) && runsUnconditionally(child, fn) && child.arguments.some((arg) => sourceCode.getText(arg) === tokenText)) found = true;
    return true;
  });
  return found;
}

/** A function named for checking a token's signature: `verify`, `verifySignature`, `verifyJwt`, `verifyIdToken`, `verifyToken`; not `verifyTokenFormat`, `verifyNotRevoked`. */
const SIGNATURE_VERIFIER = /^_?verify(?:Jwt|JWT|Signature|IdToken|AccessToken|Token)?(?:Signature)?$/;

/** The call runs whenever its function does: no branch, condition or callback between them. */
function runsUnconditionally(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current = node.parent; current !== undefined && current !== fn.body; current = current.parent) {
    if (isFunction(current) || current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.LogicalExpression || current.type === AST_NODE_TYPES.SwitchCase || current.type === AST_NODE_TYPES.CatchClause) return false;
  }
  return true;
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

function usesOf(node: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, settings: BackendPatternsSettings, typed: TypedContext | undefined): Uses {
  let trusted = false;
  let identity = false;
  // `decode(token, { complete: true })` returns `{ header, payload, signature }`: its `.payload` is the claims.
  const visitValue = (value: TSESTree.Node, depth: number, complete: boolean): void => {
    if (depth > 3) {
      trusted = true;
      return;
    }
    if (reachesIdentity(value)) identity = true;
    if (insideLogCall(value, { sourceCode, settings, typed })) return;
    const parent = parentOf(value);
    if (parent === undefined) return;
    if (parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression) {
      visitValue(parent, depth, complete);
      return;
    }
    // `if (decoded)`, `!decoded`, `decoded && …`: testing that the token decoded trusts no claim.
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test === value) return;
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') return;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.left === value) return;
    if (parent.type === AST_NODE_TYPES.MemberExpression && skipWrappers(parent.object) === skipWrappers(value)) {
      const read = propertyName(parent);
      if (complete && read === 'payload') visitValue(parent, depth + 1, false);
      else if (!(UNTRUSTED_CLAIM_READS as readonly string[]).includes(read)) trusted = true;
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
        visitValue(reference.identifier, depth + 1, complete);
      }
      return;
    }
    trusted = true;
  };
  visitValue(node, 0, decodesComplete(node, sourceCode));
  return { trusted, identity };
}

/** `jwt.decode(token, { complete: true })`: the result wraps the payload with the header and signature. */
function decodesComplete(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const options = call.arguments[1] === undefined ? undefined : objectOf(call.arguments[1], sourceCode);
  return options?.properties.some((property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'complete' &&
    property.value.type === AST_NODE_TYPES.Literal && property.value.value === true) === true;
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

/**
 * The key of `jwt.verify(token, key)` is a shared HMAC secret: named so (`SECRET`, `jwtSecret`,
 * `config.jwt.secret`, `process.env.JWT_SECRET`, a getter `getJwtSecret()`), a string literal that is no PEM, or a `const`
 * initialised with one of those (`x ?? ''` and `Buffer.from(x)` look through).
 */
function isSecretKey(raw: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  const node = skipWrappers(raw);
  if (depth > 3) return false;
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' && isHmacSecretKey({ kind: 'text', text: node.value });
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.length === 0 && isHmacSecretKey({ kind: 'text', text: node.quasis[0]?.value.cooked ?? '' });
    case AST_NODE_TYPES.MemberExpression: {
      const name = node.computed && node.property.type === AST_NODE_TYPES.Literal ? String(node.property.value) : propertyName(node);
      return name !== '' && isHmacSecretKey({ kind: 'name', name });
    }
    case AST_NODE_TYPES.LogicalExpression:
      return isSecretKey(node.left, sourceCode, depth + 1) && isSecretKey(node.right, sourceCode, depth + 1);
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipWrappers(node.callee);
      // A getter named for the secret (`getJWTAuthTokenSecret()`, `config.getJwtSecret()`), as a name is read above.
      const getter = calleeName(callee);
      // Also one that ends in the word (`resetPasswordSecret()`, `jwtSecret()`): it returns the secret it names.
      if (node.arguments.length === 0 && (/^get[A-Z_]/.test(getter) || /(?:^s|S)ecret$|_SECRET$/.test(getter)) && isHmacSecretKey({ kind: 'name', name: getter })) return true;
      const isBufferFrom = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Buffer' && propertyName(callee) === 'from';
      return isBufferFrom && node.arguments[0] !== undefined && isSecretKey(node.arguments[0], sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.Identifier: {
      if (isHmacSecretKey({ kind: 'name', name: node.name })) return true;
      const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0];
      return definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init != null &&
        definition.parent?.type === AST_NODE_TYPES.VariableDeclaration && definition.parent.kind === 'const' && isSecretKey(definition.node.init, sourceCode, depth + 1);
    }
    default:
      return false;
  }
}

/**
 * The token came from an HTTP client's response (`(await fetch(url).then((r) => r.json())).id_token`,
 * `const { data } = await axios.post(…)`), not from a request: a server that fetched it from an
 * identity provider's token endpoint over TLS. A parameter is followed to every call of its
 * function in the file (`this.verify_(response.id_token)`); all of them must pass such a token.
 */
function fromHttpResponse(raw: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  const node = skipWrappers(raw);
  if (depth > 6) return false;
  switch (node.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return fromHttpResponse(node.argument, sourceCode, depth + 1);
    case AST_NODE_TYPES.MemberExpression:
      return fromHttpResponse(node.object, sourceCode, depth + 1);
    case AST_NODE_TYPES.CallExpression: {
      if (isHttpClientRequest(buildChain(node, { sourceCode }).fact)) return true;
      const callee = skipWrappers(node.callee);
      // The OAuth code exchange: a call named for tokens given the authorization code
      // (`await oauth2Client.getToken(code)`, `this.authService.getTokenFromGoogle(code)`) answers from the token endpoint.
      if (TOKEN_EXCHANGE.test(calleeName(callee)) && node.arguments.some(isAuthorizationCode)) return true;
      // openid-client's grants (`await authorizationCodeGrant(config, url, { expectedNonce })`, `client.callback(…)`):
      // the token endpoint's answer, which the library has checked (state, nonce, issuer).
      if (isOpenIdClientGrant(node, sourceCode)) return true;
      // `fetch(url).then((r) => r.json())`, `(await fetch(url)).json()`, `firstValueFrom(this.httpService.post(…))`.
      if (callee.type === AST_NODE_TYPES.MemberExpression && ['then', 'json', 'text', 'pipe', 'toPromise'].includes(propertyName(callee))) return fromHttpResponse(callee.object, sourceCode, depth + 1);
      if (callee.type === AST_NODE_TYPES.Identifier && ['firstValueFrom', 'lastValueFrom'].includes(callee.name) && node.arguments[0] !== undefined) return fromHttpResponse(node.arguments[0], sourceCode, depth + 1);
      return false;
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
      const definition = variable?.defs[0];
      if (variable === null || definition === undefined) return false;
      if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return false;
      if (definition.type === TSESLint.Scope.DefinitionType.Variable) return definition.node.init != null && fromHttpResponse(definition.node.init, sourceCode, depth + 1);
      if (definition.type === TSESLint.Scope.DefinitionType.Parameter && isFunction(definition.node)) {
        const position = definition.node.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === node.name);
        const calls = callsOf(definition.node, sourceCode);
        return position !== -1 && calls.length > 0 && calls.every((call) => call.arguments[position] !== undefined && fromHttpResponse(call.arguments[position], sourceCode, depth + 1));
      }
      return false;
    }
    default:
      return false;
  }
}

const OPENID_CLIENT_GRANT = /^[a-z][A-Za-z]*Grant$/;

/**
 * A grant of openid-client: a function of the package named for one, imported by value
 * (`import { authorizationCodeGrant } from 'openid-client'`) or read from its namespace
 * (`client.authorizationCodeGrant(…)` with `import * as client from 'openid-client'`).
 */
function isOpenIdClientGrant(node: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const callee = skipWrappers(node.callee);
  const name = calleeName(callee);
  const root = callee.type === AST_NODE_TYPES.MemberExpression ? skipWrappers(callee.object) : callee;
  if (!OPENID_CLIENT_GRANT.test(name) || root.type !== AST_NODE_TYPES.Identifier) return false;
  return sourceCode.ast.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      statement.importKind !== 'type' &&
      statement.source.value === 'openid-client' &&
      statement.specifiers.some((specifier) => specifier.local.name === root.name && !(specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') && (callee.type === AST_NODE_TYPES.Identifier ? specifier.type === AST_NODE_TYPES.ImportSpecifier : specifier.type !== AST_NODE_TYPES.ImportSpecifier)),
  );
}

/** A function named for getting tokens from a provider (`getToken`, `getTokenFromGoogle`, `getOAuth2Token`, `exchangeCodeForTokens`); not `takeToken`, `getStoredToken`. */
const TOKEN_EXCHANGE = /^(?:get|exchange|fetch|request|obtain|retrieve)(?![A-Za-z\d]*(?:Stored|Saved|Cached|Pending|Pairing|Session|Local))[A-Za-z\d]*Tokens?(?:[A-Z][A-Za-z\d]*)?$/;

/** An OAuth authorization code handed on: `code`, `authorizationCode`, `body.code`, `{ code, redirect_uri }`. */
function isAuthorizationCode(raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier) return /^(?:code|authCode|authorizationCode|authorization_code|oauthCode)$/.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) return !node.computed && node.property.type === AST_NODE_TYPES.Identifier && /^(?:code|authorizationCode)$/.test(node.property.name);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return node.properties.some((property) => property.type === AST_NODE_TYPES.Property && isAuthorizationCode(property.key) && (property.shorthand || isAuthorizationCode(property.value)));
  return false;
}

/** The calls of a function in this file: `name(…)` for a declared or `const` function, `this.name(…)` for a method. */
function callsOf(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  const name = functionName(fn);
  if (name === undefined) return [];
  const viaThis = fn.parent.type === AST_NODE_TYPES.MethodDefinition || fn.parent.type === AST_NODE_TYPES.PropertyDefinition;
  const calls: TSESTree.CallExpression[] = [];
  walk(sourceCode.ast, (child) => {
    if (child.type !== AST_NODE_TYPES.CallExpression) return true;
    const callee = skipWrappers(child.callee);
    if (viaThis ? callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && propertyName(callee) === name : callee.type === AST_NODE_TYPES.Identifier && callee.name === name) calls.push(child);
    return true;
  });
  return calls;
}

/**
 * The function only answers "is this token of kind X?" to pick a verifier: it is not exported, all
 * its returns are boolean tests, and every call of it in the file is the test of an `if` / `?:`
 * whose two branches each call a verifier (`isServiceToken(req) ? this.serviceAuth(ctx) : verifyUser(ctx)`).
 * The claim read there decides which check runs, and the chosen check verifies the token.
 */
function selectsVerifierOnly(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (isExported(fn)) return false;
  const returns: TSESTree.ReturnStatement[] = [];
  walk(fn.body, (child) => {
    if (child !== fn.body && isFunction(child)) return false;
    if (child.type === AST_NODE_TYPES.ReturnStatement) returns.push(child);
    return true;
  });
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement && !isBooleanTest(fn.body)) return false;
  if (returns.some((statement) => statement.argument === null || !isBooleanTest(statement.argument))) return false;
  const calls = callsOf(fn, sourceCode);
  return calls.length > 0 && calls.every((call) => {
    const parent = parentOf(call);
    if ((parent?.type !== AST_NODE_TYPES.IfStatement && parent?.type !== AST_NODE_TYPES.ConditionalExpression) || parent.test !== call || parent.alternate == null) return false;
    return callsVerifier(parent.consequent) && callsVerifier(parent.alternate);
  });
}

function isBooleanTest(raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'boolean';
  if (node.type === AST_NODE_TYPES.UnaryExpression) return node.operator === '!';
  if (node.type === AST_NODE_TYPES.BinaryExpression) return ['===', '!==', '==', '!=', '<', '>', '<=', '>=', 'in', 'instanceof'].includes(node.operator);
  if (node.type === AST_NODE_TYPES.LogicalExpression) return isBooleanTest(node.left) && isBooleanTest(node.right);
  return false;
}

/** A branch that calls a function named for authentication or verification (`this.userServiceAuth(ctx)`, `authorizationVerifier(ctx)`). */
function callsVerifier(branch: TSESTree.Node): boolean {
  let found = false;
  walk(branch, (child) => {
    if (found) return false;
    if (child.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipWrappers(child.callee);
      const name = calleeName(callee);
      if (name !== '' && (isAuthFunctionName(name) || /verif/i.test(name))) found = true;
    }
    return true;
  });
  return found;
}

function isExported(fn: FunctionNode): boolean {
  let current: TSESTree.Node = fn.parent;
  for (;;) {
    if (current.type === AST_NODE_TYPES.ExportNamedDeclaration || current.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
    if (current.type === AST_NODE_TYPES.Program || isFunction(current) || current.type === AST_NODE_TYPES.ClassBody) return false;
    current = current.parent;
  }
}
