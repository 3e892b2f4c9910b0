/**
 * Schema validators and the ways frameworks hand a route its request input. Plain data;
 * `classify/validation.ts` matches it.
 */

export type ValidatorLibrary =
  | 'zod'
  | 'joi'
  | 'yup'
  | 'valibot'
  | 'ajv'
  | 'typebox'
  | 'class-validator'
  | 'superstruct'
  | 'express-validator'
  | 'celebrate'
  | 'hono-validator'
  | 'other';

/** npm packages of schema validators, by import specifier. */
export const VALIDATOR_PACKAGES = {
  zod: 'zod',
  'nestjs-zod': 'zod',
  joi: 'joi',
  '@hapi/joi': 'joi',
  yup: 'yup',
  valibot: 'valibot',
  ajv: 'ajv',
  '@sinclair/typebox': 'typebox',
  typebox: 'typebox',
  'class-validator': 'class-validator',
  'class-transformer-validator': 'class-validator',
  superstruct: 'superstruct',
  'express-validator': 'express-validator',
  celebrate: 'celebrate',
  '@hono/zod-validator': 'hono-validator',
  '@hono/valibot-validator': 'hono-validator',
  '@hono/typebox-validator': 'hono-validator',
  'io-ts': 'other',
  runtypes: 'other',
  arktype: 'other',
  '@effect/schema': 'other',
  '@vinejs/vine': 'other',
  'fastest-validator': 'other',
} as const satisfies Readonly<Record<string, ValidatorLibrary>>;

/**
 * Packages that validate every request against the project's OpenAPI document once mounted on the
 * app (`app.use(OpenApiValidator.middleware({ apiSpec, validateRequests: true }))`,
 * https://cdimascio.github.io/express-openapi-validator-documentation/), or that build the routes
 * from it with their schemas (fastify-openapi-glue, openapi-backend). The mount lives in the app's
 * set-up file, out of sight of a route file.
 */
export const SPEC_REQUEST_VALIDATOR_PACKAGES = ['express-openapi-validator', 'express-openapi', 'fastify-openapi-glue', 'openapi-backend', 'koa-oas3'] as const satisfies readonly string[];

/**
 * Methods and functions that check a value against a schema, per library:
 * zod `schema.parse/safeParse/parseAsync/safeParseAsync` (https://zod.dev/basics),
 * joi `schema.validate/validateAsync`, `Joi.attempt/assert` (https://joi.dev/api/#anyvalidatevalue-options),
 * yup `schema.validate/validateSync/cast/isValid` (https://github.com/jquense/yup#schemavalidatevalue-any-options-object-promiseinfertypeschema-validationerror),
 * valibot `parse/safeParse(schema, value)` (https://valibot.dev/guides/parse-data/),
 * ajv `ajv.validate(schema, data)` and compiled validator functions (https://ajv.js.org/guide/getting-started.html),
 * TypeBox `Value.Check/Parse/Decode/Assert` and `TypeCompiler.Compile(T).Check` (https://github.com/sinclairzx81/typebox#values),
 * class-validator `validate/validateOrReject/validateSync` (https://github.com/typestack/class-validator#validation-errors),
 * superstruct `assert/create/validate/is/mask` (https://docs.superstructjs.org/api-reference/core),
 * express-validator `validationResult/matchedData(req)` (https://express-validator.github.io/docs/api/validation-result).
 * Methods a validator shares with data access (superstruct `create`, `is`, `mask`) count only on
 * a chain rooted at a validator package's import.
 */
export const VALIDATION_METHODS = [
  'parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'validate', 'validateAsync', 'validateSync', 'attempt', 'assert', 'cast', 'isValid',
  'isValidSync', 'Check', 'Parse', 'Decode', 'Assert', 'validateOrReject', 'validationResult', 'matchedData', 'transformAndValidate',
] as const satisfies readonly string[];

/**
 * Words that mark a function, method or middleware as a validator on the project's side: the
 * project-local `validate(schema)`, `validateBody`, `validator.body(...)`, `withValidation`,
 * `parseInput`, `assertValidPayload`, `sanitizeQuery`, `celebrate(...)`, `zValidator(...)`,
 * `checkSchema(...)`, and webhook signature checks (`verifySignature(req)`,
 * `stripe.webhooks.constructEvent(req.body, sig, secret)`): a signed payload is checked at the
 * boundary by its sender's key. Generous on purpose: a match only ever keeps the rule silent.
 */
export const VALIDATION_NAME_WORDS = [
  'valid', 'validate', 'validated', 'validates', 'validating', 'validation', 'validator', 'validators', 'schema', 'schemas', 'parse', 'parsed',
  'parser', 'sanitize', 'sanitizer', 'sanitise', 'celebrate', 'guard', 'guarded', 'decode', 'decoder', 'joi',
  'zod', 'yup', 'ajv', 'typebox', 'whitelist', 'allowlist', 'pick', 'sanitized', 'verify', 'verified', 'verifier', 'signature', 'construct',
] as const satisfies readonly string[];

/**
 * express-validator's chain builders used as route middlewares: `body('email').isEmail()`,
 * `query('page').isInt()`, `checkSchema({...})`, `oneOf([...])`
 * (https://express-validator.github.io/docs/api/check). A route whose middlewares start with one
 * of these validates its input.
 */
export const EXPRESS_VALIDATOR_BUILDERS = ['body', 'query', 'param', 'params', 'check', 'checkSchema', 'checkExact', 'oneOf', 'header', 'cookie'] as const satisfies readonly string[];

/**
 * Fastify route options whose `schema` validates the request
 * (https://fastify.dev/docs/latest/Reference/Validation-and-Serialization/#validation):
 * `schema.body`, `schema.querystring` (alias `query`), `schema.params`, `schema.headers`. A
 * `preValidation` hook is the other place Fastify runs validation.
 */
export const FASTIFY_SCHEMA_KEYS = ['body', 'querystring', 'query', 'params', 'headers'] as const satisfies readonly string[];
export const FASTIFY_VALIDATION_HOOKS = ['preValidation', 'validatorCompiler'] as const satisfies readonly string[];

/** The two parts of a request that carry objects the client chose. */
export type RequestInputPart = 'body' | 'query';

/**
 * Where each framework's request input is, relative to the route handler's first parameter:
 * Express `req.body` / `req.query` (https://expressjs.com/en/5x/api.html#req.body), Fastify
 * `request.body` / `request.query` (https://fastify.dev/docs/latest/Reference/Request/), Koa
 * `ctx.request.body` (koa-bodyparser) / `ctx.query` / `ctx.request.query` (https://koajs.com/#request),
 * Hono `await c.req.json()` / `c.req.parseBody()` / `c.req.query()` / `c.req.queries()` without a
 * key (https://hono.dev/docs/api/request). A path ending in `()` is a call without arguments.
 */
export const REQUEST_INPUT_PATHS = {
  express: { body: [['body']], query: [['query']] },
  fastify: { body: [['body']], query: [['query']] },
  koa: { body: [['request', 'body']], query: [['query'], ['request', 'query']] },
  hono: { body: [['req', 'json()'], ['req', 'parseBody()'], ['req', 'formData()']], query: [['req', 'query()'], ['req', 'queries()']] },
} as const satisfies Readonly<Record<string, Readonly<Record<RequestInputPart, readonly (readonly string[])[]>>>>;

/**
 * NestJS parameter decorators that inject request input (https://docs.nestjs.com/controllers#request-payloads):
 * `@Body()` the body, `@Query()` the query object; `@Req()` / `@Request()` the whole request.
 */
export const NEST_INPUT_DECORATORS = { Body: 'body', Query: 'query' } as const satisfies Readonly<Record<string, RequestInputPart>>;
export const NEST_REQUEST_DECORATORS = ['Req', 'Request'] as const satisfies readonly string[];

/** NestJS decorators that put a pipe on a handler or controller (https://docs.nestjs.com/pipes#binding-pipes). */
export const NEST_PIPE_DECORATORS = ['UsePipes'] as const satisfies readonly string[];

/**
 * Property decorators that document or map a DTO field without validating it: NestJS Swagger
 * (`@ApiProperty`), class-transformer (`@Expose`, `@Type`, `@Transform`), GraphQL (`@Field`),
 * ORM columns. A DTO whose only decorators are these passes a `ValidationPipe` unchecked.
 */
export const NON_VALIDATING_PROPERTY_DECORATORS = [
  'ApiProperty', 'ApiPropertyOptional', 'ApiHideProperty', 'ApiResponseProperty', 'Expose', 'Exclude', 'Type', 'Transform', 'Field', 'HideField',
  'Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'Prop', 'JSONSchema', 'ApiSchema', 'ApiExtraModels', 'InputType', 'ObjectType', 'Injectable',
] as const satisfies readonly string[];

/**
 * Type names that a `ValidationPipe` cannot validate, as written on a `@Body()` parameter: no
 * class metadata reaches the pipe (https://docs.nestjs.com/techniques/validation#auto-validation:
 * "TypeScript does not store metadata about generics or interfaces").
 */
export const UNVALIDATABLE_TYPE_NAMES = ['any', 'unknown', 'object', 'Object', 'Record', 'Partial', 'Pick', 'Omit', 'Readonly', 'Required'] as const satisfies readonly string[];
