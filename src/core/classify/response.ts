import { NEST_EXCEPTION_NAMES } from '../catalogs/errors.js';
import {
  ERROR_DETAIL_FIELDS,
  ERROR_SERIALIZERS,
  RESPONSE_BODY_TARGETS,
  RESPONSE_CHAIN_METHODS,
  RESPONSE_PACKAGES,
  RESPONSE_RECEIVER_NAMES,
  RESPONSE_SEND_METHODS,
  type ResponseFramework,
} from '../catalogs/responses.js';
import type { ChainFact, ResolveDeclaredIn } from '../facts.js';
import { packageNameOf } from './names.js';

const CHAIN_METHODS: ReadonlySet<string> = new Set(RESPONSE_CHAIN_METHODS);
const DETAIL_FIELDS: ReadonlySet<string> = new Set(ERROR_DETAIL_FIELDS);
const RESPONSE_PACKAGE_SET: ReadonlySet<string> = new Set(RESPONSE_PACKAGES);
const NEST: ReadonlySet<string> = new Set(NEST_EXCEPTION_NAMES);
const SERIALIZER_FUNCTIONS: ReadonlySet<string> = new Set(ERROR_SERIALIZERS.functions);
const SERIALIZER_METHODS: ReadonlySet<string> = new Set(ERROR_SERIALIZERS.methods);

/** A call that sends an HTTP response body. */
export interface ResponseSend {
  readonly framework: ResponseFramework;
  /** `res.status(500).json` */
  readonly label: string;
  /** Index of the call argument that is the body. */
  readonly payloadIndex: number;
}

function frameworksFor(receiver: string, method: string): ResponseFramework | undefined {
  for (const [framework, receivers] of Object.entries(RESPONSE_RECEIVER_NAMES) as [keyof typeof RESPONSE_RECEIVER_NAMES, readonly string[]][]) {
    const methods: readonly string[] = RESPONSE_SEND_METHODS[framework];
    if (receivers.includes(receiver) && methods.includes(method)) return framework;
  }
  return undefined;
}

/**
 * `true` when a call sends a response body: Express `res.send/json/jsonp/end/write(body)`, also
 * after `res.status(500)` / `res.type(…)`; Fastify `reply.send(body)`, `reply.code(500).send(body)`;
 * Hono `c.json(body, 500)`, `c.text(…)`. Untyped by receiver name and call shape; typed, a method
 * declared outside the web frameworks' packages (a fetch `Response`, an HTTP client) is not one.
 */
export function classifyResponseSend(chain: ChainFact, resolve?: ResolveDeclaredIn): ResponseSend | undefined {
  const { segments } = chain;
  const last = segments.length - 1;
  const send = segments[last];
  const receiver = segments[0];
  if (send?.call === undefined || receiver === undefined || receiver.call !== undefined || last < 1) return undefined;
  if (!segments.slice(1, last).every((segment) => segment.call !== undefined && CHAIN_METHODS.has(segment.name))) return undefined;
  const framework = frameworksFor(receiver.name, send.name);
  if (framework === undefined) return undefined;
  const declared = resolve?.(last);
  if (declared?.package !== undefined && declared.unresolved !== true && !RESPONSE_PACKAGE_SET.has(declared.package)) return undefined;
  const importedFrom = packageNameOf(chain.rootImport);
  if (importedFrom !== undefined && !RESPONSE_PACKAGE_SET.has(importedFrom)) return undefined;
  return { framework, label: segments.map((segment) => (segment.call === undefined ? segment.name : `${segment.name}()`)).join('.').replace(/\(\)$/, ''), payloadIndex: 0 };
}

/** `true` for an assignment target that is the response body: Koa `ctx.body`, `ctx.response.body`. */
export function isResponseBodyTarget(path: readonly string[]): boolean {
  return RESPONSE_BODY_TARGETS.some((target) => target.length === path.length && target.every((name, index) => path[index] === name));
}

/**
 * `true` for NestJS's HTTP exceptions, whose message argument (a string or an object) becomes the
 * response body (https://docs.nestjs.com/exception-filters#throwing-standard-exceptions).
 */
export function isNestHttpExceptionName(name: string): boolean {
  return NEST.has(name.slice(name.lastIndexOf('.') + 1)) && name !== 'WsException' && name !== 'RpcException';
}

/**
 * NestJS's built-in exceptions other than `HttpException` take `(objectOrError?, descriptionOrOptions?)`
 * (`packages/common/exceptions/bad-request.exception.ts` of nestjs/nest); `HttpException` itself takes
 * `(response, status, options?)` and only its first argument is the body.
 */
const NEST_DESCRIPTION_EXCEPTIONS: ReadonlySet<string> = new Set(
  NEST_EXCEPTION_NAMES.filter((name) => !['HttpException', 'IntrinsicException', 'WsException', 'RpcException', 'PaymentRequiredException', 'TooManyRequestsException'].includes(name)),
);

/** How the second argument of a built-in NestJS exception is written. */
export type NestSecondArgumentShape = 'object-literal' | 'received-error' | 'other';

/**
 * What of the second argument of `new BadRequestException(first, second)` reaches the response body:
 * `all`, only the `description` field of an options object (`description`), or `none`.
 *
 * `HttpException.createBody` returns the first argument as the whole body when it is an object (not
 * an array), and otherwise `{ statusCode, message: first, error: description }`. Since NestJS 9 the second argument
 * is `descriptionOrOptions`: a string is that description, an object is `HttpExceptionOptions`
 * (`{ cause, description }`), of which only `description` is sent; a caught error passed there is
 * read as options, so its `cause` is kept on the exception and nothing of it is sent. Before 9
 * (`nestMajor` below 9) the second argument was the description whatever it held. An unknown
 * version counts as current. `HttpException`'s own further arguments (status, options) are never sent.
 */
export function nestSecondArgumentReach(exceptionName: string, firstIsObject: boolean, shape: NestSecondArgumentShape, nestMajor: number | undefined): 'all' | 'description' | 'none' {
  const name = exceptionName.slice(exceptionName.lastIndexOf('.') + 1);
  if (!NEST_DESCRIPTION_EXCEPTIONS.has(name)) return name === 'HttpException' ? 'none' : 'all';
  if (firstIsObject) return 'none';
  if (nestMajor !== undefined && nestMajor < 9) return 'all';
  if (shape === 'object-literal') return 'description';
  return shape === 'received-error' ? 'none' : 'all';
}

/** The major version in a declared version range (`^11.1.26` → 11, `~9.0.0` → 9), undefined for tags and URLs (`latest`, `workspace:*`) and for ranges with an upper bound or alternatives (`<9`, `^8 || ^9`). */
export function majorOfRange(range: string | undefined): number | undefined {
  // An upper bound (`<9`, `<=9.0.0`), alternatives (`^8 || ^9`) or a hyphen range name no one lower major.
  if (range === undefined || /<|\|\||\s-\s/.test(range)) return undefined;
  const match = /^(?:[\^~>=v ]*)(\d+)(?:\.|$|\s|\.x)/.exec(range.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * `true` for the directive that makes functions React / Next.js Server Functions (server actions):
 * `'use server'` at the top of a module marks every exported async function, at the top of a
 * function body that function. The client calls them over HTTP and receives what they return
 * (https://react.dev/reference/rsc/use-server), so a returned value is a response body.
 */
export function isServerFunctionDirective(directive: string): boolean {
  return directive === 'use server';
}

/** `true` for a field of an error that exposes internals (`stack`, `message`, `sql`, a driver's `detail`). */
export function isErrorDetailField(name: string): boolean {
  return DETAIL_FIELDS.has(name);
}

/**
 * `true` for calls that turn their argument, a whole error, into readable text or a plain object:
 * `JSON.stringify(err)`, `String(err)`, `util.inspect(err)`, `Object.assign({}, err)`. `names` is
 * the callee path (`['JSON', 'stringify']`).
 */
export function serializesArgument(names: readonly string[]): boolean {
  if (names.length === 1) return SERIALIZER_FUNCTIONS.has(names[0] ?? '');
  return ERROR_SERIALIZERS.members.some(([object, method]) => names.length === 2 && names[0] === object && names[1] === method);
}

/** `true` for methods that turn their receiver, a whole error, into text: `err.toString()`, `err.toJSON()`. */
export function serializesReceiver(method: string): boolean {
  return SERIALIZER_METHODS.has(method);
}
