/**
 * Error classes: the language's own and the typed HTTP errors of web frameworks. Plain data;
 * `classify/errors.ts` matches it.
 */

/**
 * ECMAScript's native error constructors (https://tc39.es/ecma262/#sec-native-error-types-used-in-this-standard,
 * `AggregateError`, `SuppressedError` from explicit resource management) and the web platform's
 * `DOMException`, which Node also provides.
 */
export const BUILTIN_ERROR_NAMES = [
  'Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError',
  'SuppressedError', 'DOMException',
] as const satisfies readonly string[];

/**
 * NestJS's built-in exceptions (https://docs.nestjs.com/exception-filters#built-in-http-exceptions,
 * `packages/common/exceptions/index.ts` of nestjs/nest), plus the transport ones from
 * `@nestjs/websockets` (`WsException`) and `@nestjs/microservices` (`RpcException`).
 */
export const NEST_EXCEPTION_NAMES = [
  'HttpException', 'BadRequestException', 'UnauthorizedException', 'NotFoundException', 'ForbiddenException',
  'NotAcceptableException', 'RequestTimeoutException', 'ConflictException', 'GoneException',
  'HttpVersionNotSupportedException', 'PayloadTooLargeException', 'UnsupportedMediaTypeException',
  'UnprocessableEntityException', 'InternalServerErrorException', 'NotImplementedException', 'ImATeapotException',
  'MethodNotAllowedException', 'BadGatewayException', 'ServiceUnavailableException', 'GatewayTimeoutException',
  'PreconditionFailedException', 'MisdirectedException', 'IntrinsicException', 'PaymentRequiredException',
  'TooManyRequestsException', 'WsException', 'RpcException',
] as const satisfies readonly string[];

/**
 * http-errors constructors, by status name (https://github.com/jshttp/http-errors#list-of-all-constructors):
 * `new createError.NotFound()`; each is also reachable with an `Error` suffix as its class name
 * (`NotFoundError`). `HttpError` is the shared base class.
 */
export const HTTP_ERRORS_NAMES = [
  'HttpError', 'BadRequest', 'Unauthorized', 'PaymentRequired', 'Forbidden', 'NotFound', 'MethodNotAllowed',
  'NotAcceptable', 'ProxyAuthenticationRequired', 'RequestTimeout', 'Conflict', 'Gone', 'LengthRequired',
  'PreconditionFailed', 'PayloadTooLarge', 'URITooLong', 'UnsupportedMediaType', 'RangeNotSatisfiable',
  'ExpectationFailed', 'ImATeapot', 'MisdirectedRequest', 'UnprocessableEntity', 'Locked', 'FailedDependency',
  'TooEarly', 'UpgradeRequired', 'PreconditionRequired', 'TooManyRequests', 'RequestHeaderFieldsTooLarge',
  'UnavailableForLegalReasons', 'InternalServerError', 'NotImplemented', 'BadGateway', 'ServiceUnavailable',
  'GatewayTimeout', 'HTTPVersionNotSupported', 'VariantAlsoNegotiates', 'InsufficientStorage', 'LoopDetected',
  'BandwidthLimitExceeded', 'NotExtended', 'NetworkAuthenticationRequired',
] as const satisfies readonly string[];

/** Names http-errors' default export is usually imported as (`createError(404)`, `createHttpError.NotFound`). */
export const HTTP_ERRORS_FACTORY_NAMES = ['createError', 'createHttpError', 'httpErrors', 'HttpErrors', 'createHttpErrors'] as const satisfies readonly string[];

/**
 * @hapi/boom factories (https://hapi.dev/module/boom/api/): `Boom.notFound()`, `boom.badRequest()`;
 * `boomify` turns an error into a Boom error. The class itself is `Boom`.
 */
export const BOOM_FACTORY_METHODS = [
  'badRequest', 'unauthorized', 'paymentRequired', 'forbidden', 'notFound', 'methodNotAllowed', 'notAcceptable',
  'proxyAuthRequired', 'clientTimeout', 'conflict', 'resourceGone', 'lengthRequired', 'preconditionFailed',
  'entityTooLarge', 'uriTooLong', 'unsupportedMediaType', 'rangeNotSatisfiable', 'expectationFailed', 'teapot',
  'badData', 'locked', 'failedDependency', 'tooEarly', 'preconditionRequired', 'tooManyRequests', 'illegal',
  'internal', 'badImplementation', 'notImplemented', 'badGateway', 'serverUnavailable', 'gatewayTimeout', 'boomify',
] as const satisfies readonly string[];

export const BOOM_RECEIVER_NAMES = ['Boom', 'boom'] as const satisfies readonly string[];

/**
 * @fastify/sensible exposes http-errors as `fastify.httpErrors.notFound()` /
 * `httpErrors.createError(404)` (https://github.com/fastify/fastify-sensible#api). `reply.notFound()`
 * sends the response instead of making an error, so it is not an error factory.
 */
export const FASTIFY_HTTP_ERRORS_MEMBER = 'httpErrors';

/** Packages whose error classes are framework HTTP errors. */
export const HTTP_ERROR_PACKAGES = {
  nest: ['@nestjs/common', '@nestjs/websockets', '@nestjs/microservices'],
  httpErrors: ['http-errors', '@fastify/sensible', 'fastify-sensible'],
  boom: ['@hapi/boom', 'boom'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/**
 * Name words of errors that carry a business decision (a conflict, a failed validation, a refused
 * permission, a payment problem, a broken domain rule): `ConflictError`, `ValidationError`,
 * `ForbiddenError`, `PaymentRequiredError`, `InsufficientStockError`, `EmailAlreadyExistsError`,
 * NestJS `BadRequestException`. A not-found error is a data result and is not among them.
 */
export const BUSINESS_ERROR_WORDS = [
  'conflict', 'duplicate', 'already', 'exists', 'taken', 'validation', 'invalid', 'unprocessable', 'bad', 'forbidden', 'unauthorized',
  'unauthorised', 'permission', 'denied', 'payment', 'insufficient', 'limit', 'quota', 'exceeded', 'expired', 'locked', 'business',
  'domain', 'rule', 'policy', 'state', 'transition', 'eligible', 'ineligible', 'blocked', 'banned', 'suspended', 'declined', 'rejected',
  'stock', 'balance', 'credit', 'overdraft', 'too',
] as const satisfies readonly string[];

/** Name words of errors that describe a data result, never a business decision: `NotFoundError`, `EntityNotFound`, `NoResultError`. */
export const DATA_RESULT_ERROR_WORDS = ['not', 'found', 'missing', 'no', 'result', 'empty'] as const satisfies readonly string[];

/**
 * Packages whose error classes describe infrastructure, not the domain: HTTP clients (axios `AxiosError`,
 * got `RequestError`, undici, node-fetch `FetchError`, ky `HTTPError`), token libraries
 * (jsonwebtoken `TokenExpiredError`, jose `JWTExpired`). Their messages and fields carry URLs,
 * headers and internals. Database packages (`DB_PACKAGES`) are added by the classifier.
 */
export const INFRASTRUCTURE_ERROR_PACKAGES = ['axios', 'got', 'undici', 'node-fetch', 'ky', 'superagent', 'jsonwebtoken', 'jose', 'ioredis', 'redis', 'amqplib', 'kafkajs', '@aws-sdk/client-s3'] as const satisfies readonly string[];

/**
 * Error classes whose message is written for the client by design: validation errors describe the
 * input that was refused, field by field. Sequelize `ValidationError` (its `name` is
 * `SequelizeValidationError`, https://sequelize.org/api/v6/class/src/errors/validation-error.js~validationerror),
 * Mongoose `Error.ValidationError` (https://mongoosejs.com/docs/api/error.html#Error.ValidationError),
 * yup, Joi and ajv `ValidationError`, Zod `ZodError` (https://zod.dev/ERROR_HANDLING), Valibot `ValiError`;
 * and `SyntaxError`, which `JSON.parse` and body parsers throw for text that is not JSON, its message
 * naming the refused token and position (https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/JSON/parse#exceptions).
 */
export const VALIDATION_ERROR_CLASS_NAMES = ['ValidationError', 'SequelizeValidationError', 'ZodError', 'ValiError', 'SyntaxError'] as const satisfies readonly string[];

/**
 * Packages whose functions only check a client's own submission against what the server expects,
 * with no I/O, and throw when it does not match, naming the mismatch in the submission: WebAuthn
 * ceremony verification of SimpleWebAuthn (`verifyRegistrationResponse`: "Unexpected registration
 * response origin", https://simplewebauthn.dev/docs/packages/server; its `/helpers` encoders).
 * Token libraries are not here: their key lookups reach the network (see `INFRASTRUCTURE_ERROR_PACKAGES`).
 */
export const CLIENT_SUBMISSION_VERIFIER_PACKAGES = ['@simplewebauthn/server'] as const satisfies readonly string[];

/** The functions of token libraries that verify or decode a token the client sent (not `sign`, not key imports). */
export const TOKEN_VERIFIER_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  jsonwebtoken: ['verify', 'decode'],
  jose: ['jwtVerify', 'jwtDecrypt', 'compactVerify', 'flattenedVerify', 'generalVerify', 'decodeJwt', 'decodeProtectedHeader'],
};

/**
 * Methods of token services that verify or decode a token the client sent, by the package and class
 * that declare them: `@nestjs/jwt`'s `JwtService` wraps jsonwebtoken (`'jwt expired'`, `'invalid signature'`).
 */
export const TOKEN_VERIFIER_METHODS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '@nestjs/jwt': { JwtService: ['verify', 'verifyAsync', 'decode'] },
};

/**
 * Text that validation libraries put in their messages, so a test of an error's message for it
 * narrows the error to a validation error: Mongoose `"<Model> validation failed: …"` and
 * `"Cast to ObjectId failed for value …"` (https://mongoosejs.com/docs/validation.html), Sequelize
 * `"Validation error: …"`. Matched case-insensitively as substrings of the tested literal.
 */
export const VALIDATION_MESSAGE_MARKERS = ['validation failed', 'validation error', 'cast to '] as const satisfies readonly string[];

/**
 * Fields of an error whose comparison with a string literal picks one known error
 * (`err.code === 'INVALID_2FA_CODE'`, `err.type === 'entity.parse.failed'`, `err.name === 'ZodError'`,
 * GraphQL's `err.extensions.code`).
 */
export const ERROR_DISCRIMINANT_PATHS = [['code'], ['type'], ['name'], ['errorCode'], ['extensions', 'code']] as const satisfies readonly (readonly string[])[];

/**
 * Codes of infrastructure errors, whose messages quote hosts, SQL, constraint and column names:
 * Node system errors (`ECONNREFUSED`, `ENOENT`, https://nodejs.org/api/errors.html#common-system-errors)
 * and internal ones (`ERR_…`), Prisma `P2002` (https://www.prisma.io/docs/orm/reference/error-reference),
 * PostgreSQL SQLSTATE (`23505`, `42P01`, https://www.postgresql.org/docs/current/errcodes-appendix.html),
 * mysql2 `ER_DUP_ENTRY`, SQLite `SQLITE_CONSTRAINT`. A comparison with one of them narrows nothing.
 */
export const INFRASTRUCTURE_ERROR_CODE_PATTERNS = ['^E[A-Z]{3,}$', '^ERR_', '^P\\d{4}$', '^\\d{2}[0-9A-Z]{3}$', '^ER_', '^SQLITE_'] as const satisfies readonly string[];

/**
 * Error class names of database drivers, ORMs and HTTP clients (by `err.name`): Sequelize's
 * `Sequelize…Error` (other than validation), Prisma's `PrismaClient…Error`, MongoDB's `Mongo…Error`,
 * TypeORM's `QueryFailedError` / `EntityNotFoundError`, axios `AxiosError`, node-fetch `FetchError`.
 */
export const INFRASTRUCTURE_ERROR_NAME_PATTERNS = ['^Sequelize(?!Validation)', '^Prisma', '^Mongo', '^(?:QueryFailed|EntityNotFound|TypeORM|Driver|Database|Connection|Axios|Fetch)Error$'] as const satisfies readonly string[];

/**
 * Plain objects a library reads as its own error reply when a hook of it throws one: tus-node-server
 * (`@tus/server`) answers `throw { status_code: 403, body: 'Forbidden' }` from `onUploadCreate` /
 * `onIncomingRequest` with that status and body (its README, "Example: validate metadata"). Keyed by
 * package; the keys the object must carry.
 */
export const LIBRARY_ERROR_REPLY_SHAPES: Readonly<Record<string, readonly string[]>> = {
  '@tus/server': ['status_code', 'body'],
};
