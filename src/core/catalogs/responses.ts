/**
 * How web frameworks send an HTTP response body, and which fields of an error are internals a
 * client must not see. Plain data; `classify/response.ts` matches it.
 */

export type ResponseFramework = 'express' | 'fastify' | 'koa' | 'hono' | 'node';

/**
 * Receiver names that hold a response object, by framework: Express `res` / `response`
 * (https://expressjs.com/en/5x/api.html#res), Fastify `reply`
 * (https://fastify.dev/docs/latest/Reference/Reply/), Hono's context `c`
 * (https://hono.dev/docs/api/context). `ctx` is Koa's context and also a common name of Hono's.
 */
export const RESPONSE_RECEIVER_NAMES = {
  express: ['res', 'response', 'resp', 'httpResponse', 'serverResponse'],
  fastify: ['reply', 'rep'],
  hono: ['c', 'ctx', 'context'],
} as const satisfies Readonly<Partial<Record<ResponseFramework, readonly string[]>>>;

/**
 * Methods that send their first argument as the body: Express `res.send/json/jsonp/end/write`,
 * Fastify `reply.send`, Hono `c.json/text/html/body`. (A fetch `Response`'s `res.json()` reads a
 * body and takes no argument, so it never carries a payload.)
 */
export const RESPONSE_SEND_METHODS = {
  express: ['send', 'json', 'jsonp', 'end', 'write'],
  fastify: ['send'],
  hono: ['json', 'text', 'html', 'body'],
} as const satisfies Readonly<Partial<Record<ResponseFramework, readonly string[]>>>;

/**
 * Chainable setters that may stand between the receiver and the send method:
 * `res.status(500).json(…)`, `reply.code(500).header('x', 'y').send(…)`, `res.type('text').send(…)`.
 */
export const RESPONSE_CHAIN_METHODS = ['status', 'code', 'type', 'header', 'headers', 'set', 'append', 'vary', 'cookie', 'clearCookie', 'contentType', 'location', 'links', 'attachment'] as const satisfies readonly string[];

/**
 * Assignment targets that are the response body: Koa `ctx.body = …` / `ctx.response.body = …`
 * (https://koajs.com/#response-body-1).
 */
export const RESPONSE_BODY_TARGETS = [['ctx', 'body'], ['ctx', 'response', 'body'], ['context', 'body'], ['context', 'response', 'body']] as const satisfies readonly (readonly string[])[];

/** Packages that declare response objects (typed mode confirms a name match with them). */
export const RESPONSE_PACKAGES = ['express', 'express-serve-static-core', 'fastify', 'hono', 'koa', 'http', 'node', 'undici-types', '@nestjs/common'] as const satisfies readonly string[];

/**
 * Fields of an error that expose internals: the stack, the message of an unexpected error (a
 * driver's text quotes SQL, table and constraint names, file paths, hosts), and the extra fields
 * database drivers attach: node-postgres `detail/hint/where/table/constraint/column/schema/routine`
 * (https://node-postgres.com/apis/result, `DatabaseError`), mysql2 `sql/sqlMessage/sqlState/errno`,
 * Sequelize `sql/parameters/original/parent`, Prisma `meta`, TypeORM `QueryFailedError`
 * `query/parameters/driverError`, Node system errors `syscall/address/port/path`.
 */
export const ERROR_DETAIL_FIELDS = [
  'stack', 'message', 'sql', 'sqlMessage', 'sqlState', 'query', 'parameters', 'driverError', 'original', 'parent',
  'detail', 'hint', 'where', 'table', 'constraint', 'column', 'schema', 'routine', 'meta', 'errno', 'syscall',
  'address', 'port', 'path', 'cause', 'errors',
] as const satisfies readonly string[];

/**
 * Calls that turn a whole error into text or an object a client can read: `JSON.stringify(err)`,
 * `String(err)`, `util.inspect(err)`, `err.toString()`, `Object.assign({}, err)`,
 * `structuredClone(err)`, `serializeError(err)` (serialize-error).
 */
export const ERROR_SERIALIZERS = {
  functions: ['String', 'inspect', 'structuredClone', 'serializeError', 'format'],
  members: [['JSON', 'stringify'], ['util', 'inspect'], ['util', 'format'], ['Object', 'assign'], ['Object', 'entries']],
  methods: ['toString', 'toJSON'],
} as const satisfies Readonly<Record<string, readonly unknown[]>>;
