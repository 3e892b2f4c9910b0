import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import type ts from 'typescript';
import { HTTP_ROUTE_METHODS, type RouteFramework } from '../src/core/catalogs/frameworks.js';
import { classifyRouteRegistration, isNestRouteDecorator, layerOfFile } from '../src/core/classify/layer.js';
import { isResponseBodyTarget } from '../src/core/classify/response.js';
import {
  classifyInputSink,
  isCatchAllRoutePath,
  isModelConstruction,
  isNestPipeDecorator,
  isNestRequestDecorator,
  isValidationCall,
  isValidationMiddleware,
  judgeInputType,
  nestInputOf,
  requestInputOf,
  isScalarQueryKey,
  isSignatureCheckName,
  routeOptionsValidate,
  validatesRequestsBySpec,
  type InputSink,
  type InputTypeFacts,
  type RequestInputPart,
} from '../src/core/classify/validation.js';
import type { BackendPatternsSettings, LayerName } from '../src/core/settings.js';
import { packageDependenciesOf } from '../src/core/package-dependencies.js';
import { isFunction, walk, type FunctionNode } from '../src/eslint/ast.js';
import { identifierBinding } from '../src/eslint/bindings.js';
import { fileContext } from '../src/eslint/code-context.js';
import { createRule } from '../src/eslint/create-rule.js';
import { buildChain, chainNames, dottedName, propertyName, skipWrappers, valueFact } from '../src/eslint/facts.js';
import { fileNodes } from '../src/eslint/file-nodes.js';
import { isWithin } from '../src/eslint/functions.js';
import { decoratorNames } from '../src/eslint/layers.js';
import { settingsOf } from '../src/eslint/settings.js';
import { resolverFor, typedContext, type TypedContext } from '../src/eslint/typed.js';
import { tsApi } from '../src/eslint/typescript.js';

export type Options = [];
export type MessageId = 'unvalidatedInput' | 'unvalidatedNestInput';

const ROUTE_CALLEES: ReadonlySet<string> = new Set([...HTTP_ROUTE_METHODS, 'route', 'use', 'addHook']);
/** How far an input is followed through variables (`const body = req.body; const data = { ...body }`). */
const MAX_ALIAS_DEPTH = 3;

/** A route handler whose input is checked, with what the file says about its validation. */
interface Handler {
  readonly fn: FunctionNode;
  readonly framework: RouteFramework;
  /** The registration, the router or a pipe validates the input before the handler runs. */
  readonly validated: boolean;
  readonly nest: boolean;
}

/** Where one request input first appears in a handler, and how to name it in a message. */
interface InputSource {
  readonly node: TSESTree.Node;
  readonly label: string;
  readonly part: RequestInputPart;
  /** For NestJS parameters: why a ValidationPipe cannot check it. */
  readonly nestType?: string;
}

interface Finding {
  readonly node: TSESTree.Node;
  readonly source: InputSource;
  readonly sink: InputSink;
}

export default createRule<Options, MessageId>({
  name: 'require-input-validation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require request input to pass a schema validator before it reaches a service, repository, database call or response',
    },
    messages: {
      unvalidatedInput:
        "Request input '{{input}}' reaches '{{sink}}' without passing a schema validator, so whatever shape the client sends gets through. Validate it at the route (a zod / joi / yup schema, a validation middleware, a route schema) and pass on the validated value.",
      unvalidatedNestInput:
        "'{{input}}' is {{type}}, which a ValidationPipe cannot check, and it reaches '{{sink}}' unvalidated. Type it with a DTO class whose properties carry class-validator decorators, or bind a validating pipe to the parameter.",
    },
    schema: [],
  },
  create(context) {
    const settings = settingsOf(context);
    const { sourceCode } = context;
    return {
      Program(program) {
        const handlers = collectHandlers(program, sourceCode);
        if (handlers.length === 0) return;
        const file = fileContext(context);
        if (file.terminalProgram || !file.serverPackage || file.workerPath) return;
        // An OpenAPI request validator mounted on the app (express-openapi-validator) checks every route's input:
        // a run-time dependency of the file's own package (not a devDependency, not another package's).
        if (path.isAbsolute(context.filename)) {
          const dependencies = packageDependenciesOf(path.dirname(context.filename)) ?? [];
          if (validatesRequestsBySpec((name) => dependencies.includes(name))) return;
        }
        const typed = typedContext(context);
        const relativeFile = path.isAbsolute(context.filename) ? path.relative(context.cwd, context.filename) : context.filename;
        for (const handler of handlers) {
          if (handler.validated) continue;
          for (const finding of checkHandler(handler, { sourceCode, settings, typed, relativeFile })) {
            const sinkLabel = finding.sink.label;
            if (finding.source.nestType === undefined) {
              context.report({ node: finding.node, messageId: 'unvalidatedInput', data: { input: finding.source.label, sink: sinkLabel } });
            } else {
              context.report({ node: finding.node, messageId: 'unvalidatedNestInput', data: { input: finding.source.label, type: finding.source.nestType, sink: sinkLabel } });
            }
          }
        }
      },
    };
  },
});

interface CheckContext {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly settings: BackendPatternsSettings;
  readonly typed: TypedContext | undefined;
  readonly relativeFile: string;
}

// ---------------------------------------------------------------------------------------------
// Handlers: route registrations of this file and NestJS route methods.

function collectHandlers(program: TSESTree.Program, sourceCode: Readonly<TSESLint.SourceCode>): Handler[] {
  const nodes = fileNodes(sourceCode);
  const handlers: Handler[] = [];
  let routerValidates = false;
  for (const node of nodes.calls) {
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !ROUTE_CALLEES.has(propertyName(callee))) continue;
    if (propertyName(callee) === 'addHook') {
      // Fastify `addHook('preValidation', …)` validates every route of the instance.
      const hook = node.arguments[0];
      if (hook?.type === AST_NODE_TYPES.Literal && hook.value === 'preValidation') routerValidates = true;
      continue;
    }
    const chain = buildChain(node, { sourceCode });
    const registration = classifyRouteRegistration(chain.fact);
    if (registration === undefined) continue;
    const args = chain.fact.segments[chain.fact.segments.length - 1]?.call?.args ?? [];
    if (registration.method === 'use') {
      if (registration.handlerArgIndexes.some((index) => args[index] !== undefined && isValidationMiddleware(args[index]))) routerValidates = true;
      continue;
    }
    if ((registration.method === 'route' && registration.optionsArgIndex === undefined) || isCatchAllRoutePath(registration.path)) continue;
    const options = registration.optionsArgIndex === undefined ? undefined : args[registration.optionsArgIndex];
    const indexes = registration.handlerArgIndexes;
    const middlewares = indexes.slice(0, -1);
    // Fastify's shorthand is `(path, [options], handler)`: a middle argument that is no function is route options the file may define elsewhere.
    const fastifyOptions = registration.framework === 'fastify' && middlewares.some((index) => args[index] !== undefined && args[index].kind !== 'function' && args[index].kind !== 'call');
    const validated = fastifyOptions || routeOptionsValidate(options) || middlewares.some((index) => args[index] !== undefined && isValidationMiddleware(args[index]));
    const last = indexes[indexes.length - 1];
    const handlerNodes: TSESTree.Node[] = [];
    if (last !== undefined && node.arguments[last] !== undefined) handlerNodes.push(node.arguments[last]);
    const optionsNode = registration.optionsArgIndex === undefined ? undefined : skipWrappers(node.arguments[registration.optionsArgIndex] ?? node);
    if (optionsNode?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of optionsNode.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'handler') handlerNodes.push(property.value);
      }
    }
    for (const raw of handlerNodes) {
      const resolved = resolveHandler(raw, sourceCode);
      if (resolved !== undefined) handlers.push({ fn: resolved.fn, framework: registration.framework, validated: validated || resolved.wrappedByValidator, nest: false });
    }
  }
  for (const method of nodes.decoratedMethods) {
    const names = decoratorNames(method.decorators);
    if (!names.some(isNestRouteDecorator) || method.value.type !== AST_NODE_TYPES.FunctionExpression || isCatchAllRoutePath(nestRoutePath(method))) continue;
    const cls = method.parent.parent;
    const piped = [...names, ...decoratorNames(cls.decorators)].some(isNestPipeDecorator);
    handlers.push({ fn: method.value, framework: 'unknown', validated: piped, nest: true });
  }
  return routerValidates ? handlers.map((handler) => (handler.nest ? handler : { ...handler, validated: true })) : handlers;
}

/** The path of a NestJS route decorator: `@All('*path')` → `*path`. */
function nestRoutePath(method: TSESTree.MethodDefinition): string | undefined {
  for (const decorator of method.decorators) {
    const expression = skipWrappers(decorator.expression);
    if (expression.type !== AST_NODE_TYPES.CallExpression || !isNestRouteDecorator(dottedName(expression.callee))) continue;
    const first = expression.arguments[0];
    return first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : undefined;
  }
  return undefined;
}

/**
 * The function a handler argument stands for: a function literal, one wrapped in a call
 * (`asyncHandler(async (req, res) => …)`), or a function of this file passed by name. A wrapper
 * that names a validator or takes more than the function (`withValidation(schema, handler)`)
 * validates.
 */
function resolveHandler(raw: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): { fn: FunctionNode; wrappedByValidator: boolean } | undefined {
  const node = skipWrappers(raw);
  if (isFunction(node)) return { fn: node, wrappedByValidator: false };
  if (depth > 2) return undefined;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const inner = node.arguments.find((arg) => isFunction(skipWrappers(arg)) || arg.type === AST_NODE_TYPES.Identifier);
    if (inner === undefined) return undefined;
    const resolved = resolveHandler(inner, sourceCode, depth + 1);
    if (resolved === undefined) return undefined;
    const validating = node.arguments.length > 1 || isValidationCall(buildChain(node, { sourceCode }).fact);
    return { fn: resolved.fn, wrappedByValidator: resolved.wrappedByValidator || validating };
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs[0];
  if (definition === undefined) return undefined;
  if (definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return { fn: definition.node, wrappedByValidator: false };
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init != null) return resolveHandler(definition.node.init, sourceCode, depth + 1);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Sources: where request input enters a handler.

function checkHandler(handler: Handler, ctx: CheckContext): Finding[] {
  const sources = handler.nest ? nestSources(handler.fn, ctx) : requestSources(handler.fn, handler.framework, ctx.sourceCode);
  if (sources.length === 0) return [];
  const state = { validated: false, findings: [] as Finding[] };
  // A validator handed the request itself (`validationResult(req)`, `validateRequest(req, schema)`) validates it.
  const requestParam = handler.fn.params[0];
  if (!handler.nest && requestParam?.type === AST_NODE_TYPES.Identifier) {
    for (const reference of referencesOf(requestParam, ctx.sourceCode)) {
      const parent = skipUp(reference);
      if (parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.arguments.includes(parent as TSESTree.CallExpressionArgument) && isValidationCall(buildChain(parent.parent, { sourceCode: ctx.sourceCode }).fact)) return [];
    }
  }
  // A webhook handler that checks its sender's signature on the request (`signatureIsValid(rawBody, req.get('X-Signature'))`) trusts the signed body.
  if (checksSignature(handler.fn, ctx.sourceCode)) return [];
  for (const source of sources) follow(source.node, source, ctx, state, 0);
  if (state.validated) return [];
  const seen = new Set<TSESTree.Node>();
  return state.findings.filter((finding) => !seen.has(finding.node) && seen.add(finding.node));
}

/** Does the handler call a signature check (core `isSignatureCheckName`) of what the request carries (an argument reads the request parameter) in its own body? */
function checksSignature(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const request = fn.params[0];
  if (request?.type !== AST_NODE_TYPES.Identifier) return false;
  const references = referencesOf(request, sourceCode);
  let found = false;
  walk(fn.body, (node) => {
    if (found || (node !== fn.body && isFunction(node))) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const names = chainNames(node.callee);
      if (isSignatureCheckName(names[names.length - 1] ?? '') && node.arguments.some((argument) => references.some((reference) => isWithin(reference, argument)))) found = true;
    }
    return true;
  });
  return found;
}

/** Express / Fastify / Koa / Hono: reads of the body or query through the handler's first parameter. */
function requestSources(fn: FunctionNode, framework: RouteFramework, sourceCode: Readonly<TSESLint.SourceCode>): InputSource[] {
  const param = fn.params[0];
  if (param === undefined) return [];
  if (param.type === AST_NODE_TYPES.ObjectPattern) return patternSources(param, framework, '', sourceCode);
  if (param.type !== AST_NODE_TYPES.Identifier) return [];
  return referencesOf(param, sourceCode).flatMap((reference) => inputAt(reference, param.name, framework, sourceCode));
}

/** `({ body }, res) => …` or `const { body, query } = req`: the destructured names hold the input. */
function patternSources(pattern: TSESTree.ObjectPattern, framework: RouteFramework, prefix: string, sourceCode: Readonly<TSESLint.SourceCode>): InputSource[] {
  const sources: InputSource[] = [];
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
    const part = requestInputOf(framework, prefix === '' ? 'req' : prefix, [property.key.name]);
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (part === undefined || value.type !== AST_NODE_TYPES.Identifier) continue;
    for (const reference of referencesOf(value, sourceCode)) sources.push({ node: reference, label: property.key.name, part });
  }
  return sources;
}

/** The member path read from a reference of the request parameter: `req.body` → [body], `c.req.json()` → [req, json()]. */
function inputAt(reference: TSESTree.Identifier, parameterName: string, framework: RouteFramework, sourceCode: Readonly<TSESLint.SourceCode>): InputSource[] {
  const pathNames: string[] = [];
  let current: TSESTree.Node = reference;
  for (let step = 0; step < 3; step += 1) {
    const self = skipUp(current);
    const parent: TSESTree.Node | undefined = self.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === self && !parent.computed) {
      pathNames.push(propertyName(parent));
      current = parent;
      const part = requestInputOf(framework, parameterName, pathNames);
      const above = skipUp(current).parent;
      // `c.req.json()`: the call without arguments is the input.
      if (above?.type === AST_NODE_TYPES.CallExpression && above.callee === skipUp(current)) {
        const called = requestInputOf(framework, parameterName, [...pathNames.slice(0, -1), `${pathNames[pathNames.length - 1] ?? ''}()`]);
        if (called !== undefined && above.arguments.length === 0) return [{ node: above, label: sourceCode.getText(above), part: called }];
        return [];
      }
      if (part !== undefined) return wholeOrSpread(current, part, sourceCode);
      continue;
    }
    // `const { body } = req`
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === self && parent.id.type === AST_NODE_TYPES.ObjectPattern && pathNames.length === 0) {
      return patternSources(parent.id, framework, parameterName, sourceCode);
    }
    return [];
  }
  return [];
}

/**
 * The input node itself when it is used whole (`service.create(req.body)`, `{ ...req.body }`); a
 * field read (`req.body.user`) is only followed when it is spread (`{ ...req.body.user }`), which
 * proves an object. Single fields and scalars (`Number(req.query.page)`) are not the rule's concern.
 */
function wholeOrSpread(node: TSESTree.Node, part: RequestInputPart, sourceCode: Readonly<TSESLint.SourceCode>): InputSource[] {
  const self = skipUp(node);
  const parent = self.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === self) {
    let field: TSESTree.Node = parent;
    while (skipUp(field).parent?.type === AST_NODE_TYPES.MemberExpression && (skipUp(field).parent as TSESTree.MemberExpression).object === skipUp(field)) field = skipUp(field).parent as TSESTree.Node;
    const above = skipUp(field).parent;
    if (above?.type === AST_NODE_TYPES.SpreadElement && !(above.parent.type === AST_NODE_TYPES.CallExpression)) return [{ node: field, label: sourceCode.getText(field), part }];
    return [];
  }
  return [{ node, label: sourceCode.getText(node), part }];
}

/** NestJS: `@Body()` / `@Query()` parameters whose type a ValidationPipe cannot check, and `@Req() req` reads. */
function nestSources(fn: FunctionNode, ctx: CheckContext): InputSource[] {
  const sources: InputSource[] = [];
  for (const param of fn.params) {
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const named = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
    if (named.type !== AST_NODE_TYPES.Identifier) continue;
    for (const decorator of named.decorators) {
      const expression = skipWrappers(decorator.expression);
      const name = dottedName(expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression);
      if (isNestRequestDecorator(name)) {
        sources.push(...referencesOf(named, ctx.sourceCode).flatMap((reference) => inputAt(reference, named.name, 'express', ctx.sourceCode)));
        continue;
      }
      const args = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments.map((arg) => valueFact(arg, { sourceCode: ctx.sourceCode })) : [];
      const input = nestInputOf(name, args);
      if (input === undefined || input.piped) continue;
      const facts = inputTypeFacts(named, ctx);
      // One key of the query left without a type is one value of the URL; typed `any` / `unknown`, so is a
      // key named for a scalar (`@Query('_limit') limit: any`). Another (`@Query('filter') filter: any`)
      // may arrive as an object through the query parser and is judged, as is a key typed as an object.
      const key = args[0]?.kind === 'string' ? args[0].text : undefined;
      if (!input.whole && (facts.kind === 'none' || (facts.kind === 'keyword' && (facts.name === 'any' || facts.name === 'unknown') && key !== undefined && isScalarQueryKey(key)))) continue;
      // One key typed with a name the file only imports as a type (`@Query('type') type: AuthType`): untyped,
      // a union of strings as likely as an object, so the rule stays silent; typed, a key whose type is
      // primitive or a union of literals is one value of the URL.
      // Query and route keys only: one field of the body may well be an object (`@Body('product') product: CreateProductDto`),
      // and so may a query key named for one (`filter`, `where`).
      if (!input.whole && key !== undefined && input.part !== 'body' && !/^(?:filters?|where|data|options|criteria|input|payload|body|dto)$/i.test(key) &&
        (ctx.typed === undefined ? facts.kind === 'reference' && facts.typeOnlyImport === true : isScalarType(named, ctx.typed))) continue;
      const verdict = judgeInputType(facts);
      if (verdict !== 'unvalidated') continue;
      const label = `@${name.slice(name.lastIndexOf('.') + 1)}(${input.whole ? '' : ctx.sourceCode.getText(expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments[0] : expression)}) ${named.name}`;
      for (const reference of referencesOf(named, ctx.sourceCode)) sources.push({ node: reference, label, part: input.part, nestType: describeType(facts) });
    }
  }
  return sources;
}

function describeType(facts: InputTypeFacts): string {
  switch (facts.kind) {
    case 'none':
      return 'declared without a type';
    case 'literal':
      return 'typed with an inline object type';
    case 'keyword':
      return `typed '${facts.name}'`;
    case 'reference':
      if (facts.declaration === 'interface') return `typed with the interface '${facts.name}'`;
      if (facts.declaration === 'alias') return `typed with the type alias '${facts.name}'`;
      if (facts.typeOnlyImport === true) return `typed '${facts.name}' through a type-only import (no class at run time)`;
      if (facts.declaration === 'class') return `typed '${facts.name}', a class without validation decorators`;
      return `typed '${facts.name}'`;
    default:
      return 'of a type without class metadata';
  }
}

/** The declared type of a NestJS input parameter: syntax first (same-file declarations, imports); typed linting reads imported declarations. */
function inputTypeFacts(param: TSESTree.Identifier, ctx: CheckContext): InputTypeFacts {
  const annotation = param.typeAnnotation?.typeAnnotation;
  if (annotation === undefined) return { kind: 'none' };
  switch (annotation.type) {
    case AST_NODE_TYPES.TSAnyKeyword:
      return { kind: 'keyword', name: 'any' };
    case AST_NODE_TYPES.TSUnknownKeyword:
      return { kind: 'keyword', name: 'unknown' };
    case AST_NODE_TYPES.TSObjectKeyword:
      return { kind: 'keyword', name: 'object' };
    case AST_NODE_TYPES.TSStringKeyword:
    case AST_NODE_TYPES.TSNumberKeyword:
    case AST_NODE_TYPES.TSBooleanKeyword:
    case AST_NODE_TYPES.TSBigIntKeyword:
      return { kind: 'keyword', name: 'string' };
    case AST_NODE_TYPES.TSTypeLiteral:
      return { kind: 'literal' };
    case AST_NODE_TYPES.TSArrayType:
    case AST_NODE_TYPES.TSTupleType:
      return { kind: 'array' };
    case AST_NODE_TYPES.TSTypeReference:
      break;
    default:
      return { kind: 'union' };
  }
  const typeName = annotation.typeName;
  if (typeName.type !== AST_NODE_TYPES.Identifier) return { kind: 'reference', name: dottedTypeName(typeName), declaration: 'unknown' };
  const name = typeName.name;
  if (name === 'Array' || name === 'ReadonlyArray') return { kind: 'array' };
  const variable = ASTUtils.findVariable(ctx.sourceCode.getScope(param), name);
  const definition = variable?.defs[0];
  const untyped = ((): InputTypeFacts => {
    if (definition === undefined) return { kind: 'reference', name, declaration: 'unknown' };
    const node = definition.node;
    switch (node.type) {
      case AST_NODE_TYPES.TSInterfaceDeclaration:
        return { kind: 'reference', name, declaration: 'interface' };
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
        // `type AuthType = 'github' | 'google'`: a union of literals, one value of the URL.
        if (isLiteralUnion(node.typeAnnotation)) return { kind: 'union' };
        return { kind: 'reference', name, declaration: 'alias' };
      case AST_NODE_TYPES.TSEnumDeclaration:
        return { kind: 'reference', name, declaration: 'enum' };
      case AST_NODE_TYPES.ClassDeclaration:
        return { kind: 'reference', name, declaration: 'class', ...classDecoratorFacts(node) };
      case AST_NODE_TYPES.ImportSpecifier:
      case AST_NODE_TYPES.ImportDefaultSpecifier: {
        const declaration = node.parent;
        const typeOnly = (declaration.type === AST_NODE_TYPES.ImportDeclaration && declaration.importKind === 'type') || (node.type === AST_NODE_TYPES.ImportSpecifier && node.importKind === 'type');
        return { kind: 'reference', name, declaration: 'unknown', ...(typeOnly ? { typeOnlyImport: true } : {}) };
      }
      default:
        return { kind: 'reference', name, declaration: 'unknown' };
    }
  })();
  if (untyped.kind !== 'reference' || untyped.declaration !== 'unknown' || untyped.typeOnlyImport === true || ctx.typed === undefined) return untyped;
  return typedInputFacts(param, name, ctx.typed) ?? untyped;
}

function dottedTypeName(name: TSESTree.EntityName): string {
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  if (name.type === AST_NODE_TYPES.TSQualifiedName) return `${dottedTypeName(name.left)}.${name.right.name}`;
  return '';
}

/** A same-file class: its properties' decorators, and whether it extends a base this file does not show. */
function classDecoratorFacts(node: TSESTree.ClassDeclaration): { propertyDecorators: string[]; opaqueBase?: boolean } {
  // Class-level decorators count too: a project's `@ValidateWith(schema)` on the DTO.
  const propertyDecorators = [...decoratorNames(node.decorators), ...node.body.body.flatMap((member) =>
    member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.AccessorProperty ? decoratorNames(member.decorators) : [])];
  return node.superClass == null ? { propertyDecorators } : { propertyDecorators, opaqueBase: true };
}

/** Typed linting: the declaration of an imported parameter type (class with its decorated properties and bases, interface, alias). */
function isLiteralUnion(type: TSESTree.TypeNode): boolean {
  return type.type === AST_NODE_TYPES.TSUnionType && type.types.every((member) => member.type === AST_NODE_TYPES.TSLiteralType || member.type === AST_NODE_TYPES.TSStringKeyword || member.type === AST_NODE_TYPES.TSNumberKeyword || member.type === AST_NODE_TYPES.TSBooleanKeyword);
}

/** The parameter's type is a primitive, an enum, a literal or a union of those (`'github' | 'google'`), `null` and `undefined` aside. */
function isScalarType(param: TSESTree.Identifier, typed: TypedContext): boolean {
  const api = tsApi();
  const type = typed.typeOf(param);
  const scalar = api.TypeFlags.StringLike | api.TypeFlags.NumberLike | api.TypeFlags.BooleanLike | api.TypeFlags.EnumLike | api.TypeFlags.BigIntLike | api.TypeFlags.Null | api.TypeFlags.Undefined;
  const members = type.isUnion() ? type.types : [type];
  return members.every((member) => (member.flags & scalar) !== 0) && members.some((member) => (member.flags & (api.TypeFlags.Null | api.TypeFlags.Undefined)) === 0);
}

function typedInputFacts(param: TSESTree.Identifier, name: string, typed: TypedContext): InputTypeFacts | undefined {
  const api = tsApi();
  const type = typed.typeOf(param);
  // A named type that resolves to `any` is an import the program cannot resolve: types tell nothing.
  if ((type.flags & (api.TypeFlags.Any | api.TypeFlags.Unknown)) !== 0) return undefined;
  const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
  if (declaration === undefined) return undefined;
  // Types from packages (`Buffer`, a generated client's input types) are no DTO of the project: no judgement.
  const sourceFile = declaration.getSourceFile();
  if (sourceFile.fileName.includes('/node_modules/') || typed.services.program.isSourceFileDefaultLibrary(sourceFile)) return undefined;
  if (api.isInterfaceDeclaration(declaration)) return { kind: 'reference', name, declaration: 'interface' };
  if (api.isTypeAliasDeclaration(declaration) || api.isTypeLiteralNode(declaration)) return { kind: 'reference', name, declaration: 'alias' };
  if (api.isEnumDeclaration(declaration)) return { kind: 'reference', name, declaration: 'enum' };
  if (!api.isClassDeclaration(declaration)) return undefined;
  const facts = tsClassDecorators(declaration, typed, api, 0);
  return { kind: 'reference', name, declaration: 'class', propertyDecorators: facts.decorators, ...(facts.opaque ? { opaqueBase: true } : {}) };
}

function tsClassDecorators(declaration: ts.ClassDeclaration, typed: TypedContext, api: typeof ts, depth: number): { decorators: string[]; opaque: boolean } {
  const classDecorators = (api.getDecorators(declaration) ?? []).map((decorator) => (api.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression).getText().split('.').pop() ?? '');
  const decorators = classDecorators.concat(declaration.members.flatMap((member) => {
    if (!api.isPropertyDeclaration(member)) return [];
    return (api.getDecorators(member) ?? []).map((decorator) => {
      const expression = api.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
      return expression.getText().split('.').pop() ?? '';
    });
  }));
  const heritage = declaration.heritageClauses?.find((clause) => clause.token === api.SyntaxKind.ExtendsKeyword)?.types[0];
  if (heritage === undefined) return { decorators, opaque: false };
  // `extends PartialType(CreateDto)`, `extends createZodDto(schema)`: a mixin the checker does not read as a class declaration.
  if (!api.isIdentifier(heritage.expression) && !api.isPropertyAccessExpression(heritage.expression)) return { decorators, opaque: true };
  const base = typed.checker.getTypeAtLocation(heritage.expression).getSymbol()?.declarations?.find((item): item is ts.ClassDeclaration => api.isClassDeclaration(item));
  if (base === undefined || depth > 4) return { decorators, opaque: true };
  const inherited = tsClassDecorators(base, typed, api, depth + 1);
  return { decorators: [...decorators, ...inherited.decorators], opaque: inherited.opaque };
}

// ---------------------------------------------------------------------------------------------
// Flow: from an input to the call that receives it.

/** Up over TypeScript wrappers and `await`: `(req.body as CreateUser)`, `await c.req.json()`. */
function skipUp(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (
      parent !== undefined &&
      (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        parent.type === AST_NODE_TYPES.TSTypeAssertion || parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.AwaitExpression)
    ) {
      current = parent;
      continue;
    }
    return current;
  }
}

function referencesOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Identifier[] {
  const variable = sourceCode.getDeclaredVariables(identifier.parent).find((item) => item.name === identifier.name) ?? ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  if (variable === null) return [];
  return variable.references.filter((reference) => reference.isRead() && reference.identifier !== identifier).map((reference) => reference.identifier as TSESTree.Identifier);
}

/**
 * Follows an input up the expressions that carry it whole — spreads and property values of object
 * literals (`{ data: req.body }`, `{ ...body, userId }`), array elements, `Object.assign` — to
 * the call that receives it: a validator marks the handler validated, a sink records a finding.
 * Variables that take the input whole (`const body = req.body`, `const { id, ...rest } = body`)
 * are followed in turn.
 */
function follow(start: TSESTree.Node, source: InputSource, ctx: CheckContext, state: { validated: boolean; findings: Finding[] }, depth: number): void {
  let current = skipUp(start);
  for (let step = 0; step < 6; step += 1) {
    const parent = current.parent;
    if (parent === undefined) return;
    switch (parent.type) {
      case AST_NODE_TYPES.SpreadElement:
        if (parent.parent.type === AST_NODE_TYPES.ObjectExpression || parent.parent.type === AST_NODE_TYPES.ArrayExpression) {
          current = skipUp(parent.parent);
          continue;
        }
        if (parent.parent.type === AST_NODE_TYPES.CallExpression) receivedBy(parent.parent, start, source, ctx, state);
        return;
      case AST_NODE_TYPES.Property:
        if (parent.value !== current || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
        current = skipUp(parent.parent);
        continue;
      case AST_NODE_TYPES.ArrayExpression:
        current = skipUp(parent);
        continue;
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee === current) return;
        if (chainNames(parent.callee).join('.') === 'Object.assign') {
          current = skipUp(parent);
          continue;
        }
        receivedBy(parent, start, source, ctx, state);
        return;
      case AST_NODE_TYPES.NewExpression: {
        // `new User(req.body)` of an ORM model: the input becomes a row as it is.
        const callee = parent.callee;
        if (parent.callee === current || callee.type !== AST_NODE_TYPES.Identifier) return;
        if (isModelConstruction(identifierBinding(callee, ctx.sourceCode), callee.name, ctx.settings)) state.findings.push({ node: start, source, sink: { kind: 'db', label: `new ${callee.name}` } });
        return;
      }
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init !== current || depth >= MAX_ALIAS_DEPTH) return;
        for (const alias of aliasesOf(parent.id)) {
          for (const reference of referencesOf(alias, ctx.sourceCode)) follow(reference, source, ctx, state, depth + 1);
        }
        return;
      case AST_NODE_TYPES.AssignmentExpression: {
        if (parent.right !== current) return;
        const target = parent.left.type === AST_NODE_TYPES.MemberExpression ? chainNames(parent.left) : [];
        if (isResponseBodyTarget(target)) state.findings.push({ node: start, source, sink: { kind: 'response', label: target.join('.') } });
        return;
      }
      default:
        return;
    }
  }
}

/** Names that take a value whole: `const body = …`, the rest of `const { id, ...rest } = …`. */
function aliasesOf(id: TSESTree.Node): TSESTree.Identifier[] {
  if (id.type === AST_NODE_TYPES.Identifier) return [id];
  if (id.type === AST_NODE_TYPES.ObjectPattern) {
    const rest = id.properties.find((property): property is TSESTree.RestElement => property.type === AST_NODE_TYPES.RestElement);
    return rest?.argument.type === AST_NODE_TYPES.Identifier ? [rest.argument] : [];
  }
  return [];
}

function receivedBy(call: TSESTree.CallExpression, start: TSESTree.Node, source: InputSource, ctx: CheckContext, state: { validated: boolean; findings: Finding[] }): void {
  const info = buildChain(call, { sourceCode: ctx.sourceCode, typed: ctx.typed });
  if (isValidationCall(info.fact)) {
    state.validated = true;
    return;
  }
  const importedFromLayer = info.fact.segments.length === 1 ? importLayer(info.fact.rootImport, ctx) : undefined;
  const sink = classifyInputSink(info.fact, {
    settings: ctx.settings,
    ...(ctx.typed === undefined ? {} : { resolve: resolverFor(ctx.typed, info.nodes) }),
    ...(importedFromLayer === undefined ? {} : { importedFromLayer }),
  });
  if (sink !== undefined) state.findings.push({ node: start, source, sink });
}

/** The layer of a project module imported by relative path (`./users.service` → service), by the layer globs. */
function importLayer(specifier: string | undefined, ctx: CheckContext): LayerName | undefined {
  if (specifier?.startsWith('.') !== true) return undefined;
  const joined = path.join(path.dirname(ctx.relativeFile), specifier).replace(/\.[cm]?js$/, '');
  return layerOfFile(/\.[cm]?ts$/.test(joined) ? joined : `${joined}.ts`, ctx.settings);
}
