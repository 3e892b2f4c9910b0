import rule, { type MessageId, type Options } from '../../rules/no-error-details-in-response.js';
import { runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

type Case = Invalid<MessageId, Options>;

function leak(details: string, line: number, column: number): Case['errors'][number] {
  return { messageId: 'errorDetailsInResponse', data: { details }, line, column, suggestions: [] };
}

const ERRORS = `class AppError extends Error { statusCode = 500; }\n`;
const NEST = `import { Controller, Get, InternalServerErrorException, HttpException } from '@nestjs/common';\n`;

const valid: Valid<Options>[] = [
  // Fastify and Hono handlers that send a fixed message and the request id.
  `fastify.setErrorHandler((error, request, reply) => { request.log.error({ err: error }); return reply.code(500).send({ message: 'Internal server error', requestId: request.id }); });`,
  `app.onError((err, c) => { console.error(err); return c.json({ error: 'Internal error' }, 500); });`,
  // Generic message and a request id.
  `app.use((err, req, res, next) => { req.log.error({ err }, 'failed'); res.status(500).json({ message: 'Internal server error', requestId: req.id }); });`,
  `try { await run(); } catch (err) { logger.error({ err }); res.status(500).send('Something went wrong'); }`,
  // Narrowed to a domain error.
  `${ERRORS}app.use((err, req, res, next) => { if (err instanceof AppError) { res.status(err.statusCode).json({ message: err.message }); return; } res.status(500).json({ message: 'Internal' }); });`,
  `${ERRORS}try { run(); } catch (err) { res.status(500).json({ message: err instanceof AppError ? err.message : 'Internal error' }); }`,
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
  `${NEST}class NotAController { @Get() list() { try { run(); } catch (err) { return { error: err.message }; } } }`,
  { code: `${NEST}try { run(); } catch (err) { throw new InternalServerErrorException(err.message); }`, options: [{ checkNestHandlers: false }] },
  // Nest exception filter sending a generic body.
  `class AllExceptionsFilter { catch(exception, host) { host.switchToHttp().getResponse().status(500).json({ message: 'Internal server error' }); } }`,
  // Sent after the error handling finished, without the error.
  `try { run(); } catch (err) { failed = true; } res.json({ failed });`,
  // Raw error passed to next() or logged only.
  `promise.catch((err) => { log.error(err); res.status(500).end(); });`,
  // A typed domain error.
  { code: `${ERRORS}function send(err: AppError, res: any) { res.status(err.statusCode).json({ message: err.message }); }`, mode: 'typed' },
  `${ERRORS}try { run(); } catch (err) { if (err instanceof AppError && err.statusCode < 500) res.status(err.statusCode).json({ message: err.message }); }`,
  // Node-style callback error narrowed to a domain error.
  `${ERRORS}load((err, data) => { if (err instanceof AppError) return res.status(400).send(err.message); res.json(data); });`,
];

const invalid: Case[] = [
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
  { code: `${NEST}try { run(); } catch (err) { throw new HttpException({ error: err.stack }, 500); }`, errors: [leak("'err.stack'", 2, 63)] },
  { code: `${NEST}@Controller('reports') class ReportsController { @Get() async list() { try { return await run(); } catch (err) { return { error: err.message }; } } }`, errors: [leak("'err.message'", 2, 130)] },
  { code: `class AllExceptionsFilter { catch(exception, host) { const response = host.switchToHttp().getResponse(); response.status(500).json({ message: exception.message }); } }`, errors: [leak("'exception.message'", 1, 143)] },
];

runRuleTests('no-error-details-in-response', rule, { valid, invalid });
