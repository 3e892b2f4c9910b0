import {
  EXPRESS_VALIDATOR_BUILDERS,
  FASTIFY_SCHEMA_KEYS,
  FASTIFY_VALIDATION_HOOKS,
  NEST_INPUT_DECORATORS,
  NEST_PIPE_DECORATORS,
  NEST_REQUEST_DECORATORS,
  NON_VALIDATING_PROPERTY_DECORATORS,
  REQUEST_INPUT_PATHS,
  SPEC_REQUEST_VALIDATOR_PACKAGES,
  UNVALIDATABLE_TYPE_NAMES,
  VALIDATION_METHODS,
  VALIDATION_NAME_WORDS,
  VALIDATOR_PACKAGES,
  type RequestInputPart,
} from '../catalogs/validators.js';
import type { RouteFramework } from '../catalogs/frameworks.js';
import type { BindingFact, ChainFact, ResolveDeclaredIn, ValueFact } from '../facts.js';
import type { BackendPatternsSettings, LayerName } from '../settings.js';
import { collaboratorKindOfName } from './collaborator.js';
import { receiverEvidence } from './evidence.js';
import { chainNamesOf, lastName, nameParts, packageNameOf } from './names.js';
import { layerOfClass } from './layer.js';
import { classifyQuery, isRepositoryName } from './query.js';
import { classifyResponseSend } from './response.js';

export type { RequestInputPart } from '../catalogs/validators.js';

const METHODS: ReadonlySet<string> = new Set(VALIDATION_METHODS);
/** Words naming a request's input in a check's name. */
const INPUT_WORDS: ReadonlySet<string> = new Set(['param', 'params', 'query', 'input', 'inputs', 'body', 'payload', 'dto', 'args', 'arguments', 'fields', 'form']);
const NAME_WORDS: ReadonlySet<string> = new Set(VALIDATION_NAME_WORDS);
const EXPRESS_VALIDATOR: ReadonlySet<string> = new Set(EXPRESS_VALIDATOR_BUILDERS);
const SCHEMA_KEYS: ReadonlySet<string> = new Set(FASTIFY_SCHEMA_KEYS);
const VALIDATION_HOOKS: ReadonlySet<string> = new Set(FASTIFY_VALIDATION_HOOKS);
const NON_VALIDATING: ReadonlySet<string> = new Set(NON_VALIDATING_PROPERTY_DECORATORS);
const UNVALIDATABLE: ReadonlySet<string> = new Set(UNVALIDATABLE_TYPE_NAMES);

/** `true` when a module specifier is a schema validator's package (`zod`, `joi`, `class-validator`, `@hono/zod-validator`). */
export function isValidatorPackage(specifier: string | undefined): boolean {
  const name = packageNameOf(specifier);
  return name !== undefined && Object.hasOwn(VALIDATOR_PACKAGES, name);
}

/**
 * Does the package validate requests against an OpenAPI document before any handler runs? It
 * declares one of `SPEC_REQUEST_VALIDATOR_PACKAGES` among its run-time dependencies (`hasDependency`:
 * the file's nearest package.json lists the name; a devDependency, a mock server's, does not count). Such a middleware rejects a body or query the document does not
 * allow, so a route file's handlers read checked input although the file shows no validator.
 */
export function validatesRequestsBySpec(hasDependency: (name: string) => boolean): boolean {
  return SPEC_REQUEST_VALIDATOR_PACKAGES.some(hasDependency);
}

/**
 * A webhook signature check (`verifySignature(rawBody, header)`, `signatureIsValid(…)`,
 * `isValidSignature(…)`, `assertWebhookSignature(…)`): a handler that makes one on the request trusts
 * its body because its sender signed it, whatever argument carries the bytes (often a raw copy of the
 * body). A flag about signatures (`isSignatureRequired`, `checkSignatureStatus`) is no check.
 */
export function isSignatureCheckName(name: string): boolean {
  const parts = nameParts(name);
  return parts.includes('signature') && parts.some((part) => SIGNATURE_CHECK_WORDS.has(part));
}

const SIGNATURE_CHECK_WORDS: ReadonlySet<string> = new Set(['verify', 'verified', 'valid', 'validate', 'assert', 'matches', 'match']);

/** A name that says it validates: `validateBody`, `UserSchema`, `parseInput`, `koaGuard`, `celebrate`. */
export function isValidationName(name: string): boolean {
  return nameParts(name).some((word) => NAME_WORDS.has(word));
}

/**
 * `true` when a call checks its argument against a schema (SPEC §4 `require-input-validation`):
 * a validator method (`schema.parse(x)`, `schema.safeParse(x)`, `schema.validate(x)`,
 * `Joi.attempt(x, s)`, `validateOrReject(dto)`, `validationResult(req)`, `v.parse(S, x)`), a call
 * of anything rooted at a validator package's import (`z.object({…}).parse`, `Value.Check(T, x)`),
 * or a name that says it validates (`validateBody(x)`, `this.validator.check(x)`,
 * `UserSchema.create(x)`, `parseQuery(x)`). Generous on purpose: a match keeps the rule silent.
 * Methods shared with data access (`create`, `is`, `check`) need the validator import or a
 * validating name in the chain.
 */
export function isValidationCall(chain: ChainFact): boolean {
  const names = chainNamesOf(chain);
  const method = names[names.length - 1];
  if (method === undefined) return false;
  if (isValidatorPackage(chain.rootImport)) return true;
  if (METHODS.has(method)) return true;
  // Type guards and assertion functions: `isCreateUserInput(body)`, `assertOrder(body)`.
  if (/^(?:is|assert|ensure)[A-Z]/.test(method)) return true;
  // A check of the request's input by its name (`checkQueryParams(page, sort)`, `checkBody(b)`); `checkAuth(req)`, `checkRateLimit(ip)` check something else.
  if (/^check[A-Z]/.test(method) && nameParts(method).some((word) => INPUT_WORDS.has(word))) return true;
  return names.some((name) => isValidationName(name));
}

/**
 * `true` for a route middleware (an argument before the final handler) that validates the
 * request: a call or reference named like a validator (`validate(schema)`, `validateBody(S)`,
 * `validator.body(S)`, `celebrate({...})`, `zValidator('json', S)`, `koaGuard({ body })`,
 * `checkSchema({...})`), express-validator chains (`body('email').isEmail()`), or an array of
 * middlewares holding one; and a raw-body parser (`express.raw()`), after which the body is bytes.
 */
export function isValidationMiddleware(value: ValueFact): boolean {
  switch (value.kind) {
    case 'array':
      return value.elements.some(isValidationMiddleware);
    case 'identifier':
      return isValidationName(value.name);
    case 'member':
      return value.path.some((name) => isValidationName(name));
    case 'call': {
      const segments = value.chain.segments;
      if (isValidationCall(value.chain)) return true;
      // `express.raw({ type: 'application/json' })`: the body stays bytes for a signature check, not an object the client shaped.
      if (segments.length === 2 && segments[1]?.name === 'raw' && (segments[0]?.name === 'express' || segments[0]?.name === 'bodyParser')) return true;
      const root = segments[0];
      if (root?.call !== undefined && EXPRESS_VALIDATOR.has(root.name) && (isValidatorPackage(value.chain.rootImport) || segments.length > 1 || root.name.startsWith('check'))) return true;
      return segments.some((segment) => segment.call?.args.some((arg) => arg.kind === 'identifier' && isValidationName(arg.name)) === true);
    }
    default:
      return false;
  }
}

function objectEntries(value: ValueFact | undefined): ReadonlyMap<string, ValueFact> {
  return new Map(value?.kind === 'object' ? value.properties.flatMap((property) => (property.key === undefined ? [] : [[property.key, property.value] as const])) : []);
}

/**
 * `true` when route options validate the request: Fastify's `schema` with `body` / `querystring`
 * / `query` / `params` / `headers` (a schema variable counts: `{ schema: createUserSchema }`), a
 * `preValidation` hook or a `validatorCompiler`, a hook that is a validation middleware, a
 * `validate` key (koa-joi-router, hapi's `options: { validate }`), or options the file does not show.
 */
export function routeOptionsValidate(options: ValueFact | undefined): boolean {
  if (options?.kind !== 'object') return false;
  if (options.spreads.length > 0) return true;
  const entries = objectEntries(options);
  for (const [key, value] of entries) {
    if (VALIDATION_HOOKS.has(key)) return true;
    // koa-joi-router / hapi `validate: { body }`, `options: { validate: { payload } }`.
    if (key !== 'schema' && isValidationName(key)) return true;
    if (key === 'options' || key === 'config') {
      if (value.kind !== 'object' || [...objectEntries(value).keys()].some((name) => isValidationName(name))) return true;
    }
    if (key === 'schema') {
      if (value.kind !== 'object') return true;
      if (value.spreads.length > 0 || [...objectEntries(value).keys()].some((name) => SCHEMA_KEYS.has(name))) return true;
    }
    if ((key === 'preHandler' || key === 'onRequest' || key === 'preParsing') && isValidationMiddleware(value)) return true;
  }
  return false;
}

/**
 * What a member path rooted at a route handler's first parameter reads, by framework:
 * `['body']` on Express / Fastify, `['request', 'body']` or `['query']` on Koa,
 * `['req', 'json()']` or `['req', 'query()']` on Hono (a call without arguments). An unknown
 * framework is judged by the parameter's name: `ctx` / `context` → Koa, `c` → Hono, else Express.
 */
export function requestInputOf(framework: RouteFramework, parameterName: string, path: readonly string[]): RequestInputPart | undefined {
  const shape = framework !== 'unknown' ? framework : parameterName === 'ctx' || parameterName === 'context' ? 'koa' : parameterName === 'c' ? 'hono' : 'express';
  // Koa's ctx also carries the response body (`ctx.body`); Hono's context is no request: by name, a Hono context can be `ctx` too.
  const shapes: readonly (keyof typeof REQUEST_INPUT_PATHS)[] = framework === 'unknown' && shape === 'koa' ? ['koa', 'hono'] : [shape];
  for (const candidate of shapes) {
    for (const part of ['body', 'query'] as const) {
      const paths: readonly (readonly string[])[] = REQUEST_INPUT_PATHS[candidate][part];
      if (paths.some((expected) => expected.length === path.length && expected.every((name, index) => name === path[index]))) return part;
    }
  }
  return undefined;
}

/**
 * `true` for a catch-all route (`app.all('*', …)`, `@All('*path')`, `/proxy/(.*)`): a proxy or mock
 * server that accepts whatever the client sends by design, so no schema can describe its input.
 */
export function isCatchAllRoutePath(path: string | undefined): boolean {
  return path !== undefined && (path.includes('*') || path.includes('(.*)'));
}

/** A NestJS handler parameter that receives request input. */
export interface NestInputParameter {
  readonly part: RequestInputPart;
  /** `@Body()` without a key: the whole body. `@Body('user')` picks one property. */
  readonly whole: boolean;
  /** A pipe is bound on the parameter itself: `@Body(new ValidationPipe())`, `@Query(ParseQueryPipe)`. */
  readonly piped: boolean;
}

/**
 * Judges a NestJS parameter decorator (`Body`, `nest.Query`) and its arguments: the part of the
 * request it injects, whether it is the whole object and whether a pipe is bound on it.
 */
export function nestInputOf(decorator: string, args: readonly ValueFact[]): NestInputParameter | undefined {
  const name = decorator.slice(decorator.lastIndexOf('.') + 1);
  if (!Object.hasOwn(NEST_INPUT_DECORATORS, name)) return undefined;
  const part = NEST_INPUT_DECORATORS[name as keyof typeof NEST_INPUT_DECORATORS];
  const first = args[0];
  const keyed = first?.kind === 'string' || first?.kind === 'template';
  const pipes = keyed ? args.slice(1) : args;
  return { part, whole: !keyed, piped: pipes.length > 0 };
}

/**
 * A query-string key that names one scalar — a page, a size, a sort, a search term, a date, an id
 * (`page`, `_limit`, `orderBy`, `q`, `since`, `projectId`) — not an object a client may send nested
 * through the query parser (`filter`, `where`, `data`).
 */
export function isScalarQueryKey(key: string): boolean {
  return /^_?(?:page|limit|offset|skip|take|size|per_?page|page_?size|page_?number|sort|sort_?by|order|order_?by|direction|dir|q|query|search|term|keyword|cursor|after|before|lang|locale|language|from|to|since|until|start|end|date|year|month|id|[a-z]+Id|[a-z]+_id)$/i.test(key);
}

/** `true` for `@Req()` / `@Request()`: the parameter is the framework's request object. */
export function isNestRequestDecorator(decorator: string): boolean {
  return (NEST_REQUEST_DECORATORS as readonly string[]).includes(decorator.slice(decorator.lastIndexOf('.') + 1));
}

/** `true` for `@UsePipes(...)` on a handler or controller. */
export function isNestPipeDecorator(decorator: string): boolean {
  return (NEST_PIPE_DECORATORS as readonly string[]).includes(decorator.slice(decorator.lastIndexOf('.') + 1));
}

/** `true` for a property decorator that checks a value (class-validator's `@IsEmail()`, a custom `@IsCurrency()`), not one that documents or maps it. */
export function isValidatingPropertyDecorator(decorator: string): boolean {
  return !NON_VALIDATING.has(decorator.slice(decorator.lastIndexOf('.') + 1));
}

/**
 * The declared type of a `@Body()` / `@Query()` parameter, as either engine sees it:
 * - `none`: no annotation; `keyword`: `any`, `unknown`, `object`, a primitive (`name` says which);
 * - `literal`: an inline object type; `array`, `union`: arrays and unions;
 * - `reference`: a named type, with what its declaration is when known (`class` with its
 *   decorated properties and whether it extends something, `interface`, `alias`) or `unknown`
 *   (imported, untyped), and whether the import is type-only.
 */
export type InputTypeFacts =
  | { readonly kind: 'none' | 'literal' | 'array' | 'union' }
  | { readonly kind: 'keyword'; readonly name: string }
  | {
      readonly kind: 'reference';
      readonly name: string;
      readonly declaration: 'class' | 'interface' | 'alias' | 'enum' | 'unknown';
      /** class: property decorator names, all properties (inherited ones included when known). */
      readonly propertyDecorators?: readonly string[];
      /** class: extends a base the engine could not read (`PartialType(CreateDto)`, an imported class untyped). */
      readonly opaqueBase?: boolean;
      readonly typeOnlyImport?: boolean;
    };

export type InputTypeVerdict = 'validated' | 'unvalidated' | 'scalar' | 'unknown';

const SCALAR_KEYWORDS: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'bigint', 'symbol', 'never', 'void', 'null', 'undefined']);

/**
 * Can a `ValidationPipe` check a parameter of this type
 * (https://docs.nestjs.com/techniques/validation#auto-validation)? It validates a class whose
 * properties carry class-validator decorators; it lets through anything whose runtime metadata is
 * `Object` — no annotation, `any` / `object`, an inline type, an interface, a type alias, a
 * mapped generic (`Record`, `Partial`), a type-only import — and a class with no validating
 * decorator. Primitives are scalars; arrays, unions and classes the engine cannot read stay unknown.
 */
export function judgeInputType(facts: InputTypeFacts): InputTypeVerdict {
  switch (facts.kind) {
    case 'none':
    case 'literal':
      return 'unvalidated';
    case 'array':
    case 'union':
      return 'unknown';
    case 'keyword':
      return SCALAR_KEYWORDS.has(facts.name) ? 'scalar' : 'unvalidated';
    case 'reference': {
      if (UNVALIDATABLE.has(facts.name)) return 'unvalidated';
      if (facts.name === 'String' || facts.name === 'Number' || facts.name === 'Boolean' || facts.name === 'Date') return 'scalar';
      if (facts.declaration === 'enum') return 'scalar';
      if (facts.declaration === 'interface' || facts.declaration === 'alias') return 'unvalidated';
      if (facts.typeOnlyImport === true) return 'unvalidated';
      if (facts.declaration !== 'class') return 'unknown';
      if ((facts.propertyDecorators ?? []).some(isValidatingPropertyDecorator)) return 'validated';
      return facts.opaqueBase === true ? 'unknown' : 'unvalidated';
    }
    default:
      return 'unknown';
  }
}

/**
 * `true` for a class constructed with request input that the file shows is an ORM model
 * (`new User(req.body)` then `save()`: Mongoose, Sequelize `build`-style, TypeORM entities):
 * the input becomes a row as it is.
 */
export function isModelConstruction(binding: BindingFact | undefined, className: string, settings: BackendPatternsSettings): boolean {
  return receiverEvidence(binding, className, settings).role === 'model';
}

/** Where unvalidated input ends up. */
export interface InputSink {
  readonly kind: 'db' | 'repository' | 'service' | 'response';
  /** The call as written: `this.usersService.create`, `prisma.user.update`, `res.json`. */
  readonly label: string;
}

export interface SinkContext {
  readonly settings: BackendPatternsSettings;
  readonly resolve?: ResolveDeclaredIn;
  /**
   * For a call of a bare imported function (`createUser(req.body)`): the layer of the module it is
   * imported from (`./users.service` → service), computed by the adapter from the file's path.
   */
  readonly importedFromLayer?: LayerName;
}

function chainText(chain: ChainFact): string {
  return chain.segments.map((segment) => segment.name).join('.');
}

/**
 * Is a call one that request input must not reach unvalidated (SPEC §4 `require-input-validation`)?
 * A DB query (`classifyQuery`: `prisma.user.create`, `User.create`, `this.repo.save`), a call on a
 * repository or a service the file shows (`this.usersService.create` on an injected member,
 * `orderService.place` imported from the project, `UserService.update`), a bare function imported
 * from a service or repository module (`createUser` from `./user.service`), or a response
 * (`res.json`, `reply.send`, `c.json`). Other calls — local helpers, libraries — are unknown
 * ground: no report.
 */
export function classifyInputSink(chain: ChainFact, context: SinkContext): InputSink | undefined {
  const segments = chain.segments;
  const last = segments[segments.length - 1];
  if (last?.call === undefined || last.isNew === true) return undefined;
  const label = chainText(chain);
  if (classifyResponseSend(chain, context.resolve) !== undefined) return { kind: 'response', label };
  if (classifyQuery(chain, { settings: context.settings, ...(context.resolve === undefined ? {} : { resolve: context.resolve }) }) !== undefined) return { kind: 'db', label };
  if (segments.length === 1) {
    if (chain.rootImport === undefined || packageNameOf(chain.rootImport) !== undefined) return undefined;
    return context.importedFromLayer === 'service' || context.importedFromLayer === 'repository' ? { kind: context.importedFromLayer, label } : undefined;
  }
  // The receiver is the root or the `this` field it starts with; it must be the last step before the method.
  const viaThis = segments[0]?.name === 'this';
  const receiverIndex = viaThis ? 1 : 0;
  if (receiverIndex !== segments.length - 2) return undefined;
  const receiver = segments[receiverIndex];
  if (receiver === undefined || receiver.call !== undefined) return undefined;
  const binding = chain.binding;
  if (binding === undefined || binding.kind === 'unbound' || binding.length - 1 !== receiverIndex) return undefined;
  const evidence = receiverEvidence(binding, receiver.name, context.settings);
  if (evidence.role === 'not-data') return undefined;
  if (evidence.role === 'repository' || evidence.role === 'orm-repository') return { kind: 'repository', label };
  if (isRepositoryName(receiver.name, context.settings)) return { kind: 'repository', label };
  // `const notifications = new NotificationService(…)` / `this.billing = new BillingService(…)`: built
  // from a project class named as a service, whatever the variable is called.
  const built = binding.initializer;
  if (built?.kind === 'new' && (built.source === undefined || packageNameOf(built.source) === undefined) && layerOfClass({ name: lastName(built.name.split('.')) ?? '', decorators: [] }, context.settings) === 'service') {
    return { kind: 'service', label };
  }
  const serviceName = lastName([receiver.name]) ?? '';
  if (collaboratorKindOfName(serviceName, viaThis, context.settings) === 'service') {
    // An imported service must come from the project, not a package (`import { emailService } from 'some-sdk'`).
    if (binding.kind === 'import' && packageNameOf(binding.source) !== undefined) return undefined;
    return { kind: 'service', label };
  }
  return undefined;
}
