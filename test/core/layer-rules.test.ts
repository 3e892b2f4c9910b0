import { describe, expect, it } from 'vitest';
import { classifyCollaboratorCall, collaboratorKindOfName } from '../../src/core/classify/collaborator.js';
import { isBusinessErrorName } from '../../src/core/classify/errors.js';
import { innermostLayer, layerOfFunction } from '../../src/core/classify/layer.js';
import { classifyDbInjection, classifyQuery, isRepositoryLayerCall } from '../../src/core/classify/query.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import type { BindingFact } from '../../src/core/facts.js';
import { chain, obj, parseValue, str } from './chain.js';

const settings = DEFAULT_SETTINGS;

describe('layerOfFunction / innermostLayer', () => {
  it('route handlers and NestJS route methods are controller code', () => {
    expect(layerOfFunction({ routeHandler: true, decorators: [] })).toBe('controller');
    expect(layerOfFunction({ routeHandler: false, decorators: ['Get'] })).toBe('controller');
    expect(layerOfFunction({ routeHandler: false, decorators: ['nest.Post'] })).toBe('controller');
    expect(layerOfFunction({ routeHandler: false, decorators: ['UseGuards'] })).toBeUndefined();
  });
  it('the innermost classification wins', () => {
    expect(innermostLayer(['controller', 'repository', undefined])).toBe('repository');
    expect(innermostLayer(['service', undefined, 'controller'])).toBe('controller');
    expect(innermostLayer([undefined, undefined])).toBeUndefined();
  });
});

describe('isBusinessErrorName', () => {
  it.each(['ConflictError', 'ValidationError', 'ForbiddenError', 'PaymentRequiredError', 'createError.PaymentRequired', 'BadRequestException', 'InsufficientStockError', 'EmailAlreadyExistsError', 'BusinessRuleError'])('%s is a business error', (name) => {
    expect(isBusinessErrorName(name)).toBe(true);
  });
  it.each(['NotFoundError', 'NotFoundException', 'EntityNotFoundError', 'Error', 'TypeError', 'DatabaseError', 'DataAccessError', 'UniqueConstraintViolation', 'validate'])('%s is not', (name) => {
    expect(isBusinessErrorName(name)).toBe(false);
  });
});

describe('classifyCollaboratorCall', () => {
  it.each([
    ['this.notifications.orderConfirmed', 'notification'],
    ['this.mailer.sendMail', 'email'],
    ['emailClient.send', 'email'],
    ['stripe.refunds.create', 'payment'],
    ['this.paymentGateway.charge', 'payment'],
    ['fetch', 'http'],
    ['axios.get', 'http'],
    ['this.httpService.get', 'http'],
    ['this.ordersQueue.add', 'queue'],
    ['this.userService.getUser', 'service'],
    ['bcrypt.hash', 'password-hashing'],
    ['hashPassword', 'password-hashing'],
  ])('%s → %s', (text, kind) => {
    expect(classifyCollaboratorCall(chain(text, [str('x')]), settings)?.kind).toBe(kind);
  });
  it.each(['user.email.trim', 'email.toLowerCase', 'queue.push', 'this.prisma.user.create', 'this.prismaService.user.findMany', 'this.configService.get', 'this.logger.info', 'this.userRepository.findById'])('%s is not a collaborator', (text) => {
    expect(classifyCollaboratorCall(chain(text, [str('x')]), settings)).toBeUndefined();
  });
  it('a hash is password hashing only when the code shows a password', () => {
    expect(classifyCollaboratorCall(chain('hash', [str('x')]), settings)).toBeUndefined();
    expect(classifyCollaboratorCall(chain('hash', [parseValue('member.email')]), settings)).toBeUndefined();
    expect(classifyCollaboratorCall(chain('crypto.hash', [str('sha256'), parseValue('body')]), settings)).toBeUndefined();
    expect(classifyCollaboratorCall(chain('hash', [parseValue('dto.password')]), settings)?.kind).toBe('password-hashing');
    expect(classifyCollaboratorCall(chain('hash', [parseValue('secret')], { rootImport: 'bcryptjs' }), settings)?.kind).toBe('password-hashing');
    expect(classifyCollaboratorCall(chain('argon2id', [parseValue('secret')]), settings)?.kind).toBe('password-hashing');
    expect(classifyCollaboratorCall(chain('this.hasher.verify', [parseValue('token'), parseValue('stored')]), settings)).toBeUndefined();
    expect(classifyCollaboratorCall(chain('this.passwordHasher.verify', [parseValue('token'), parseValue('stored')]), settings)?.kind).toBe('password-hashing');
    expect(classifyCollaboratorCall(chain('hash', [parseValue('token')]), { ...settings, hash: { ...settings.hash, functions: ['hash'] } })?.kind).toBe('password-hashing');
  });
  it('a receiver declared with a data-access type is no collaborator, whatever it is called', () => {
    const field = (typeName: string, typeSource: string): BindingFact => ({ kind: 'field', length: 2, typeName, typeSource });
    expect(classifyCollaboratorCall(chain('this._notifications.model.notifications.count', [obj([])], { binding: field('PrismaRepository', '@acme/db/prisma.service') }), settings)).toBeUndefined();
    expect(classifyCollaboratorCall(chain('this.webhooks.webhooks.findMany', [obj([])], { binding: field('AppDbService', '@acme/db') }), settings)).toBeUndefined();
    expect(classifyCollaboratorCall(chain('this._notifications.send', [obj([])], { binding: field('PushClient', '@acme/messaging') }), settings)?.kind).toBe('notification');
    expect(classifyCollaboratorCall(chain('this.webhooks.send', [obj([])], { binding: field('Connection', 'amqplib') }), settings)?.kind).toBe('notification');
  });
  it('a generic word needs a dependency field or a role word', () => {
    expect(collaboratorKindOfName('queue', false, settings)).toBeUndefined();
    expect(collaboratorKindOfName('queue', true, settings)).toBe('queue');
    expect(collaboratorKindOfName('smsSender', false, settings)).toBe('notification');
  });
});

describe('classifyDbInjection', () => {
  it('recognises DB injection decorators and client types', () => {
    expect(classifyDbInjection({ decorators: ['InjectRepository'] }, settings)).toEqual({ kind: 'client', label: '@InjectRepository' });
    expect(classifyDbInjection({ decorators: [], typeName: 'PrismaClient' }, settings)).toEqual({ kind: 'client', label: 'PrismaClient' });
    expect(classifyDbInjection({ decorators: [], typeName: 'Pool', typeSource: 'pg' }, settings)).toEqual({ kind: 'client', label: 'Pool' });
    expect(classifyDbInjection({ decorators: [], typeName: 'Repository', typeSource: 'typeorm' }, settings)).toEqual({ kind: 'client', label: 'Repository' });
    expect(classifyDbInjection({ decorators: [], typeName: 'UserRepository', typeSource: './user.repository' }, settings)).toEqual({ kind: 'repository', label: 'UserRepository' });
  });
  it('ignores services and ambiguous names from other modules', () => {
    expect(classifyDbInjection({ decorators: ['Inject'], typeName: 'UsersService' }, settings)).toBeUndefined();
    expect(classifyDbInjection({ decorators: [], typeName: 'Pool', typeSource: 'generic-pool' }, settings)).toBeUndefined();
    expect(classifyDbInjection({ decorators: [] }, settings)).toBeUndefined();
  });
});

describe('isRepositoryLayerCall', () => {
  const check = (text: string, args = [obj([])], awaited = true): boolean => {
    // Snippet names are unbound: no evidence either way (an active record needs at least that).
    const fact = chain(text, args, { awaited, binding: { kind: 'unbound', length: 1 } });
    const match = classifyQuery(fact, { settings });
    if (match === undefined) throw new Error(`not a query: ${text}`);
    return isRepositoryLayerCall(match, fact, settings);
  };
  it('repository objects are the repository layer', () => {
    expect(check('this.userRepository.findById', [str('1')])).toBe(true);
    expect(check('this.usersRepository.find')).toBe(true);
  });
  it('clients, raw SQL, query builders and active records are not', () => {
    expect(check('this.prisma.user.findMany')).toBe(false);
    expect(check('this.usersRepository.query', [str('SELECT id FROM users')])).toBe(false);
    expect(check("this.usersRepository.createQueryBuilder('u').getMany", [])).toBe(false);
    expect(check('user.save', [])).toBe(false);
  });
});
