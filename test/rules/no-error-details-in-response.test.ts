import rule, { type MessageId, type Options } from '../../rules/no-error-details-in-response.js';
import path from 'node:path';
import { runRuleTests, TYPED_PROJECT, type Invalid, type Valid } from '../helpers/rule-tester.js';

type Case = Invalid<MessageId, Options>;

function leak(details: string, line: number, column: number): Case['errors'][number] {
  return { messageId: 'errorDetailsInResponse', data: { details }, line, column, suggestions: [] };
}

const ERRORS = `class AppError extends Error { statusCode = 500; }\n`;
const NEST8_FILE = path.join(TYPED_PROJECT, 'packages/nest8-api/src/orders.service.ts');
const NEST = `import { Controller, Get, InternalServerErrorException, HttpException } from '@nestjs/common';\n`;

const valid: Valid<Options>[] = [
  // Sent only when it carries an HTTP status (the framework's or the project's HTTP errors); anything else gets fixed text.
  `server.setErrorHandler((error, request, reply) => {
  if (error.statusCode) return reply.send(error);
  request.log.error(error);
  return reply.internalServerError('Something went wrong');
});`,
  // A central handler that hides the server's failures in production through a getter, and sends the stack only in development.
  `app.use((err, req, res, next) => {
  const status = err.status || 500;
  res.status(status).json({
    message: isProduction() && status >= 500 ? 'Internal Server Error' : err.message,
    ...(process.env.NODE_ENV === 'development' ? { stack: err.stack } : {}),
    trace: config.isProd ? undefined : err.stack,
  });
});`,
  // A const alias of the narrowed error is narrowed too.
  `import { isHttpError } from 'http-errors';
export const httpErrorHandler = (err, req, res, next) => {
  if (isHttpError(err)) {
    const httpError = err;
    return res.status(httpError.status).send({ status: httpError.status, message: httpError.message });
  }
  next(err);
};`,
  // The same test the other way round: the details branch is taken for client statuses or outside production.
  `export async function errors(ctx, next) {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status ?? 500;
    ctx.body = ctx.status < 500 || process.env.NODE_ENV !== 'production' ? { message: err.message } : { message: 'Something went wrong' };
  }
}`,
  // A central handler that, in production, answers the server's own failures generically: the message shows only for client statuses.
  `export async function errors(ctx, next) {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status ?? 500;
    ctx.body = process.env.NODE_ENV === 'production' && ctx.status >= 500 ? { message: 'Something went wrong' } : { message: err.message };
  }
}`,
  // An awaited schema check: its refusal, whole or its message, describes the request it refused.
  `export const checkRequest = (schema) => async (req, res, next) => {
  try {
    await schema.parseAsync({ body: req.body, query: req.query, params: req.params });
    return next();
  } catch (error) {
    return res.status(400).json({ error: { message: 'Request refused by the schema', meta: error } });
  }
};`,
  // A token the client sent, verified locally: 'jwt expired', 'invalid signature' describe it.
  `import jwt from 'jsonwebtoken';
export function requireSession(req, res, next) {
  try {
    req.session = jwt.verify(req.cookies.session, process.env.SESSION_KEY);
    next();
  } catch (err) {
    res.status(401).json({ message: err.message });
  }
}`,
  `import { verify as verifyToken } from 'jsonwebtoken';
export function readClaims(req, res) { try { return verifyToken(req.headers.authorization, KEY); } catch (e) { res.status(401).send(e.message); } }`,
  // The same token verified by @nestjs/jwt's JwtService, a member the class declares with that type.
  `import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class TokenService {
  constructor(private readonly jwtService: JwtService) {}
  async userIdOf(token: string) {
    try {
      const payload = await this.jwtService.verifyAsync(token, { secret: process.env.JWT_SECRET });
      return payload.id;
    } catch (error) {
      throw new UnauthorizedException(\`Error validating JWT token: \${error.message}\`);
    }
  }
}`,
  // The same service imported under another name: the type is what @nestjs/jwt exports.
  `import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService as Jwt } from '@nestjs/jwt';
@Injectable()
export class SessionTokens {
  constructor(private readonly tokens: Jwt) {}
  async userIdOf(token: string) {
    try {
      return (await this.tokens.verifyAsync(token)).sub;
    } catch (error) {
      throw new UnauthorizedException(error.message);
    }
  }
}`,
  // The same verification through a method of the class that only verifies, its rejection caught by the promise's catch.
  `import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class AccountService {
  constructor(private readonly jwtService: JwtService, private readonly users: UserService) {}
  async confirm(dto: { token: string }) {
    const claims = await this.verify(dto.token).catch((e) => {
      throw new UnauthorizedException(e.message);
    });
    await this.users.confirm(claims.email);
  }
  async verify(token: string) {
    return await this.jwtService.verifyAsync(token, { secret: process.env.JWT_SECRET });
  }
}`,
  // A webhook's signature, checked by the provider's SDK against the payload the caller sent.
  `router.post('/billing/webhook', (req, res) => {
  let event;
  try {
    event = billing.webhooks.constructEvent(req.body, req.headers['stripe-signature'], WEBHOOK_SECRET);
  } catch (err) {
    return res.status(400).send(\`Webhook Error: \${err.message}\`);
  }
  return res.json({ received: event.id });
});`,
  // A try that only validates, synchronously: the message is the validator's own words about the refused input.
  `import { validateCallbackUrl } from '../utils/url-policy';
router.post('/callback-url', (req, res) => {
  try {
    validateCallbackUrl(req.body.url);
  } catch (err) {
    return res.status(400).json({ message: err instanceof Error ? err.message : 'URL not allowed' });
  }
  res.status(204).end();
});`,
  // Fastify and Hono handlers that send a fixed message and the request id.
  `fastify.setErrorHandler((error, request, reply) => { request.log.error({ err: error }); return reply.code(500).send({ message: 'Internal server error', requestId: request.id }); });`,
  `app.onError((err, c) => { console.error(err); return c.json({ error: 'Internal error' }, 500); });`,
  // Generic message and a request id.
  `app.use((err, req, res, next) => { req.log.error({ err }, 'failed'); res.status(500).json({ message: 'Internal server error', requestId: req.id }); });`,
  `try { await run(); } catch (err) { logger.error({ err }); res.status(500).send('Something went wrong'); }`,
  // Narrowed to a domain error.
  `${ERRORS}app.use((err, req, res, next) => { if (err instanceof AppError) { res.status(err.statusCode).json({ message: err.message }); return; } res.status(500).json({ message: 'Internal' }); });`,
  `${ERRORS}try { run(); } catch (err) { res.status(500).json({ message: err instanceof AppError ? err.message : 'Internal error' }); }`,
  // Client errors chosen by their status (below 500) pass through; the rest gets a generic body.
  // An early exit for a missing status or one of 500 and above leaves the client errors.
  `app.use((err, req, res, next) => { if (!err.status || err.status >= 500) { res.status(500).json({ message: 'Internal error' }); return; } res.status(err.status).json({ message: err.message }); });`,
  `app.use((err, req, res, next) => { if (err.status < 500) return res.status(err.status).json({ message: err.message }); res.status(500).json({ message: 'Internal error' }); });`,
  `fastify.setErrorHandler(async (error, req, reply) => {
  const statusCode = (error as { statusCode?: number }).statusCode;
  if (statusCode && statusCode >= 400 && statusCode < 500) {
    return reply.send(error);
  }
  req.log.error(error);
  return reply.status(500).send({ error: 'Internal error' });
});`,
  `${ERRORS}try { run(); } catch (err) { if (!(err instanceof AppError)) { res.sendStatus(500); return; } res.status(err.statusCode).json({ error: err.message }); }`,
  `${ERRORS}try { run(); } catch (err) { if (!(err instanceof AppError)) throw err; reply.code(err.statusCode).send({ message: err.message }); }`,
  `import { isHttpError } from 'http-errors'; try { run(); } catch (err) { if (isHttpError(err)) res.status(err.status).send(err.message); }`,
  `import Boom from '@hapi/boom'; try { run(); } catch (err) { if (Boom.isBoom(err)) res.status(err.output.statusCode).json(err.output.payload); }`,
  `import { isAppError } from './errors'; try { run(); } catch (err) { if (isAppError(err)) res.json({ message: err.message }); }`,
  // Fields that are not internals.
  `try { run(); } catch (err) { res.status(500).json({ code: err.code, requestId }); }`,
  `try { run(); } catch (err) { res.status(409).json({ duplicate: err.message.includes('duplicate') }); }`,
  // Not an error the code received: a validation result, a local value.
  `const { error } = schema.validate(req.body); if (error) res.status(400).json({ message: error.message });`,
  `const err = { message: 'Bad input' }; res.status(400).json(err);`,
  `function handler(req, res) { const message = 'Order not found'; res.status(404).json({ message }); }`,
  // Not a response: logging, next(err), a fetch Response, an HTTP client.
  `try { run(); } catch (err) { logger.error({ err, stack: err.stack }); next(err); }`,
  `try { run(); } catch (err) { const body = await res.json(); console.log(body, err.message); }`,
  `try { run(); } catch (err) { await api.send({ error: err.message }); }`,
  `try { run(); } catch (err) { queue.send({ failed: err.stack }); }`,
  // Koa and Hono with a generic body.
  `app.use(async (ctx, next) => { try { await next(); } catch (err) { ctx.status = 500; ctx.body = { message: 'Internal error' }; } });`,
  `app.onError((err, c) => c.json({ message: 'Internal error' }, 500));`,
  // NestJS: fixed messages in exceptions and returns.
  `${NEST}try { run(); } catch (err) { throw new InternalServerErrorException('Could not load the report'); }`,
  `${NEST}@Controller('x') class C { @Get() list() { return { items: [] }; } }`,
  // The try only calls a parser of this file whose every error is one it builds itself.
  `const readPayload = (text) => { try { return payloadSchema.parse(JSON.parse(text)); } catch (cause) { throw new Error('Payload is not valid JSON', { cause }); } };
app.post('/hooks/age-check', (req, res) => { let payload; try { payload = readPayload(req.body); } catch (err) { return res.status(400).json(err); } res.json({ ok: payload.ok }); });`,
  // A route that admits administrators only: the error text is an operator's diagnostic.
  `${NEST}@Controller('admin') class AdminController { @Roles('admin') @Get('probe') async probe() { try { return await run(); } catch (err) { throw new HttpException(err.message, 400); } } }`,
  `${NEST}class NotAController { @Get() list() { try { run(); } catch (err) { return { error: err.message }; } } }`,
  { code: `${NEST}try { run(); } catch (err) { throw new InternalServerErrorException(err.message); }`, options: [{ checkNestHandlers: false }] },
  // Nest exception filter sending a generic body.
  `class AllExceptionsFilter { catch(exception, host) { const response = host.switchToHttp().getResponse(); response.status(500).json({ message: 'Internal server error' }); } }`,
  // Sent after the error handling finished, without the error.
  `try { run(); } catch (err) { failed = true; } res.json({ failed });`,
  // Raw error passed to next() or logged only.
  `promise.catch((err) => { log.error(err); res.status(500).end(); });`,
  // A typed domain error.
  { code: `${ERRORS}function send(err: AppError, res: any) { res.status(err.statusCode).json({ message: err.message }); }`, mode: 'typed' },
  `${ERRORS}try { run(); } catch (err) { if (err instanceof AppError && err.statusCode < 500) res.status(err.statusCode).json({ message: err.message }); }`,
  // Node-style callback error narrowed to a domain error.
  `${ERRORS}load((err, data) => { if (err instanceof AppError) return res.status(400).send(err.message); res.json(data); });`,
  // An HTTP exception thrown inside an awaited callback whose enclosing try returns a fixed value: never reaches a response.
  `${NEST}async function create() { try { return await prisma.$transaction(async (tx) => { try { return await tx.item.create({}); } catch (error) { throw new ConflictException(error); } }); } catch (error) { console.error('create failed', error); return { ok: false }; } }`,
  `${NEST}async function remove() { try { try { await run(); } catch (e) { throw new BadRequestException(e.message); } } catch { return fail(); } }`,
  // A retry loop whose catch only tests the error's code and returns a fixed value.
  `${NEST}async function reorder() { let retries = 0; while (retries < 5) { try { await prisma.$transaction(async (tx) => { try { await tx.item.updateMany({}); } catch (error) { throw new ConflictException(error); } }); break; } catch (error) { console.error('reorder failed', error); retries++; if (error.code !== 'P2034') return fail(); } } }`,
  // A catch that only rethrows passes the exception to the next enclosing try, which drops it.
  `${NEST}async function update() { try { await db.transaction(async () => { try { await run(); } catch (e) { throw new BadRequestException(e.message); } }); } catch (e) { throw new InternalServerErrorException('Update failed'); } }`,
  // Narrowed by a discriminant compared with a string literal, or to a validation error.
  `try { run(); } catch (error) { if (error.extensions?.code === '2FA_REQUIRED') { return res.status(401).send({ message: error.message }); } else if (error.extensions?.code === 'INVALID_2FA_CODE') { return res.status(401).send({ message: error.message }); } return res.status(500).send({ message: 'Internal server error' }); }`,
  `try { run(); } catch (err) { if (err.code !== 'LIMIT_REACHED') throw err; res.status(429).json({ message: err.message }); }`,
  `try { run(); } catch (err) { switch (err.type) { case 'entity.too.large': case 'entity.parse.failed': return res.status(400).json({ message: err.message }); default: return res.status(500).json({ message: 'Internal' }); } }`,
  `try { run(); } catch (err) { if (err.name === 'ZodError') return res.status(400).json({ issues: err.errors }); res.sendStatus(500); }`,
  `import { ValidationError as SequelizeValidationError } from 'sequelize';
app.use(async (ctx, next) => { try { await next(); } catch (err) { if (err instanceof SequelizeValidationError) { ctx.status = 400; ctx.body = { error_description: err.errors[0].message }; return; } ctx.body = { error: 'server_error' }; } });`,
  `import { ZodError } from 'zod'; try { run(); } catch (err) { if (err instanceof ZodError) res.status(400).json({ message: err.message }); }`,
  // A body that is not JSON: the parser's SyntaxError names the refused token, the client's own input.
  `app.use(async (ctx, next) => { try { await next(); } catch (err) { if (err instanceof SyntaxError) { ctx.status = 400; ctx.body = { message: err.message }; return; } ctx.status = 500; ctx.body = { message: 'Internal error' }; } });`,
  `${NEST}try { run(); } catch (e) { if (e.message.includes('Integration validation failed') || e.message.includes('Cast to embedded')) { throw new BadRequestException(e.message); } throw e; }`,
  // WebAuthn verification of the client's own response: its errors name the mismatch in what the client sent.
  `${NEST}import { verifyRegistrationResponse, verifyAuthenticationResponse } from '@simplewebauthn/server';\nimport { isoBase64URL } from '@simplewebauthn/server/helpers';\nasync function register(credential, expectedChallenge) { let verification; try { verification = await verifyRegistrationResponse({ response: credential, expectedChallenge }); } catch (error) { throw new InternalServerErrorException(error.message); } return verification; }`,
  `${NEST}import { verifyRegistrationResponse, verifyAuthenticationResponse } from '@simplewebauthn/server';\nimport { isoBase64URL } from '@simplewebauthn/server/helpers';\nasync function login(credential, device) { let verification; try { const opts = { credential: { id: isoBase64URL.fromBuffer(device.credentialId) }, response: credential }; verification = await verifyAuthenticationResponse(opts); } catch (error) { throw new InternalServerErrorException({ error: error.message }); } return verification; }`,
  // A central handler whose switch default overwrites the message of unknown errors.
  `export function errorHandler() { return (err, req, res, next) => { const errorType = err.type || err.name; const errObj = { code: err.code, type: err.type, message: err.message }; let status = 500; switch (errorType) { case 'not_found': status = 404; break; default: errObj.code = 'unknown_error'; errObj.message = 'An unknown error occurred.'; break; } res.status(status).json(errObj); }; }`,
  // Server actions that return a fixed message, or only a domain error's message.
  `'use server';
export async function placeOrder(form: FormData) {
  try {
    await orders.place(form);
    return { ok: true };
  } catch (err) {
    logger.error({ err }, 'placing the order failed');
    return { ok: false, error: 'Could not place the order' };
  }
}`,
  `'use server';
${ERRORS}export async function placeOrder(form: FormData) {
  try {
    await orders.place(form);
  } catch (err) {
    if (err instanceof AppError) return { error: err.message };
    return { error: 'Could not place the order' };
  }
}`,
  // The same function without the directive is no response: a library function returning a result to its caller.
  `export async function placeOrder(form: FormData) {
  try {
    await orders.place(form);
  } catch (err) {
    return { ok: false, error: err.message };
  }
}`,
  // In a 'use server' module, a helper that is not exported is no action, and a nested callback's return is not the action's.
  `'use server';
async function describeFailure(order: Order) {
  try {
    await orders.check(order);
  } catch (err) {
    return err.message;
  }
}
export async function placeOrders(list: Order[]) {
  const results = await Promise.all(list.map(async (order) => {
    try { await orders.place(order); } catch (err) { return { id: order.id, error: err.message }; }
  }));
  return { placed: results.length };
}`,
  // NestJS 9+: a built-in exception reads an object second argument as options; its cause is kept, not sent.
  `${NEST}async function remove(id) { try { await run(id); } catch (error) { throw new BadRequestException('Could not remove the booking', error); } }`,
  `${NEST}async function remove(id) { try { await run(id); } catch (error) { throw new BadRequestException('Could not remove the booking', { cause: error, description: 'Booking removal' }); } }`,
  // The first argument is an object: it is the whole body, the description is dropped.
  `${NEST}async function remove(id) { try { await run(id); } catch (error) { throw new BadRequestException({ message: 'Could not remove the booking' }, error.message); } }`,
  // A CQRS event handler: no request waits for it, so what it throws becomes no response.
  `${NEST}@EventsHandler(BookingCancelled) export class RefundOnCancelHandler { async handle(event) { try { await this.refunds.issue(event.paymentId); } catch (error) { throw new BadRequestException(error.message); } } }`,
  // HttpException's third argument is options; its status is no body.
  `${NEST}async function remove(id) { try { await run(id); } catch (error) { throw new HttpException('Could not remove the booking', 500, { cause: error }); } }`,
  // Express passes `next` to every route handler: the response branch taken only without it never runs.
  `app.post('/sessions', (req, res, next) => { passport.authenticate('local', (err, user) => { if (err || !user) return next ? next(err) : res.status(401).json(err); res.json({ id: user.id }); })(req, res, next); });`,
  `router.get('/invoices/:id', (req, res, next) => { try { render(req.params.id); } catch (error) { if (next) return next(error); res.status(500).json({ message: error.message }); } });`,
  // A NestJS exception filter bound to the project's own error class receives only that error, whose message the project wrote.
  `class MissingScopes { constructor(public message = 'Grant every scope the provider asks for') {} }
@Catch(MissingScopes) export class MissingScopesFilter { catch(exception: MissingScopes, host) { const response = host.switchToHttp().getResponse(); response.status(409).json({ msg: exception.message }); } }`,
  `import { Catch } from '@nestjs/common'; import { QuotaExceeded, PlanExpired } from '@shop/billing/errors';
@Catch(QuotaExceeded, PlanExpired) export class BillingFilter { catch(exception, host) { const response = host.switchToHttp().getResponse(); response.status(402).json({ message: exception.message }); } }`,
  // A switch on the error's class: the case names a domain error, the default sends a fixed text.
  `import { ObjectHandlingError } from '../errors/objects';
export function upload(req, res) {
  try {
    insertObjects(req.body);
  } catch (e) {
    switch (e.constructor) {
      case ObjectHandlingError:
        res.status(400).send(\`Error inserting object in the database: \${e.message}\`);
        break;
      default:
        res.status(400).send('Error inserting object in the database. Check server logs for details');
    }
  }
}`,
];

const invalid: Case[] = [
  // The branch of an error without a status, and a test of something else than its status.
  { code: `server.setErrorHandler((error, request, reply) => { if (!error.statusCode) return reply.status(500).send({ message: error.message }); reply.send(error); });`, errors: [leak("'error.message'", 1, 117)] },
  { code: `server.setErrorHandler((error, request, reply) => { if (error.message) reply.status(500).send({ detail: error.message }); });`, errors: [leak("'error.message'", 1, 105)] },
  // The else of a test for 500 and above: an error without a status (a driver's) reaches it too.
  { code: `app.use((err, req, res, next) => { res.status(err.status || 500).json({ message: err.status >= 500 ? 'Internal server error' : err.message }); });`, errors: [leak("'err.message'", 1, 128)] },
  // Shown for a status of 500 and above: the server's own failures.
  { code: `app.use((err, req, res, next) => { if (err.status >= 500) return res.status(err.status).json({ message: err.message }); res.status(err.status ?? 400).json({ message: 'Bad request' }); });`, errors: [leak("'err.message'", 1, 105)] },
  // A debug flag the client sends is no switch of the deployment: anyone can ask for the stack.
  { code: `app.use((err, req, res, next) => { res.status(500).json({ message: 'Internal', ...(req.query.debug ? { stack: err.stack } : {}) }); });`, errors: [leak("'err.stack'", 1, 111)] },
  // The stack in a branch production takes.
  { code: `app.use((err, req, res, next) => { res.status(500).json({ message: 'Internal', ...(process.env.NODE_ENV !== 'development' ? { stack: err.stack } : {}) }); });`, errors: [leak("'err.stack'", 1, 134)] },
  // A copy taken before the name is given another value: narrowing the new value says nothing of the copy.
  { code: `try { run(); } catch (err) { const original = err; err = createError(400); if (isHttpError(err)) res.status(400).json({ message: original.message }); }`, errors: [leak("'original.message'", 1, 130)] },
  // An alias made of an error the code has not narrowed still leaks.
  { code: `app.use((err, req, res, next) => { const failure = err; res.status(500).json({ message: failure.message }); });`, errors: [leak("'failure.message'", 1, 89)] },
  // A switch on the error's class whose case is no domain error.
  { code: `try { run(); } catch (err) { switch (err.constructor) { case TypeError: return res.status(400).json({ message: err.message }); default: return res.sendStatus(500); } }`, errors: [leak("'err.message'", 1, 112)] },
  // A status read off the error (a driver's error has none), and a stack in the shown branch: still leaks.
  { code: `app.use((err, req, res, next) => { res.status(err.status || 500).json(isProd && err.status >= 500 ? { message: 'Internal' } : { message: err.message }); });`, errors: [leak("'err.message'", 1, 138)] },
  { code: `export async function errors(ctx, next) {
  try { await next(); } catch (err) {
    ctx.status = err.status ?? 500;
    ctx.body = process.env.NODE_ENV === 'production' && ctx.status >= 500 ? { message: 'Something went wrong' } : { message: err.message, stack: err.stack };
  }
}`, errors: [leak("'err.stack'", 4, 146)] },
  // The details in the branch the other-way-round test leaves to the server's own failures in production.
  { code: `export async function errors(ctx, next) {
  try { await next(); } catch (err) {
    ctx.status = err.status ?? 500;
    ctx.body = ctx.status < 500 || process.env.NODE_ENV !== 'production' ? { message: 'Bad request' } : { message: err.message };
  }
}`, errors: [leak("'err.message'", 4, 116)] },
  // Hidden in production for a 4xx only: the 5xx, the server's own failures, get the message.
  { code: `export async function errors(ctx, next) {
  try { await next(); } catch (err) {
    ctx.status = err.status ?? 500;
    ctx.body = process.env.NODE_ENV === 'production' && ctx.status < 500 ? { message: 'Bad request' } : { message: err.message };
  }
}`, errors: [leak("'err.message'", 4, 116)] },
  // Signing is the server's own work with its own key: its error tells about the server.
  { code: `import jwt from 'jsonwebtoken';
export function issue(req, res) { try { res.json({ token: jwt.sign({ sub: req.user.id }, KEY) }); } catch (err) { res.status(500).json({ message: err.message }); } }`, errors: [leak("'err.message'", 2, 147)] },
  // A member of another type named verifyAsync, and JwtService's own signing: the server's work, not the client's token.
  { code: `import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class TokenService {
  constructor(private readonly jwtService: JwtService, private readonly signer: RemoteSigner) {}
  async check(token: string) {
    try { return await this.signer.verifyAsync(token); } catch (error) { throw new UnauthorizedException(error.message); }
  }
  async issue(userId: string) {
    try { return await this.jwtService.signAsync({ sub: userId }); } catch (error) { throw new UnauthorizedException(error.message); }
  }
}`, errors: [leak("'error.message'", 7, 106), leak("'error.message'", 10, 118)] },
  // The project's own JwtService renamed on import is no @nestjs/jwt: what it verifies is not known.
  { code: `import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService as Jwt } from './jwt.service';
@Injectable()
export class SessionTokens {
  constructor(private readonly tokens: Jwt) {}
  async userIdOf(token: string) {
    try { return (await this.tokens.verifyAsync(token)).sub; } catch (error) { throw new UnauthorizedException(error.message); }
  }
}`, errors: [leak("'error.message'", 7, 112)] },
  // A method of the class that also writes, or a chain that also queries, can reject with the driver's error.
  { code: `import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
@Injectable()
export class AccountService {
  constructor(private readonly jwtService: JwtService, private readonly users: UserService) {}
  async confirm(token: string) {
    return this.verifyAndConfirm(token).catch((e) => { throw new UnauthorizedException(e.message); });
  }
  async verifyAndConfirm(token: string) {
    const claims = await this.jwtService.verifyAsync(token);
    return this.users.confirm(claims.email);
  }
}`, errors: [leak("'e.message'", 7, 88)] },
  // Koa's awaited next() brings every later middleware's error back into this catch.
  { code: `import jwt from 'jsonwebtoken';
app.use(async (ctx, next) => { try { ctx.state.user = jwt.verify(ctx.headers.authorization, SECRET); await next(); } catch (err) { ctx.status = 401; ctx.body = { error: err.message }; } });`, errors: [leak("'err.message'", 2, 170)] },
  // A project's validator object may query the database (a uniqueness check).
  { code: `router.post('/users', async (req, res) => { try { await this.userValidator.validate(req.body); } catch (err) { return res.status(400).json({ message: err.message }); } });`, errors: [leak("'err.message'", 1, 151)] },
  // A project's awaited check may reach a database: its error is no schema's refusal.
  { code: `router.post('/import', async (req, res) => { try { await importer.validateRows(req.body); } catch (error) { res.status(400).json({ message: error.message }); } });`, errors: [leak("'error.message'", 1, 141)] },
  // A schema check awaited beside a query: the query's error can reach the response too.
  { code: `export const save = (schema) => async (req, res) => {
  try {
    await schema.parseAsync(req.body);
    await prisma.note.create({ data: req.body });
  } catch (error) {
    res.status(400).json({ error });
  }
};`, errors: [leak("'error'", 6, 28)] },
  // A validator's refusal, but the stack goes out with its message.
  {
    code: `import { validateCallbackUrl } from '../utils/url-policy';
router.post('/callback-url', (req, res) => {
  try {
    validateCallbackUrl(req.body.url);
  } catch (err) {
    return res.status(400).json({ message: err.message, stack: err.stack });
  }
  res.status(204).end();
});`,
    errors: [leak("'err.stack'", 6, 64)],
  },
  // JSON.parse quotes the text it was given: a server secret here.
  {
    code: `router.get('/drive', (req, res) => {
  let credentials;
  try {
    credentials = JSON.parse(process.env.GOOGLE_SERVICE_ACCOUNT);
  } catch (e) {
    return res.status(500).json({ error: e.message });
  }
  res.json(list(credentials));
});`,
    errors: [leak("'e.message'", 6, 42)],
  },
  // An ensure* helper touches the file system: its error names server paths.
  {
    code: `router.post('/uploads/:name', (req, res) => {
  try {
    fse.ensureDirSync(path.join('/srv/uploads', req.params.name));
  } catch (e) {
    return res.status(500).json({ error: e.message });
  }
  res.status(201).end();
});`,
    errors: [leak("'e.message'", 5, 42)],
  },
  // A validator and an awaited lookup in one try: the lookup's driver error reaches the body.
  {
    code: `import { validateCallbackUrl } from '../utils/url-policy';
router.post('/callback-url', async (req, res) => {
  try {
    validateCallbackUrl(req.body.url);
    await db.webhook.create({ data: { url: req.body.url } });
  } catch (err) {
    return res.status(400).json({ message: err.message });
  }
  res.status(204).end();
});`,
    errors: [leak("'err.message'", 7, 44)],
  },
  { code: `try { run(); } catch (err) { res.status(500).json({ error: err.message, stack: err.stack }); }`, errors: [leak("'err.message', 'err.stack'", 1, 60)] },
  { code: `try { run(); } catch (err) { res.status(500).json(err); }`, errors: [leak("'err'", 1, 51)] },
  { code: `try { run(); } catch (error) { res.send(error); }`, errors: [leak("'error'", 1, 41)] },
  { code: `try { run(); } catch (e) { res.status(500).json({ error: e }); }`, errors: [leak("'e'", 1, 58)] },
  { code: `try { run(); } catch (e) { res.status(500).json({ e }); }`, errors: [leak("'e'", 1, 51)] },
  { code: `try { run(); } catch (err) { res.status(500).send(JSON.stringify(err)); }`, errors: [leak("'JSON.stringify(err)'", 1, 51)] },
  { code: `try { run(); } catch (err) { res.status(500).send(String(err)); }`, errors: [leak("'String(err)'", 1, 51)] },
  { code: `try { run(); } catch (err) { res.status(500).send(err.toString()); }`, errors: [leak("'err.toString()'", 1, 51)] },
  { code: 'try { run(); } catch (err) { res.status(500).send(`Failed: ${err.message}`); }', errors: [leak("'err.message'", 1, 62)] },
  { code: `try { run(); } catch (err) { res.status(500).send('Failed: ' + err.stack); }`, errors: [leak("'err.stack'", 1, 64)] },
  { code: `try { run(); } catch (err) { res.status(500).json({ sql: err.sql, detail: err.sqlMessage }); }`, errors: [leak("'err.sql', 'err.sqlMessage'", 1, 58)] },
  { code: `try { run(); } catch (err) { res.status(500).json({ query: err.query }); }`, errors: [leak("'err.query'", 1, 60)] },
  { code: `try { run(); } catch (err) { res.status(500).json({ reason: err.original.detail }); }`, errors: [leak("'err.original.detail'", 1, 61)] },
  { code: `try { run(); } catch (err) { res.status(500).json({ ...err }); }`, errors: [leak("'err'", 1, 56)] },
  { code: `try { run(); } catch (err) { res.status(500).json({ message: err.message || 'Internal' }); }`, errors: [leak("'err.message'", 1, 62)] },
  { code: `try { run(); } catch (err) { res.status(500).jsonp({ message: err.message.slice(0, 200) }); }`, errors: [leak("'err.message'", 1, 63)] },
  { code: `try { run(); } catch (err) { res.end(err.stack); }`, errors: [leak("'err.stack'", 1, 38)] },
  { code: `try { run(); } catch (err) { const message = err.message; res.status(500).json({ message }); }`, errors: [leak("'message'", 1, 82)] },
  // Express error middleware.
  { code: `app.use((err, req, res, next) => { res.status(500).json({ message: err.message }); });`, errors: [leak("'err.message'", 1, 68)] },
  { code: `export function errorHandler(error, req, res, next) { res.status(error.status ?? 500).send({ error: error.stack }); }`, errors: [leak("'error.stack'", 1, 101)] },
  // Promise .catch and Node-style callbacks.
  { code: `save().catch((err) => res.status(500).json({ error: err.message }));`, errors: [leak("'err.message'", 1, 53)] },
  { code: `fs.readFile(file, (err, data) => { if (err) return res.status(500).send(err.message); res.send(data); });`, errors: [leak("'err.message'", 1, 73)] },
  // Narrowed to a built-in or infrastructure error only.
  { code: `try { run(); } catch (err) { if (err instanceof Error) res.status(500).json({ message: err.message }); }`, errors: [leak("'err.message'", 1, 88)] },
  { code: `try { run(); } catch (err) { if (err instanceof TypeError) res.status(500).json({ message: err.message }); }`, errors: [leak("'err.message'", 1, 92)] },
  { code: `import { QueryFailedError } from 'typeorm';\ntry { run(); } catch (err) { if (err instanceof QueryFailedError) res.status(400).json({ error: err.message }); }`, errors: [leak("'err.message'", 2, 97)] },
  { code: `import axios from 'axios';\ntry { run(); } catch (err) { if (axios.isAxiosError(err)) res.status(502).json({ upstream: err.message }); }`, errors: [leak("'err.message'", 2, 92)] },
  // Fastify.
  { code: `fastify.setErrorHandler((error, request, reply) => { reply.code(500).send({ message: error.message }); });`, errors: [leak("'error.message'", 1, 86)] },
  { code: `try { run(); } catch (err) { return reply.status(500).send(err); }`, errors: [leak("'err'", 1, 60)] },
  // Koa.
  { code: `app.use(async (ctx, next) => { try { await next(); } catch (err) { ctx.status = 500; ctx.body = { message: err.message }; } });`, errors: [leak("'err.message'", 1, 108)] },
  { code: `app.use(async (ctx, next) => { try { await next(); } catch (err) { ctx.response.body = err.stack; } });`, errors: [leak("'err.stack'", 1, 88)] },
  // Hono.
  { code: `app.onError((err, c) => c.json({ message: err.message }, 500));`, errors: [leak("'err.message'", 1, 43)] },
  { code: `app.onError((err, c) => c.text(err.stack, 500));`, errors: [leak("'err.stack'", 1, 32)] },
  // NestJS.
  { code: `${NEST}try { run(); } catch (err) { throw new InternalServerErrorException(err.message); }`, errors: [leak("'err.message'", 2, 69)] },
  // Kept: the same verification next to a database write in one try; a driver's error can reach the response.
  { code: `${NEST}import { verifyRegistrationResponse, verifyAuthenticationResponse } from '@simplewebauthn/server';\nimport { isoBase64URL } from '@simplewebauthn/server/helpers';\nasync function register(credential, expectedChallenge) { try { const verification = await verifyRegistrationResponse({ response: credential, expectedChallenge }); await prisma.authDevice.create({ data: verification }); } catch (error) { throw new InternalServerErrorException(error.message); } }`, errors: [leak("'error.message'", 4, 277)] },
  // Kept: a project's own verifier of the same name may fail on its storage.
  { code: `${NEST}import { verifyRegistrationResponse } from './webauthn';\nasync function register(credential) { try { await verifyRegistrationResponse(credential); } catch (error) { throw new InternalServerErrorException(error.message); } }`, errors: [leak("'error.message'", 3, 148)] },
  { code: `${NEST}try { run(); } catch (err) { throw new HttpException({ error: err.stack }, 500); }`, errors: [leak("'err.stack'", 2, 63)] },
  { code: `${NEST}@Controller('reports') class ReportsController { @Get() async list() { try { return await run(); } catch (err) { return { error: err.message }; } } }`, errors: [leak("'err.message'", 2, 130)] },
  // A helper of the file that lets a library's or driver's error through.
  {
    code: `const readPayload = (text) => { const parsed = payloadSchema.parse(JSON.parse(text)); if (!parsed.ok) throw new Error('Payload refused'); return parsed; };
app.post('/hooks/age-check', (req, res) => { let payload; try { payload = readPayload(req.body); } catch (err) { return res.status(400).json(err); } res.json({ ok: payload.ok }); });`,
    errors: [leak("'err'", 2, 142)],
  },
  {
    code: `function loadAccount(id) { try { return db.accounts.get(id); } catch (e) { throw e; } }
app.get('/accounts/:id', (req, res) => { let account; try { account = loadAccount(req.params.id); } catch (err) { return res.status(500).json({ error: err.message }); } res.json(account); });`,
    errors: [leak("'err.message'", 2, 152)],
  },
  { code: `${NEST}@Controller('reports') class ReportsController { @Roles('user') @Get() async list() { try { return await run(); } catch (err) { return { error: err.message }; } } }`, errors: [leak("'err.message'", 2, 145)] },
  { code: `class AllExceptionsFilter { catch(exception, host) { const response = host.switchToHttp().getResponse(); response.status(500).json({ message: exception.message }); } }`, errors: [leak("'exception.message'", 1, 143)] },
  // Thrown in a callback whose enclosing catch passes the error on, or in a callback that is not awaited there.
  { code: `${NEST}async function create() { try { await prisma.$transaction(async (tx) => { try { await run(tx); } catch (error) { throw new ConflictException(error); } }); } catch (error) { return { ok: false, error }; } }`, errors: [leak("'error'", 2, 142)] },
  { code: `${NEST}async function create() { try { await prisma.$transaction(async (tx) => { try { await run(tx); } catch (error) { throw new ConflictException(error.message); } }); } catch (error) { if (error.code === 'P2034') return null; return { ok: false, reason: error.message }; } }`, errors: [leak("'error.message'", 2, 142)] },
  { code: `${NEST}async function create() { try { return prisma.$transaction(async (tx) => { try { await run(tx); } catch (error) { throw new ConflictException(error.message); } }); } catch { return null; } }`, errors: [leak("'error.message'", 2, 143)] },
  { code: `${NEST}async function create() { try { await run(); } catch (error) { throw new BadRequestException({ message: [error.message] }); } }`, errors: [leak("'error.message'", 2, 106)] },
  // Discriminants of infrastructure errors, built-in names and mixed tests narrow nothing.
  { code: `try { run(); } catch (err) { if (err.code === 'P2002') res.status(409).json({ message: err.message }); }`, errors: [leak("'err.message'", 1, 88)] },
  { code: `try { run(); } catch (err) { if (err.code === 'ECONNREFUSED' || err.code === '23505') res.status(503).json({ message: err.message }); }`, errors: [leak("'err.message'", 1, 119)] },
  { code: `try { run(); } catch (err) { if (err.name === 'SequelizeDatabaseError') res.status(400).json({ message: err.message }); }`, errors: [leak("'err.message'", 1, 105)] },
  { code: `try { run(); } catch (err) { if (err.code === 'LIMIT' || isRetryable(err)) res.status(400).json({ message: err.message }); }`, errors: [leak("'err.message'", 1, 108)] },
  { code: `try { run(); } catch (err) { if (err.message.includes('duplicate key')) res.status(409).json({ message: err.message }); }`, errors: [leak("'err.message'", 1, 105)] },
  { code: `try { run(); } catch (err) { switch (err.code) { case 'LIMIT': break; default: return res.status(500).json({ message: err.message }); } }`, errors: [leak("'err.message'", 1, 119)] },
  // A switch default that keeps the message.
  { code: `export function errorHandler() { return (err, req, res, next) => { const errObj = { message: err.message }; switch (err.type) { case 'not_found': break; default: errObj.code = 'unknown'; break; } res.status(500).json(errObj); }; }`, errors: [leak("'errObj'", 1, 218)] },
  // A server action sends what it returns to the browser: an unexpected error's message leaks.
  {
    code: `'use server';
export async function placeOrder(form: FormData) {
  try {
    await orders.place(form);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err.message };
  }
}`,
    errors: [leak("'err.message'", 7, 32)],
  },
  {
    code: `'use server';
export const cancelInvoice = async (id: string) => {
  try {
    await invoices.cancel(id);
  } catch (e) {
    return { error: \`Cancel failed: \${e.message}\` };
  }
};`,
    errors: [leak("'e.message'", 6, 39)],
  },
  // The directive on the function itself.
  {
    code: `export default function InvoicePage() {
  async function refund(id: string) {
    'use server';
    try {
      await payments.refund(id);
    } catch (err) {
      return { error: String(err) };
    }
  }
  return refund;
}`,
    errors: [leak("'String(err)'", 7, 23)],
  },
  // The second argument as a string is the body's `error` field, and an options object's description is sent too.
  { code: `${NEST}async function remove(id) { try { await run(id); } catch (error) { throw new BadRequestException('Could not remove the booking', error.message); } }`, errors: [leak("'error.message'", 2, 130)] },
  { code: `${NEST}async function remove(id) { try { await run(id); } catch (error) { throw new BadRequestException('Could not remove the booking', { cause: error, description: error.message }); } }`, errors: [leak("'error.message'", 2, 159)] },
  // The caught error as the first argument is the whole body.
  { code: `${NEST}async function remove(id) { try { await run(id); } catch (error) { throw new BadRequestException(error, 'Could not remove the booking'); } }`, errors: [leak("'error'", 2, 98)] },
  // An array first argument is the message, like a string: the description still goes out as the body's error field.
  { code: `${NEST}async function remove(id) { try { await run(id); } catch (error) { throw new BadRequestException(['Could not remove the booking'], error.message); } }`, errors: [leak("'error.message'", 2, 132)] },
  // A CQRS command handler answers the controller that executes the command.
  // A controller is request code in any folder, a jobs folder included.
  { code: `${NEST}@Controller('jobs') export class JobsController { @Get(':id') async retry(id) { try { await this.jobs.retry(id); } catch (error) { throw new BadRequestException(error.message); } } }`, filename: 'src/jobs/jobs.controller.ts', mode: 'untyped', errors: [leak("'error.message'", 2, 162)] },
  { code: `${NEST}@CommandHandler(CancelBooking) export class CancelBookingHandler { async execute(command) { try { await this.refunds.issue(command.paymentId); } catch (error) { throw new BadRequestException(error.message); } } }`, errors: [leak("'error.message'", 2, 192)] },
  // `next` of a function no route registers may be missing, and a send on the branch where `next` exists runs.
  { code: `function finish(req, res, next) { try { run(); } catch (err) { return next ? next(err) : res.status(500).json(err); } }`, errors: [leak("'err'", 1, 111)] },
  { code: `app.post('/sessions', (req, res, next) => { try { run(); } catch (err) { return next ? res.status(500).json(err) : undefined; } });`, errors: [leak("'err'", 1, 109)] },
  { code: `app.post('/sessions', (req, res, next) => { try { run(); } catch (err) { return retry ? next(err) : res.status(500).json(err); } });`, errors: [leak("'err'", 1, 122)] },
  // An exception filter bound to everything, to Error or to a driver's error receives unexpected errors.
  { code: `@Catch() class AllFilter { catch(exception, host) { const response = host.switchToHttp().getResponse(); response.status(500).json({ message: exception.message }); } }`, errors: [leak("'exception.message'", 1, 142)] },
  { code: `@Catch(Error) class AllFilter { catch(exception, host) { const response = host.switchToHttp().getResponse(); response.status(500).json({ message: exception.message }); } }`, errors: [leak("'exception.message'", 1, 147)] },
  { code: `import { QueryFailedError } from 'typeorm';\n@Catch(QueryFailedError) class SqlFilter { catch(exception, host) { const response = host.switchToHttp().getResponse(); response.status(409).json({ message: exception.message }); } }`, errors: [leak("'exception.message'", 2, 158)] },
  { code: `import { QueryFailedError } from 'typeorm';\nclass StoreFailure extends QueryFailedError {}\n@Catch(StoreFailure) class StoreFilter { catch(exception, host) { const response = host.switchToHttp().getResponse(); response.status(409).json({ message: exception.message }); } }`, errors: [leak("'exception.message'", 3, 156)] },
  // NestJS 8 sends the second argument as the description whatever it holds.
  { mode: 'untyped', filename: NEST8_FILE, code: `${NEST}async function remove(id) { try { await run(id); } catch (error) { throw new BadRequestException('Could not remove the booking', error); } }`, errors: [leak("'error'", 2, 130)] },
];

runRuleTests('no-error-details-in-response', rule, { valid, invalid });
