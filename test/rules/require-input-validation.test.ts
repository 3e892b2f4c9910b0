import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import rule, { type MessageId, type Options } from '../../rules/require-input-validation.js';
import { runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

type Case = Invalid<MessageId, Options>;
type Error = Case['errors'][number];

function input(inputLabel: string, sink: string, line: number, column: number): Error {
  return { messageId: 'unvalidatedInput', data: { input: inputLabel, sink }, line, column };
}

function nest(inputLabel: string, type: string, sink: string, line: number, column: number): Error {
  return { messageId: 'unvalidatedNestInput', data: { input: inputLabel, type, sink }, line, column };
}

const EXPRESS = `import { Router } from 'express';\nimport { usersService } from './users.service';\nconst router = Router();\n`;
const NEST = `import { Body, Controller, Post, Put, Query, Get, Param, UsePipes, ValidationPipe, Req } from '@nestjs/common';\n`;

const valid: Valid<Options>[] = [
  // One key of the query typed any: one value of the URL, a scalar.
  `${NEST}@Controller('products') class ProductsController { constructor(private readonly productService: ProductService) {}
  @Get() list(@Query('page') page: any, @Query('_limit') limit: unknown) { return this.productService.findAll({ page, limit }); } }`,
  // One key typed with a union of literals, declared here or imported as a type: one value of the URL.
  `${NEST}type AuthType = 'github' | 'google' | 'email';
@Controller('auth') class AuthController { constructor(private readonly authService: AuthService) {}
  @Get('accounts') list(@Query('type') type: AuthType, @Query('provider') provider: string) { return this.authService.listAccounts({ type, provider }); } }`,
  {
    code: `${NEST}import type { AuthType } from './auth.types';
@Controller('auth') class AuthController { constructor(private readonly authService: AuthService) {}
  @Get('accounts') list(@Query('type') type: AuthType) { return this.authService.listAccounts({ type }); } }`,
    mode: 'untyped',
  },
  // A check method called with the input before it reaches the service: the controller validates it by hand.
  {
    code: `${NEST}type OptionalNoteKind = NoteKind | '';
@Controller('explore') class ExploreController { constructor(private readonly exploreService: ExploreService) {}
  @Get('mine') mine(@Query('kind') kind?: OptionalNoteKind) {
    this.checkQueryParams(kind);
    return this.exploreService.mine(kind);
  }
  private checkQueryParams(kind?: OptionalNoteKind) {
    if (kind && !Object.values(NoteKind).includes(kind)) throw new BadRequestException('Invalid kind');
  }
}`,
  },
  // A module-level instance of a class that is no service (a package's client, a Map) is no sink.
  "import express from 'express';\nimport { AudienceService } from 'mailing-sdk';\nconst lists = new AudienceService();\nconst seen = new Map();\nconst app = express();\napp.post('/newsletter', async (req, res) => { seen.set(req.ip, req.body); await lists.subscribe(req.body); res.sendStatus(204); });",
  // Validated in the handler: zod, joi, yup, valibot, ajv, TypeBox, superstruct.
  `${EXPRESS}router.post('/users', async (req, res) => { const input = CreateUser.parse(req.body); res.json(await usersService.create(input)); });`,
  `${EXPRESS}router.post('/users', async (req, res) => { const result = CreateUser.safeParse(req.body); if (!result.success) return res.status(400).end(); res.json(await usersService.create(req.body)); });`,
  `${EXPRESS}import Joi from 'joi'; const schema = Joi.object({ name: Joi.string() });
router.post('/users', async (req, res) => { const { error, value } = schema.validate(req.body); if (error) return res.sendStatus(400); await usersService.create(value); res.end(); });`,
  `${EXPRESS}import * as yup from 'yup'; router.post('/users', async (req, res) => { const body = await userSchema.validate(req.body); await usersService.create(body); res.end(); });`,
  `${EXPRESS}import * as v from 'valibot'; router.post('/users', async (req, res) => { const body = v.parse(UserSchema, req.body); await usersService.create(body); res.end(); });`,
  `${EXPRESS}import Ajv from 'ajv'; const ajv = new Ajv(); const validate = ajv.compile(schema);
router.post('/users', async (req, res) => { if (!validate(req.body)) return res.status(400).json(validate.errors); await usersService.create(req.body); res.end(); });`,
  `${EXPRESS}import { Value } from '@sinclair/typebox/value'; router.post('/users', async (req, res) => { if (!Value.Check(User, req.body)) return res.sendStatus(400); await usersService.create(req.body); res.end(); });`,
  `${EXPRESS}import { create } from 'superstruct'; router.post('/users', async (req, res) => { const body = create(req.body, User); await usersService.create(body); res.end(); });`,
  // Validated on the route: a project-local middleware, celebrate, express-validator.
  `${EXPRESS}import { validate } from '../middleware/validate'; router.post('/users', validate(createUserSchema), async (req, res) => { res.json(await usersService.create(req.body)); });`,
  `${EXPRESS}router.post('/users', validateBody(CreateUser), async (req, res) => { res.json(await usersService.create(req.body)); });`,
  `${EXPRESS}import { celebrate, Joi, Segments } from 'celebrate'; router.post('/users', celebrate({ [Segments.BODY]: Joi.object({ name: Joi.string() }) }), async (req, res) => { res.json(await usersService.create(req.body)); });`,
  `${EXPRESS}import { body, validationResult } from 'express-validator';
router.post('/users', body('email').isEmail(), async (req, res) => { if (!validationResult(req).isEmpty()) return res.sendStatus(400); res.json(await usersService.create(req.body)); });`,
  `${EXPRESS}import { checkSchema } from 'express-validator'; router.post('/users', checkSchema(userSchema), async (req, res) => { res.json(await usersService.create(req.body)); });`,
  `${EXPRESS}router.post('/users', [auth, validator.body(userSchema)], async (req, res) => { res.json(await usersService.create(req.body)); });`,
  `${EXPRESS}router.use(validateRequest(apiSpec)); router.post('/users', async (req, res) => { res.json(await usersService.create(req.body)); });`,
  // A wrapper that validates: it names a validator or takes the schema.
  `${EXPRESS}router.post('/users', withValidation(CreateUser, async (req, res) => { res.json(await usersService.create(req.body)); }));`,
  `${EXPRESS}router.post('/users', handler({ body: CreateUser }, async (req, res) => { res.json(await usersService.create(req.body)); }));`,
  // Scalars and single fields are not the rule's concern.
  `${EXPRESS}router.get('/users/:id', async (req, res) => { res.json(await usersService.findById(Number(req.params.id))); });`,
  `${EXPRESS}router.get('/users', async (req, res) => { res.json(await usersService.search(String(req.query.q))); });`,
  `${EXPRESS}router.post('/users/:id/name', async (req, res) => { await usersService.rename(req.params.id, req.body.name); res.end(); });`,
  `${EXPRESS}router.post('/users', async (req, res) => { const { name, email } = req.body; res.json(await usersService.create({ name, email })); });`,
  // Unknown receivers and local helpers: no evidence of a service, a repository or the DB.
  `${EXPRESS}router.post('/users', async (req, res) => { res.json(await buildUser(req.body)); });`,
  `${EXPRESS}router.post('/echo', async (req, res) => { logger.info(req.body); res.sendStatus(204); });`,
  `${EXPRESS}import { emailService } from 'mail-sdk'; router.post('/mail', async (req, res) => { await emailService.send(req.body); res.end(); });`,
  // Not a route handler: a handler in a controller file registered elsewhere is judged where it is registered.
  `import { usersService } from './users.service'; export async function create(req, res) { res.json(await usersService.create(req.body)); }`,
  // Fastify route schema.
  `import Fastify from 'fastify'; import { usersService } from './users.service'; const fastify = Fastify();
fastify.post('/users', { schema: { body: CreateUserBody } }, async (request) => usersService.create(request.body));`,
  `import Fastify from 'fastify'; import { usersService } from './users.service'; const fastify = Fastify();
fastify.route({ method: 'POST', url: '/users', schema: { body: CreateUserBody }, handler: async (request) => usersService.create(request.body) });`,
  `import Fastify from 'fastify'; import { usersService } from './users.service'; const fastify = Fastify();
fastify.post('/users', { schema: createUserSchema }, async (request) => usersService.create(request.body));`,
  // Hono validator middleware: c.req.valid() is validated input.
  `import { Hono } from 'hono'; import { zValidator } from '@hono/zod-validator'; import { usersService } from './users.service'; const app = new Hono();
app.post('/users', zValidator('json', CreateUser), async (c) => c.json(await usersService.create(c.req.valid('json'))));`,
  // Koa: a guard middleware on the route; ctx.body is the response, not input.
  `import Router from '@koa/router'; import { usersService } from './users.service'; const router = new Router();
router.post('/users', koaGuard({ body: CreateUser }), async (ctx) => { ctx.body = await usersService.create(ctx.guard.body); });`,
  `import Router from '@koa/router'; import { usersService } from './users.service'; const router = new Router();
router.get('/users', async (ctx) => { ctx.body = await usersService.list(); });`,
  // NestJS: a decorated DTO class, a pipe on the parameter or the handler, a keyed scalar.
  `${NEST}import { IsEmail, IsString } from 'class-validator';
class CreateUserDto { @IsEmail() email: string; @IsString() name: string; }
@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() create(@Body() dto: CreateUserDto) { return this.usersService.create(dto); } }`,
  `${NEST}@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() create(@Body(new ZodValidationPipe(CreateUser)) body: unknown) { return this.usersService.create(body); } }`,
  `${NEST}@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() @UsePipes(new ValidationPipe()) create(@Body() body: any) { return this.usersService.create(body); } }`,
  `${NEST}@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Put(':id') rename(@Param('id') id: string, @Body('name') name: string) { return this.usersService.rename(id, name); } }`,
  // Imported DTO classes: the file does not show their decorators (typed linting reads them).
  { code: `${NEST}import { CreateUserDto } from './dto/create-user.dto';
@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() create(@Body() dto: CreateUserDto) { return this.usersService.create(dto); } }`, mode: 'untyped' },
  // A DTO that extends a mapped type keeps its base's decorators.
  `${NEST}class UpdateUserDto extends PartialType(CreateUserDto) {}
@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Put() update(@Body() dto: UpdateUserDto) { return this.usersService.update(dto); } }`,
  // A Nest handler that passes only a field of an untyped body.
  `${NEST}@Controller('auth') class AuthController { constructor(private readonly authService: AuthService) {}
  @Post() login(@Body() body: { token: string }) { return this.authService.login(body.token); } }`,
  // Not a NestJS route method.
  `${NEST}class UsersController { constructor(private readonly usersService: UsersService) {} create(@Body() body: any) { return this.usersService.create(body); } }`,
  // A CLI that looks like routing code.
  `#!/usr/bin/env node\nimport { Command } from 'commander'; import { usersService } from './users.service'; const app = express(); app.post('/x', (req, res) => usersService.create(req.body));`,
  // Catch-all routes (a mock server, a proxy) accept any shape by design.
  `${NEST}@Controller('mock') class MockController { constructor(private readonly mockService: MockService) {}
  @All('*path') handle(@Req() req) { return this.mockService.match(req.path, req.query); } }`,
  `${EXPRESS}router.all('/proxy/*', async (req, res) => { res.json(await usersService.forward(req.query)); });`,
  // Webhooks: a signed payload checked by its sender's key, or kept raw for that check.
  `${EXPRESS}import express from 'express';
router.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => { await usersService.handleWebhook(req.body, req.headers['stripe-signature']); res.end(); });`,
  `${EXPRESS}router.post('/webhooks/billing', async (req, res) => { const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret); await usersService.handleWebhook(req.body); res.end(); });`,
  // A signature check of the raw bytes: the parsed body is the sender's, signed.
  `${EXPRESS}router.post('/webhooks/payments', async (req, res) => {
  if (!signatureIsValid(req.rawBody, req.get('X-Signature') ?? '')) return res.sendStatus(401);
  await usersService.recordPaymentEvent(req.body);
  res.end();
});`,
  // NestJS: validated in the handler.
  `${NEST}@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() create(@Body() body: unknown) { const input = CreateUser.parse(body); return this.usersService.create(input); } }`,
  // A class that is no model.
  `${EXPRESS}class Envelope { constructor(readonly payload: unknown) {} }
router.post('/users', async (req, res) => { res.json(new Envelope(req.body)); });`,
  // A type guard or assertion function checks the input.
  `${EXPRESS}router.post('/users', async (req, res) => { if (!isCreateUserInput(req.body)) return res.sendStatus(400); res.json(await usersService.create(req.body)); });`,
  // Route options that validate: koa-joi-router's validate key, hapi's options.validate, Fastify options defined elsewhere.
  `import Router from 'koa-joi-router'; import { usersService } from './users.service'; const router = Router();
router.route({ method: 'post', path: '/users', validate: { type: 'json', body: userBody }, handler: async (ctx) => { ctx.body = await usersService.create(ctx.request.body); } });`,
  `import Fastify from 'fastify'; import { usersService } from './users.service'; const fastify = Fastify();
fastify.post('/users', createUserOptions, async (request) => usersService.create(request.body));`,
  // A DTO validated by a class-level decorator of the project.
  `${NEST}@ValidateWith(createUserSchema) class CreateUserDto { email: string; }
@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() create(@Body() dto: CreateUserDto) { return this.usersService.create(dto); } }`,
  // A raw body typed with a platform type: no DTO of the project.
  `${NEST}@Controller('hooks') class HooksController { constructor(private readonly hooksService: HooksService) {}
  @Post() receive(@Body() payload: Buffer) { return this.hooksService.receive(payload); } }`,
  // Input handed to a mapping call first: the derived value is not the raw input.
  `${EXPRESS}router.post('/users', async (req, res) => { const dto = toCreateUser(req.body); res.json(await usersService.create(dto)); });`,
];

const invalid: Case[] = [
  // A body field typed through a type-only import, or a query key named for an object, is still judged.
  {
    code: `${NEST}import type { CreateProductDto } from './dto';
import type { ProductFilter } from './filters';
@Controller('products') class ProductsController { constructor(private readonly productService: ProductService) {}
  @Post() create(@Body('product') product: CreateProductDto) { return this.productService.create(product); }
  @Get() list(@Query('filter') filter: ProductFilter) { return this.productService.findAll(filter); } }`,
    mode: 'untyped',
    errors: [
      nest("@Body('product') product", "typed 'CreateProductDto' through a type-only import (no class at run time)", 'this.productService.create', 5, 98),
      nest("@Query('filter') filter", "typed 'ProductFilter' through a type-only import (no class at run time)", 'this.productService.findAll', 6, 92),
    ],
  },
  // A key typed with an alias of an object shape may arrive as an object through the query parser.
  {
    code: `${NEST}type Filter = { name?: string; price?: number };
@Controller('products') class ProductsController { constructor(private readonly productService: ProductService) {}
  @Get() list(@Query('filter') filter: Filter) { return this.productService.findAll(filter); } }`,
    errors: [nest("@Query('filter') filter", "typed with the type alias 'Filter'", 'this.productService.findAll', 4, 85)],
  },
  // A check of something else (authentication) validates nothing of the body.
  {
    code: `${EXPRESS}router.post('/posts', async (req, res) => {
  checkAuth(req);
  res.json(await prisma.post.create({ data: req.body }));
});`,
    errors: [input('req.body', 'prisma.post.create', 6, 45)],
  },
  // A module-level instance built from a project class named as a service, whatever the variable is called.
  {
    code: "import express from 'express';\nimport { NotificationService } from './services/notification.service';\nconst notifications = new NotificationService();\nconst app = express();\napp.post('/newsletter', async (req, res) => { await notifications.subscribe(req.body); res.sendStatus(204); });",
    errors: [input('req.body', 'notifications.subscribe', 5, 77)],
  },
  // A flag about signatures is no check of one; nor a check of something the request does not carry.
  {
    code: `${EXPRESS}router.post('/documents/:id/sign', async (req, res) => { if (!isSignatureRequired(req.params.id)) return res.sendStatus(400); res.json(await usersService.create(req.body)); });`,
    errors: [input('req.body', 'usersService.create', 4, 162)],
  },
  {
    code: `${EXPRESS}router.post('/documents/:id/sign', async (req, res) => { await documents.verifySignature(DEFAULT_DOCUMENT_ID); res.json(await usersService.create(req.body)); });`,
    errors: [input('req.body', 'usersService.create', 4, 147)],
  },
  // Building a signature is no check of one.
  {
    code: `${EXPRESS}router.post('/exports', async (req, res) => { res.set('X-Signature', formatSignatureHeader(exportKey)); res.json(await usersService.export(req.body)); });`,
    errors: [input('req.body', 'usersService.export', 4, 140)],
  },
  {
    code: `${EXPRESS}router.post('/users', async (req, res) => { res.json(await usersService.create(req.body)); });`,
    errors: [input('req.body', 'usersService.create', 4, 80)],
  },
  {
    code: `${EXPRESS}router.get('/users', async (req, res) => { res.json(await usersService.search(req.query)); });`,
    errors: [input('req.query', 'usersService.search', 4, 79)],
  },
  // Spreads and objects that carry the input whole.
  {
    code: `${EXPRESS}router.post('/users', async (req, res) => { const user = await usersService.create({ ...req.body, role: 'member' }); res.json(user); });`,
    errors: [input('req.body', 'usersService.create', 4, 89)],
  },
  {
    code: `${EXPRESS}router.post('/users', async (req, res) => { res.json(await usersService.create({ ...req.body.user, demo: false })); });`,
    errors: [input('req.body.user', 'usersService.create', 4, 85)],
  },
  // Through variables and destructuring.
  {
    code: `${EXPRESS}router.post('/users', async (req, res) => {\n  const body = req.body;\n  const data = { ...body, createdBy: req.user.id };\n  res.json(await usersService.create(data));\n});`,
    errors: [input('req.body', 'usersService.create', 7, 38)],
  },
  {
    code: `${EXPRESS}router.post('/users', async ({ body }, res) => { res.json(await usersService.create(body)); });`,
    errors: [input('body', 'usersService.create', 4, 85)],
  },
  {
    code: `${EXPRESS}router.put('/users/:id', async (req, res) => { const { id, ...changes } = req.body; res.json(await usersService.update(id, changes)); });`,
    errors: [input('req.body', 'usersService.update', 4, 124)],
  },
  // DB calls: Prisma data, Mongoose model, a repository.
  {
    code: `import express from 'express'; import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); const app = express();
app.put('/users/:id', async (req, res) => { res.json(await prisma.user.update({ where: { id: Number(req.params.id) }, data: req.body })); });`,
    errors: [input('req.body', 'prisma.user.update', 2, 125)],
  },
  {
    code: `import express from 'express'; import { User } from './models/user'; const app = express();
app.post('/users', async (req, res) => { res.status(201).json(await User.create(req.body)); });`,
    errors: [input('req.body', 'User.create', 2, 81)],
  },
  {
    code: `import { Router } from 'express'; import { userRepository } from '../repositories/user.repository'; const router = Router();
router.post('/users', async (req, res) => { await userRepository.save(req.body); res.sendStatus(201); });`,
    errors: [input('req.body', 'userRepository.save', 2, 71)],
  },
  // A model built from the input, then saved.
  {
    code: `import express from 'express'; import { User } from './models/user'; const app = express();
app.post('/users', async (req, res) => { const user = new User(req.body); await user.save(); res.status(201).json(user); });`,
    errors: [input('req.body', 'new User', 2, 64)],
  },
  // A bare function imported from a service module.
  {
    code: `import { Router } from 'express'; import { createArticle } from './article.service'; const router = Router();
router.post('/articles', async (req, res) => { res.json(await createArticle(req.body)); });`,
    errors: [input('req.body', 'createArticle', 2, 77)],
  },
  // A named handler declared in the file; the response echoes the input.
  {
    code: `${EXPRESS}async function echo(req, res) { res.json(req.body); }\nrouter.post('/echo', echo);`,
    errors: [input('req.body', 'res.json', 4, 42)],
  },
  // A wrapper that only catches errors does not validate.
  {
    code: `${EXPRESS}router.post('/users', asyncHandler(async (req, res) => { res.json(await usersService.create(req.body)); }));`,
    errors: [input('req.body', 'usersService.create', 4, 93)],
  },
  // A middleware that is not a validator (auth) leaves the input unchecked.
  {
    code: `${EXPRESS}router.post('/users', requireAuth, async (req, res) => { res.json(await usersService.create(req.body)); });`,
    errors: [input('req.body', 'usersService.create', 4, 93)],
  },
  // Fastify without a body schema.
  {
    code: `import Fastify from 'fastify'; import { usersService } from './users.service'; const fastify = Fastify();
fastify.post('/users', { schema: { response: { 201: UserReply } } }, async (request) => usersService.create(request.body));`,
    errors: [input('request.body', 'usersService.create', 2, 109)],
  },
  // Koa.
  {
    code: `import Router from '@koa/router'; import { usersService } from './users.service'; const router = new Router();
router.post('/users', async (ctx) => { ctx.body = await usersService.create(ctx.request.body); });`,
    errors: [input('ctx.request.body', 'usersService.create', 2, 77)],
  },
  {
    code: `import Router from '@koa/router'; import { usersService } from './users.service'; const router = new Router();
router.get('/users', async (ctx) => { ctx.body = await usersService.list(ctx.query); });`,
    errors: [input('ctx.query', 'usersService.list', 2, 74)],
  },
  // Hono.
  {
    code: `import { Hono } from 'hono'; import { usersService } from './users.service'; const app = new Hono();
app.post('/users', async (c) => { const body = await c.req.json(); return c.json(await usersService.create(body)); });`,
    errors: [input('c.req.json()', 'usersService.create', 2, 108)],
  },
  {
    code: `import { Hono } from 'hono'; import { usersService } from './users.service'; const app = new Hono();
app.get('/users', async (c) => c.json(await usersService.search(c.req.query())));`,
    errors: [input('c.req.query()', 'usersService.search', 2, 65)],
  },
  // NestJS: types a ValidationPipe cannot check.
  {
    code: `${NEST}@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() create(@Body() body: any) { return this.usersService.create(body); } }`,
    errors: [nest('@Body() body', "typed 'any'", 'this.usersService.create', 3, 71)],
  },
  {
    code: `${NEST}@Controller('articles') class ArticleController { constructor(private readonly articleService: ArticleService) {}
  @Get() findAll(@Query() query) { return this.articleService.findAll(query); } }`,
    errors: [nest('@Query() query', 'declared without a type', 'this.articleService.findAll', 3, 71)],
  },
  {
    code: `${NEST}interface CreateUserBody { email: string }
@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() create(@Body() body: CreateUserBody) { return this.usersService.create(body); } }`,
    errors: [nest('@Body() body', "typed with the interface 'CreateUserBody'", 'this.usersService.create', 4, 82)],
  },
  {
    code: `${NEST}import { ApiProperty } from '@nestjs/swagger';
class CreateUserDto { @ApiProperty() email: string; }
@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() create(@Body() dto: CreateUserDto) { return this.usersService.create(dto); } }`,
    errors: [nest('@Body() dto', "typed 'CreateUserDto', a class without validation decorators", 'this.usersService.create', 5, 80)],
  },
  {
    code: `${NEST}import type { CreateUserDto } from './dto/create-user.dto';
@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() create(@Body() dto: CreateUserDto) { return this.usersService.create(dto); } }`,
    errors: [nest('@Body() dto', "typed 'CreateUserDto' through a type-only import (no class at run time)", 'this.usersService.create', 4, 80)],
  },
  {
    code: `${NEST}@Controller('settings') class SettingsController { constructor(private readonly settingsService: SettingsService) {}
  @Put() update(@Body() data: { theme: string }) { return this.settingsService.update({ ...data }); } }`,
    errors: [nest('@Body() data', 'typed with an inline object type', 'this.settingsService.update', 3, 92)],
  },
  // A key that may arrive as an object through the query parser, typed any, is judged.
  {
    code: `${NEST}@Controller('products') class ProductsController { constructor(private readonly productService: ProductService) {}
  @Get() list(@Query('filter') filter: any) { return this.productService.findAll(filter); } }`,
    errors: [nest("@Query('filter') filter", "typed 'any'", 'this.productService.findAll', 3, 82)],
  },
  // One key of the query typed as an object is judged as the object it claims to be.
  {
    code: `${NEST}@Controller('products') class ProductsController { constructor(private readonly productService: ProductService) {}
  @Get() list(@Query('filter') filter: { name?: string; price?: number }) { return this.productService.findAll(filter); } }`,
    errors: [nest("@Query('filter') filter", 'typed with an inline object type', 'this.productService.findAll', 3, 112)],
  },
  // NestJS @Req(): the raw request body.
  {
    code: `${NEST}@Controller('users') class UsersController { constructor(private readonly usersService: UsersService) {}
  @Post() create(@Req() req) { return this.usersService.create(req.body); } }`,
    errors: [input('req.body', 'this.usersService.create', 3, 64)],
  },
];

/**
 * Packages on disk: `spec-checked/` declares express-openapi-validator, whose middleware, mounted in
 * the app's set-up file, checks every request against the OpenAPI document; `plain/` declares
 * Express alone. The same route file is silent in the first and reported in the second.
 */
const WORKSPACE = mkdtempSync(path.join(os.tmpdir(), 'input-validation-'));
afterAll(() => {
  rmSync(WORKSPACE, { recursive: true, force: true });
});
for (const [name, manifest] of [
  ['spec-checked', { dependencies: { express: '^4.21.0', 'express-openapi-validator': '^5.3.0' } }],
  ['plain', { dependencies: { express: '^4.21.0' } }],
  // A validator among the devDependencies (a mock server, a contract test) checks no request of the app.
  ['dev-only', { dependencies: { express: '^4.21.0' }, devDependencies: { 'openapi-backend': '^5.10.0' } }],
] as const) {
  mkdirSync(path.join(WORKSPACE, name, 'src/routes'), { recursive: true });
  writeFileSync(path.join(WORKSPACE, name, 'package.json'), JSON.stringify({ name, ...manifest }));
}
const SETTINGS_ROUTE = `${EXPRESS}router.post('/settings/radarr', async (req, res) => { res.status(201).json(await usersService.create(req.body)); });`;
valid.push({ code: SETTINGS_ROUTE, filename: path.join(WORKSPACE, 'spec-checked/src/routes/radarr.ts'), mode: 'untyped' });
invalid.push({ code: SETTINGS_ROUTE, filename: path.join(WORKSPACE, 'plain/src/routes/radarr.ts'), mode: 'untyped', errors: [input('req.body', 'usersService.create', 4, 102)] });
invalid.push({ code: SETTINGS_ROUTE, filename: path.join(WORKSPACE, 'dev-only/src/routes/radarr.ts'), mode: 'untyped', errors: [input('req.body', 'usersService.create', 4, 102)] });

runRuleTests('require-input-validation', rule, { valid, invalid });
