import rule, { type MessageId, type Options } from '../../rules/prefer-central-error-handler.js';
import { runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';
import { positionOf as at } from '../helpers/source-position.js';

type Case = Invalid<MessageId, Options>;

function own(code: string, needle: string, response: string): Case {
  return { code, errors: [{ messageId: 'ownErrorResponse', data: { response }, ...at(code, needle) }] };
}

const EXPRESS = `import express from 'express';\nconst router = express.Router();\n`;
const NEST = `import { Controller, Get, InternalServerErrorException, NotFoundException } from '@nestjs/common';\n`;

const valid: Valid<Options>[] = [
  // Errors go on to the central handler.
  `${EXPRESS}router.get('/orders', async (req, res, next) => { try { res.json(await orderService.list()); } catch (err) { next(err); } });`,
  `${EXPRESS}router.get('/orders', async (req, res) => { try { res.json(await orderService.list()); } catch (err) { logger.error({ err }); throw err; } });`,
  // One known error mapped to its status, the rest rethrown.
  `${EXPRESS}router.get('/orders/:id', async (req, res) => { try { res.json(await orderService.get(req.params.id)); } catch (err) { if (err instanceof NotFoundError) return res.status(404).json({ message: 'Order not found' }); throw err; } });`,
  `${EXPRESS}router.post('/users', async (req, res) => { try { res.status(201).json(await users.create(req.body)); } catch (err) { switch (err.code) { case 'P2002': return res.status(409).json({ message: 'Email taken' }); default: throw err; } } });`,
  `${NEST}@Controller('orders') class OrdersController { @Get(':id') async get(id) { try { return await this.orders.get(id); } catch (e) { if (e instanceof OrderMissingError) throw new NotFoundException('Order not found'); throw e; } } }`,
  // The central handler itself: Koa error middleware around next(), Fastify setErrorHandler, Express 4-argument middleware.
  `import Router from '@koa/router';\nconst router = new Router();\nrouter.use(async (ctx, next) => { try { await next(); } catch (err) { ctx.status = err.status ?? 500; ctx.body = { message: 'Internal error' }; } });\nrouter.get('/x', async (ctx) => { ctx.body = await svc.get(); });`,
  `import Fastify from 'fastify';\nconst app = Fastify();\napp.setErrorHandler(async (error, request, reply) => { try { await audit.record(error); } catch { return reply.code(500).send({ message: 'Internal error' }); } });\napp.get('/x', async () => svc.get());`,
  `${EXPRESS}router.get('/x', async (req, res) => res.json(await svc.get()));\nrouter.use(async (err, req, res, next) => { try { await alerts.notify(err); } catch { res.status(500).json({ message: 'Internal error' }); } });`,
  // Validation or decoding mapped to 400: the try guards input checks.
  `${EXPRESS}router.post('/orders', async (req, res) => { let body; try { body = orderSchema.parse(req.body); } catch { return res.status(400).json({ message: 'Invalid order' }); } res.json(await orders.create(body)); });`,
  `${EXPRESS}router.get('/files/:id', async (req, res) => { try { res.json(await files.get(decodeFileId(req.params.id))); } catch { return res.status(400).json({ message: 'Invalid id' }); } });`,
  // Health probes answer a failure with a status by design.
  `${EXPRESS}router.get('/health', async (req, res) => { try { await db.ping(); res.send('ok'); } catch { res.status(500).send('down'); } });`,
  `${EXPRESS}router.get('/status/db', async (req, res) => { try { await db.ping(); res.send('ok'); } catch { res.status(503).send('unavailable'); } });`,
  // A fallback body with a success status, or a commented decision.
  `${EXPRESS}router.get('/feed', async (req, res) => { try { res.json(await feed.latest()); } catch { res.json([]); } });`,
  `${EXPRESS}router.get('/share/:id', async (req, res) => { try { res.json(await shares.get(req.params.id)); } catch { // a missing or revoked share reads as not found\n res.status(404).end(); } });`,
  // The catch keeps the error (logged as an object, filed with a tracker) before answering: the answer is the endpoint's contract.
  `${EXPRESS}router.post('/password-reset', async (req, res) => { try { await mailer.sendReset(req.body.email); res.sendStatus(202); } catch (err) { logger.error({ err }, 'reset mail failed'); res.status(500).json({ message: 'Could not send the reset e-mail' }); } });`,
  `${EXPRESS}router.post('/otp', async (req, res) => { try { await mailer.sendOtp(req.body.email); res.sendStatus(202); } catch (err) { reportErrorToTracker(err, { req }); res.status(500).json({ error: { code: 'OTP_NOT_SENT' } }); } });`,
  `import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/unsubscribe', async (c) => { try { await subscribers.unsubscribe(c.req.query('token')); return c.json({ ok: true }); } catch (e) { log.error('unsubscribe failed', { stack: e.stack }); return c.json({ error: 'Internal error' }, 500); } });`,
  // An image endpoint answers any failure with a bare 404, which the <img> that loads it reads.
  `${EXPRESS}router.get('/avatars/:id', async (req, res) => { try { const { bytes, mime } = await avatars.load(req.params.id); res.contentType(mime); res.send(bytes); } catch { res.status(404).end(); } });`,
  `${NEST}import { HttpStatus, Param, Res } from '@nestjs/common';\n@Controller('logos') class LogosController { @Get(':symbol') async logo(@Param('symbol') symbol, @Res() response) { try { const { buffer, type } = await this.logos.get(symbol); response.contentType(type); response.send(buffer); } catch { response.status(HttpStatus.NOT_FOUND).send(); } } }`,
  // Not a route handler.
  `async function loadOrders(res) { try { return await orderService.list(); } catch { res.status(500).json({ message: 'failed' }); } }`,
];

const EXPRESS_500 = `${EXPRESS}router.get('/orders', async (req, res) => {\n  try {\n    res.json(await orderService.list());\n  } catch (err) {\n    res.status(500).json({ message: 'Could not list orders' });\n  }\n});`;
const ELSE_500 = `${EXPRESS}router.get('/orders/:id', async (req, res) => { try { res.json(await orderService.get(req.params.id)); } catch (err) { if (err instanceof NotFoundError) return res.status(404).json({ message: 'Not found' }); return res.status(500).json({ message: 'Internal error' }); } });`;
const COMPUTED = `${EXPRESS}router.get('/orders', async (req, res) => { try { res.json(await orderService.list()); } catch (err) { res.status(err.status ?? 500).json({ message: 'failed' }); } });`;
const SEND_STATUS = `${EXPRESS}router.delete('/orders/:id', async (req, res) => { try { await orderService.remove(req.params.id); res.sendStatus(204); } catch { res.sendStatus(400); } });`;
const FASTIFY = `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/stock', async (request, reply) => { try { return await inventory.list(); } catch { return reply.code(400).send({ error: 'Bad request' }); } });`;
const KOA = `import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/invoices', async (ctx) => { try { ctx.body = await invoices.list(); } catch (e) { ctx.status = 500; ctx.body = { message: 'failed' }; } });`;
const HONO = `import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/reports', async (c) => { try { return c.json(await reports.list()); } catch { return c.json({ error: 'failed' }, 500); } });`;
const NEST_500 = `${NEST}@Controller('orders') class OrdersController { @Get() async list() { try { return await this.orders.list(); } catch (e) { throw new InternalServerErrorException('Could not list orders'); } } }`;
const PROMISE = `${EXPRESS}router.get('/orders', (req, res) => { orderService.list().then((orders) => res.json(orders)).catch(() => res.status(500).json({ message: 'failed' })); });`;

const MESSAGE_LOGGED = `${EXPRESS}router.get('/orders', async (req, res) => { try { res.json(await orderService.list()); } catch (err) { logger.error(\`list failed: \${err.message}\`); res.status(500).json({ message: 'failed' }); } });`;

const MEDIA_500 = `${EXPRESS}router.get('/avatars/:id', async (req, res) => { try { res.type('png'); res.send(await avatars.load(req.params.id)); } catch { res.status(500).send('failed'); } });`;

const invalid: Case[] = [
  // A media endpoint that answers a server failure with its own 500 still decides it alone.
  own(MEDIA_500, 'res.status(500)', 'res.status().send'),
  // Logging only the error's text keeps nothing a central handler would have recorded.
  own(MESSAGE_LOGGED, 'res.status(500)', 'res.status().json'),
  own(EXPRESS_500, 'res.status(500)', 'res.status().json'),
  own(ELSE_500, 'res.status(500)', 'res.status().json'),
  own(COMPUTED, 'res.status(err', 'res.status().json'),
  own(SEND_STATUS, 'res.sendStatus(400)', 'res.sendStatus()'),
  own(FASTIFY, 'reply.code(400)', 'reply.code().send'),
  own(KOA, 'ctx.status = 500', 'ctx.status'),
  own(HONO, `c.json({ error: 'failed' }, 500)`, 'c.json'),
  own(NEST_500, 'new InternalServerErrorException', 'new InternalServerErrorException'),
  own(PROMISE, 'res.status(500)', 'res.status().json'),
];

runRuleTests('prefer-central-error-handler', rule, { valid, invalid });
