import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A deterministic generator of realistic backend projects for the benchmark: feature modules of
 * controller / service / repository / routes / DTO / errors files over a shared logger, DB clients
 * and error base, mixing Prisma, TypeORM, Knex and Mongoose with Express, NestJS and Fastify.
 * A small share of the code carries the findings the rules look for (queries in loops, PII in
 * logs, untyped throws, hand-written retries around writes), as real projects do.
 * Same seed and size → byte-identical project.
 */

export type Orm = 'prisma' | 'typeorm' | 'knex' | 'mongoose';
export type Framework = 'express' | 'nest' | 'fastify';

/** mulberry32: a small, fast, seeded PRNG (public-domain algorithm). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  'user', 'order', 'product', 'invoice', 'payment', 'shipment', 'customer', 'account', 'cart', 'coupon', 'review',
  'warehouse', 'supplier', 'subscription', 'plan', 'ticket', 'message', 'team', 'project', 'task', 'report', 'session',
  'device', 'address', 'refund', 'category', 'tag', 'article', 'comment', 'booking', 'room', 'vehicle', 'driver', 'route',
  'policy', 'claim', 'lead', 'campaign', 'contract', 'asset',
] as const;
const FIELDS = ['name', 'status', 'title', 'amountCents', 'quantity', 'description', 'priority', 'region', 'currency', 'score'] as const;

function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Module {
  readonly name: string;
  readonly type: string;
  readonly orm: Orm;
  readonly framework: Framework;
  readonly fields: readonly string[];
  /** Seeded findings in this module. */
  readonly seeds: { readonly queryInLoop: boolean; readonly piiLog: boolean; readonly untypedThrow: boolean; readonly retryWrite: boolean };
}

export interface GeneratedProject {
  readonly root: string;
  readonly files: number;
  readonly lines: number;
  /** HTTP routes the project declares (five per complete feature module: list, get, create, update, remove). */
  readonly routes: number;
}

/** Routes per feature module, and files per module (dto, errors, repository, service, controller, routes). */
export const ROUTES_PER_MODULE = 5;
const FILES_PER_MODULE = 6;

/** The file count at which `generateProject` declares at least `routes` routes (whole modules). */
export function filesForRoutes(routes: number): number {
  return Object.keys(SHARED_FILES).length + Math.ceil(routes / ROUTES_PER_MODULE) * FILES_PER_MODULE;
}

const SHARED_FILES: Readonly<Record<string, string>> = {
  'src/lib/logger.ts': `import pino from 'pino';

/** One logger for the process; modules take a child with their name bound. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] });

export type Logger = typeof logger;

export function moduleLogger(module: string): Logger {
  return logger.child({ module });
}
`,
  'src/lib/db.ts': `import knexFactory, { type Knex } from 'knex';
import mongoose from 'mongoose';
import { DataSource } from 'typeorm';
import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();

export const knex: Knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 1, max: 10 } });

export const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [], synchronize: false });

export async function connectMongo(): Promise<typeof mongoose> {
  return mongoose.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017/app');
}
`,
  'src/errors/app-error.ts': `/** Base of every error the API turns into an HTTP response. */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(\`\${what} \${id} not found\`, 404, 'not_found');
  }
}

export class ValidationError extends AppError {
  constructor(message: string, readonly field?: string) {
    super(message, 422, 'validation_failed');
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, 'conflict');
  }
}
`,
  'src/lib/pagination.ts': `export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageRequest(query: Record<string, unknown>): PageRequest {
  const page = Math.max(1, Number(query.page ?? 1) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.pageSize ?? 20) || 20));
  return { page, pageSize };
}

export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.pageSize;
}
`,
  'src/types/vendor.d.ts': `// Minimal declarations of the framework packages this generated project uses but does not install.
declare module 'express' {
  export interface Request { params: Record<string, string>; query: Record<string, unknown>; body: unknown; headers: Record<string, string | undefined> }
  export interface Response { status(code: number): Response; json(body: unknown): Response; send(body?: unknown): Response }
  export type NextFunction = (error?: unknown) => void;
  export type Handler = (req: Request, res: Response, next: NextFunction) => unknown;
  export interface Router { get(path: string, ...handlers: Handler[]): Router; post(path: string, ...handlers: Handler[]): Router; put(path: string, ...handlers: Handler[]): Router; delete(path: string, ...handlers: Handler[]): Router }
  export function Router(): Router;
}
declare module 'fastify' {
  export interface FastifyRequest { params: Record<string, string>; query: Record<string, unknown>; body: unknown }
  export interface FastifyReply { code(status: number): FastifyReply; send(body?: unknown): FastifyReply }
  export type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => unknown;
  export interface FastifyInstance { get(path: string, handler: RouteHandler): void; post(path: string, handler: RouteHandler): void; put(path: string, handler: RouteHandler): void; delete(path: string, handler: RouteHandler): void }
}
declare module '@nestjs/common' {
  export function Controller(prefix?: string): ClassDecorator;
  export function Injectable(): ClassDecorator;
  export function Get(path?: string): MethodDecorator;
  export function Post(path?: string): MethodDecorator;
  export function Put(path?: string): MethodDecorator;
  export function Delete(path?: string): MethodDecorator;
  export function Param(name?: string): ParameterDecorator;
  export function Body(): ParameterDecorator;
  export function Query(): ParameterDecorator;
}
declare module '@prisma/client' {
  interface Delegate {
    findMany(args?: unknown): Promise<Array<Record<string, unknown> & { id: string }>>;
    findUnique(args: unknown): Promise<(Record<string, unknown> & { id: string }) | null>;
    create(args: unknown): Promise<Record<string, unknown> & { id: string }>;
    update(args: unknown): Promise<Record<string, unknown> & { id: string }>;
    delete(args: unknown): Promise<Record<string, unknown> & { id: string }>;
    count(args?: unknown): Promise<number>;
  }
  export class PrismaClient {
    [model: string]: Delegate;
  }
}
`,
};

function dto(module: Module): string {
  const type = module.type;
  const fields = module.fields.map((field) => `  ${field}: ${field.endsWith('Cents') || field === 'quantity' || field === 'score' ? 'number' : 'string'};`).join('\n');
  return `/** The ${module.name} as the API returns it. */
export interface ${type}Dto {
  id: string;
${fields}
  createdAt: string;
}

export interface Create${type}Input {
${fields}
}

export type Update${type}Input = Partial<Create${type}Input>;

export function validateCreate${type}(body: unknown): Create${type}Input {
  if (typeof body !== 'object' || body === null) {
    throw new TypeError('Expected a JSON object');
  }
  return body as Create${type}Input;
}
`;
}

function errors(module: Module): string {
  const type = module.type;
  return `import { AppError, ConflictError, NotFoundError } from '../../errors/app-error.js';

export class ${type}NotFoundError extends NotFoundError {
  constructor(id: string) {
    super('${type}', id);
  }
}

export class ${type}AlreadyExistsError extends ConflictError {
  constructor(key: string) {
    super(\`${type} \${key} already exists\`);
  }
}

export class ${type}StateError extends AppError {
  constructor(id: string, state: string) {
    super(\`${type} \${id} cannot move to \${state}\`, 409, '${module.name}_state');
  }
}
`;
}

function repository(module: Module): string {
  const { type, name } = module;
  const header = `import type { Create${type}Input, Update${type}Input } from './${name}.dto.js';\n`;
  switch (module.orm) {
    case 'prisma':
      return `${header}import { prisma } from '../../lib/db.js';
import { offsetOf, type PageRequest } from '../../lib/pagination.js';

export class ${type}Repository {
  async findById(id: string) {
    return prisma.${name}.findUnique({ where: { id } });
  }

  async findByIds(ids: readonly string[]) {
    return prisma.${name}.findMany({ where: { id: { in: [...ids] } } });
  }

  async list(request: PageRequest) {
    return prisma.${name}.findMany({ skip: offsetOf(request), take: request.pageSize, orderBy: { createdAt: 'desc' } });
  }

  async count() {
    return prisma.${name}.count();
  }

  async create(input: Create${type}Input) {
    return prisma.${name}.create({ data: input });
  }

  async update(id: string, input: Update${type}Input) {
    return prisma.${name}.update({ where: { id }, data: input });
  }

  async remove(id: string) {
    await prisma.${name}.delete({ where: { id } });
  }
}
`;
    case 'typeorm':
      return `${header}import { In, type Repository } from 'typeorm';
import { dataSource } from '../../lib/db.js';
import { offsetOf, type PageRequest } from '../../lib/pagination.js';

interface ${type}Row {
  id: string;
${module.fields.map((field) => `  ${field}: unknown;`).join('\n')}
  createdAt: Date;
}

export class ${type}Repository {
  private readonly repo: Repository<${type}Row> = dataSource.getRepository<${type}Row>('${name}');

  async findById(id: string) {
    return this.repo.findOneBy({ id });
  }

  async findByIds(ids: readonly string[]) {
    return this.repo.findBy({ id: In([...ids]) });
  }

  async list(request: PageRequest) {
    return this.repo.find({ skip: offsetOf(request), take: request.pageSize, order: { createdAt: 'DESC' } });
  }

  async count() {
    return this.repo.count();
  }

  async create(input: Create${type}Input) {
    return this.repo.save(this.repo.create(input as Partial<${type}Row>));
  }

  async update(id: string, input: Update${type}Input) {
    await this.repo.update({ id }, input as never);
    return this.findById(id);
  }

  async remove(id: string) {
    await this.repo.delete({ id });
  }
}
`;
    case 'knex':
      return `${header}import { knex } from '../../lib/db.js';
import { offsetOf, type PageRequest } from '../../lib/pagination.js';

const TABLE = '${name}s';

export class ${type}Repository {
  async findById(id: string) {
    return knex(TABLE).where({ id }).first();
  }

  async findByIds(ids: readonly string[]) {
    return knex(TABLE).whereIn('id', [...ids]);
  }

  async list(request: PageRequest) {
    return knex(TABLE).orderBy('created_at', 'desc').limit(request.pageSize).offset(offsetOf(request));
  }

  async count() {
    const [row] = await knex(TABLE).count<{ count: string }[]>({ count: '*' });
    return Number(row?.count ?? 0);
  }

  async create(input: Create${type}Input) {
    const [row] = await knex(TABLE).insert(input).returning('*');
    return row;
  }

  async update(id: string, input: Update${type}Input) {
    const [row] = await knex(TABLE).where({ id }).update(input).returning('*');
    return row;
  }

  async remove(id: string) {
    await knex(TABLE).where({ id }).del();
  }

  async totalsByStatus() {
    return knex.raw('SELECT status, COUNT(*) AS total FROM ${name}s GROUP BY status');
  }
}
`;
    case 'mongoose':
      return `${header}import { Schema, model } from 'mongoose';
import { offsetOf, type PageRequest } from '../../lib/pagination.js';

const ${name}Schema = new Schema(
  {
${module.fields.map((field) => `    ${field}: { type: ${field.endsWith('Cents') || field === 'quantity' || field === 'score' ? 'Number' : 'String'} },`).join('\n')}
  },
  { timestamps: true },
);

const ${type}Model = model('${type}', ${name}Schema);

export class ${type}Repository {
  async findById(id: string) {
    return ${type}Model.findById(id).lean();
  }

  async findByIds(ids: readonly string[]) {
    return ${type}Model.find({ _id: { $in: [...ids] } }).lean();
  }

  async list(request: PageRequest) {
    return ${type}Model.find().sort({ createdAt: -1 }).skip(offsetOf(request)).limit(request.pageSize).lean();
  }

  async count() {
    return ${type}Model.countDocuments();
  }

  async create(input: Create${type}Input) {
    return ${type}Model.create(input);
  }

  async update(id: string, input: Update${type}Input) {
    return ${type}Model.findByIdAndUpdate(id, input, { new: true }).lean();
  }

  async remove(id: string) {
    await ${type}Model.deleteOne({ _id: id });
  }
}
`;
  }
}

function service(module: Module): string {
  const { type, name, seeds } = module;
  const injectable = module.framework === 'nest' ? `import { Injectable } from '@nestjs/common';\n` : '';
  const decorator = module.framework === 'nest' ? '@Injectable()\n' : '';
  const loop = seeds.queryInLoop
    ? `  async loadMany(ids: readonly string[]) {
    const found = [];
    for (const id of ids) {
      found.push(await this.${name}Repository.findById(id));
    }
    return found;
  }`
    : `  async loadMany(ids: readonly string[]) {
    const rows = await this.${name}Repository.findByIds(ids);
    const byId = new Map(rows.map((row) => [String((row as unknown as { id: unknown }).id), row]));
    return ids.map((id) => byId.get(id));
  }`;
  const log = seeds.piiLog
    ? `    this.logger.info({ ${name}Id: created.id, email: input.email, owner }, '${type} created');`
    : `    this.logger.info({ ${name}Id: created.id }, '${type} created');`;
  const guard = seeds.untypedThrow
    ? `      throw new Error('${type} ' + id + ' not found');`
    : `      throw new ${type}NotFoundError(id);`;
  const retry = seeds.retryWrite
    ? `
  async createWithRetry(input: Create${type}Input) {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      try {
        return await this.${name}Repository.create(input);
      } catch (error) {
        this.logger.warn({ attempt, err: error }, 'create failed, retrying');
        await new Promise((resolve) => setTimeout(resolve, attempt * 100));
      }
    }
    throw new ${type}AlreadyExistsError(JSON.stringify(input));
  }
`
    : '';
  return `${injectable}import type { Logger } from '../../lib/logger.js';
import { moduleLogger } from '../../lib/logger.js';
import type { Page, PageRequest } from '../../lib/pagination.js';
import type { Create${type}Input, ${type}Dto, Update${type}Input } from './${name}.dto.js';
import { ${type}AlreadyExistsError, ${type}NotFoundError } from './${name}.errors.js';
import type { ${type}Repository } from './${name}.repository.js';

${decorator}export class ${type}Service {
  private readonly logger: Logger = moduleLogger('${name}');

  constructor(private readonly ${name}Repository: ${type}Repository) {}

  async get(id: string): Promise<${type}Dto> {
    const row = await this.${name}Repository.findById(id);
    if (row === null || row === undefined) {
${guard}
    }
    return toDto(row);
  }

  async list(request: PageRequest): Promise<Page<${type}Dto>> {
    const [rows, total] = await Promise.all([this.${name}Repository.list(request), this.${name}Repository.count()]);
    return { items: rows.map(toDto), total, page: request.page, pageSize: request.pageSize };
  }

${loop}

  async create(input: Create${type}Input & { email?: string }, owner?: { id: string; email: string }): Promise<${type}Dto> {
    const created = await this.${name}Repository.create(input);
    if (created === undefined) throw new ${type}AlreadyExistsError(String(input.${module.fields[0] ?? 'name'}));
${log}
    return toDto(created);
  }

  async update(id: string, input: Update${type}Input): Promise<${type}Dto> {
    await this.get(id);
    const updated = await this.${name}Repository.update(id, input);
    return toDto(updated);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.${name}Repository.remove(id);
    this.logger.info({ ${name}Id: id }, '${type} removed');
  }
${retry}}

function toDto(row: unknown): ${type}Dto {
  const record = row as Record<string, unknown>;
  return {
    id: String(record.id ?? record._id),
${module.fields.map((field) => `    ${field}: record.${field} as never,`).join('\n')}
    createdAt: new Date(String(record.createdAt ?? record.created_at ?? Date.now())).toISOString(),
  };
}
`;
}

function controller(module: Module): string {
  const { type, name } = module;
  switch (module.framework) {
    case 'nest':
      return `import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { pageRequest } from '../../lib/pagination.js';
import { validateCreate${type}, type Update${type}Input } from './${name}.dto.js';
import { ${type}Service } from './${name}.service.js';

@Controller('${name}s')
export class ${type}Controller {
  constructor(private readonly ${name}Service: ${type}Service) {}

  @Get()
  list(@Query() query: Record<string, unknown>) {
    return this.${name}Service.list(pageRequest(query));
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.${name}Service.get(id);
  }

  @Post()
  create(@Body() body: unknown) {
    return this.${name}Service.create(validateCreate${type}(body));
  }

  @Put(':id')
  update(@Param('id') id: string, @Body() body: Update${type}Input) {
    return this.${name}Service.update(id, body);
  }

  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.${name}Service.remove(id);
  }
}
`;
    case 'express':
      return `import type { NextFunction, Request, Response } from 'express';
import { pageRequest } from '../../lib/pagination.js';
import { validateCreate${type}, type Update${type}Input } from './${name}.dto.js';
import type { ${type}Service } from './${name}.service.js';

export class ${type}Controller {
  constructor(private readonly ${name}Service: ${type}Service) {}

  list = async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.json(await this.${name}Service.list(pageRequest(req.query)));
    } catch (error) {
      next(error);
    }
  };

  get = async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.json(await this.${name}Service.get(req.params.id ?? ''));
    } catch (error) {
      next(error);
    }
  };

  create = async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.status(201).json(await this.${name}Service.create(validateCreate${type}(req.body)));
    } catch (error) {
      next(error);
    }
  };

  update = async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.json(await this.${name}Service.update(req.params.id ?? '', req.body as Update${type}Input));
    } catch (error) {
      next(error);
    }
  };

  remove = async (req: Request, res: Response, next: NextFunction) => {
    try {
      await this.${name}Service.remove(req.params.id ?? '');
      res.status(204).send();
    } catch (error) {
      next(error);
    }
  };
}
`;
    case 'fastify':
      return `import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageRequest } from '../../lib/pagination.js';
import { validateCreate${type}, type Update${type}Input } from './${name}.dto.js';
import type { ${type}Service } from './${name}.service.js';

export class ${type}Controller {
  constructor(private readonly ${name}Service: ${type}Service) {}

  async list(request: FastifyRequest, reply: FastifyReply) {
    return reply.send(await this.${name}Service.list(pageRequest(request.query)));
  }

  async get(request: FastifyRequest, reply: FastifyReply) {
    return reply.send(await this.${name}Service.get(request.params.id ?? ''));
  }

  async create(request: FastifyRequest, reply: FastifyReply) {
    return reply.code(201).send(await this.${name}Service.create(validateCreate${type}(request.body)));
  }

  async update(request: FastifyRequest, reply: FastifyReply) {
    return reply.send(await this.${name}Service.update(request.params.id ?? '', request.body as Update${type}Input));
  }

  async remove(request: FastifyRequest, reply: FastifyReply) {
    await this.${name}Service.remove(request.params.id ?? '');
    return reply.code(204).send();
  }
}
`;
  }
}

function routes(module: Module): string {
  const { type, name } = module;
  switch (module.framework) {
    case 'nest':
      return `import { ${type}Controller } from './${name}.controller.js';
import { ${type}Repository } from './${name}.repository.js';
import { ${type}Service } from './${name}.service.js';

/** The providers and controllers of the ${name} module, collected by the application module. */
export const ${name}Module = {
  controllers: [${type}Controller],
  providers: [${type}Service, ${type}Repository],
  exports: [${type}Service],
};
`;
    case 'express':
      return `import { Router } from 'express';
import { ${type}Controller } from './${name}.controller.js';
import { ${type}Repository } from './${name}.repository.js';
import { ${type}Service } from './${name}.service.js';

export function ${name}Router(): Router {
  const controller = new ${type}Controller(new ${type}Service(new ${type}Repository()));
  const router = Router();
  router.get('/${name}s', controller.list);
  router.get('/${name}s/:id', controller.get);
  router.post('/${name}s', controller.create);
  router.put('/${name}s/:id', controller.update);
  router.delete('/${name}s/:id', controller.remove);
  return router;
}
`;
    case 'fastify':
      return `import type { FastifyInstance } from 'fastify';
import { ${type}Controller } from './${name}.controller.js';
import { ${type}Repository } from './${name}.repository.js';
import { ${type}Service } from './${name}.service.js';

export function register${type}Routes(fastify: FastifyInstance): void {
  const controller = new ${type}Controller(new ${type}Service(new ${type}Repository()));
  fastify.get('/${name}s', (request, reply) => controller.list(request, reply));
  fastify.get('/${name}s/:id', (request, reply) => controller.get(request, reply));
  fastify.post('/${name}s', (request, reply) => controller.create(request, reply));
  fastify.put('/${name}s/:id', (request, reply) => controller.update(request, reply));
  fastify.delete('/${name}s/:id', (request, reply) => controller.remove(request, reply));
}
`;
  }
}

const KINDS = [
  ['dto', dto],
  ['errors', errors],
  ['repository', repository],
  ['service', service],
  ['controller', controller],
  ['routes', routes],
] as const;

const ORMS: readonly Orm[] = ['prisma', 'typeorm', 'knex', 'mongoose'];
const FRAMEWORKS: readonly Framework[] = ['express', 'nest', 'fastify'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * Writes a project of exactly `fileCount` TypeScript files under `root` (removed first) with a
 * `tsconfig.json`, and links `node_modules` to `nodeModules` so typed linting and `tsc` resolve the
 * ORM and logger packages.
 */
export function generateProject(root: string, fileCount: number, options: { seed?: number; nodeModules?: string } = {}): GeneratedProject {
  const random = prng(options.seed ?? 20_261_126);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  let files = 0;
  let lines = 0;
  const write = (relative: string, text: string): void => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files += 1;
    lines += text.split('\n').length - 1;
  };
  for (const [relative, text] of Object.entries(SHARED_FILES)) write(relative, text);
  let index = 0;
  let routes = 0;
  while (files < fileCount) {
    const noun = NOUNS[index % NOUNS.length] ?? 'item';
    const suffix = index < NOUNS.length ? '' : String(Math.floor(index / NOUNS.length));
    const name = `${noun}${suffix}`;
    const fieldCount = 3 + Math.floor(random() * 5);
    const fields = [...FIELDS].sort(() => random() - 0.5).slice(0, fieldCount);
    if (!fields.includes('name')) fields.unshift('name');
    const module: Module = {
      name,
      type: pascal(name),
      orm: pick(random, ORMS),
      framework: pick(random, FRAMEWORKS),
      fields,
      seeds: { queryInLoop: random() < 0.08, piiLog: random() < 0.06, untypedThrow: random() < 0.1, retryWrite: random() < 0.04 },
    };
    const folder = `src/modules/${name}`;
    for (const [kind, render] of KINDS) {
      if (files >= fileCount) break;
      write(`${folder}/${name}.${kind}.ts`, render(module));
      if (kind === 'routes') routes += ROUTES_PER_MODULE;
    }
    index += 1;
  }
  writeFileSync(
    path.join(root, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          experimentalDecorators: true,
          types: ['node'],
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(path.join(root, 'package.json'), `${JSON.stringify({ name: 'generated-backend', private: true, type: 'module' }, null, 2)}\n`);
  if (options.nodeModules !== undefined) symlinkSync(options.nodeModules, path.join(root, 'node_modules'), 'dir');
  return { root, files, lines, routes };
}
