import { describe, expect, it } from 'vitest';
import { declaredTypeName, localModuleKind, receiverEvidence, type ReceiverRole } from '../../src/core/classify/evidence.js';
import { classifyQuery, isRepositoryLayerCall } from '../../src/core/classify/query.js';
import type { BindingFact } from '../../src/core/facts.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { chain, id, obj, prop } from './chain.js';

const settings = DEFAULT_SETTINGS;
const ctx = { settings };
const imported = (source: string, importedName = 'default'): BindingFact => ({ kind: 'import', length: 1, source, importedName });
const member = (facts: Omit<BindingFact, 'kind' | 'length'>): BindingFact => ({ kind: 'field', length: 2, ...facts });

describe('localModuleKind', () => {
  it.each([
    ['./models/user', 'data'], ['../entities/order.entity', 'data'], ['./user.model', 'data'], ['@/db', 'data'], ['../../database/knex', 'data'],
    ['./repositories/user-repository', 'data'], ['./commands/create-user.command', 'not-data'], ['../dto/create-user.dto', 'not-data'],
    ['./models/user.dto', 'not-data'], ['../events/order-placed', 'not-data'], ['./enums', 'not-data'], ['./utils/strings', undefined],
    ['lodash', undefined], ['./user', undefined],
  ] as const)('%s is %s', (source, kind) => {
    expect(localModuleKind(source)).toBe(kind);
  });
});

describe('declaredTypeName', () => {
  const names = {
    imports: new Map([
      ['Jwt', { source: '@nestjs/jwt', importedName: 'JwtService', typeOnly: false }],
      ['Store', { source: 'typeorm', importedName: 'Repository', typeOnly: false }],
      ['Logger', { source: './logger', importedName: 'default', typeOnly: false }],
      ['db', { source: './db', importedName: '*', typeOnly: false }],
    ]),
    localTypes: new Set<string>(),
  };
  it('names a renamed import by what its module exports', () => {
    expect(declaredTypeName('Jwt', names)).toBe('JwtService');
    expect(declaredTypeName('Store', names)).toBe('Repository');
  });
  it('keeps the written name for a default or namespace import, a qualified name and a local type', () => {
    expect(declaredTypeName('Logger', names)).toBe('Logger');
    expect(declaredTypeName('db.Client', names)).toBe('Client');
    expect(declaredTypeName('UserRepository', names)).toBe('UserRepository');
  });
});

describe('receiverEvidence', () => {
  it.each<[string, BindingFact, string, ReceiverRole]>([
    ['a constructor parameter typed as the project repository', member({ typeName: 'UserRepository', typeSource: './user.repository' }), 'users', 'repository'],
    ['a port interface of the data layer', member({ typeName: 'IUserStore', typeSource: '../ports/user-store' }), 'store', 'repository'],
    ['a field initialised with a DAO', member({ initializer: { kind: 'new', name: 'InvoiceDao' } }), 'invoices', 'repository'],
    ['@InjectRepository', member({ decorators: ['InjectRepository'], typeName: 'Repository', typeSource: 'typeorm', typeArguments: ['User'] }), 'repo', 'orm-repository'],
    ['@InjectModel with Model<T>', member({ decorators: ['InjectModel'], typeName: 'Model', typeSource: 'mongoose' }), 'notificationTemplate', 'model'],
    ['a Map named cache', member({ initializer: { kind: 'new', name: 'Map' } }), 'cache', 'not-data'],
    ['a WeakMap-typed field', member({ typeName: 'WeakMap' }), 'cache', 'not-data'],
    ['an SDK object typed from its package', member({ typeName: 'FeatureFlagRepository', typeSource: '@growthbook/sdk' }), 'flags', 'not-data'],
    ['an injected Knex client', member({ typeName: 'Knex', typeSource: 'knex' }), 'connection', 'db-client'],
    // A Knex module injects its client with `@InjectModel(token)`: the annotated client type says what it is.
    ['@InjectModel with a Knex type', member({ decorators: ['InjectModel'], typeName: 'Knex', typeSource: 'knex' }), 'knex', 'db-client'],
    ['@InjectModel with an unannotated member', member({ decorators: ['InjectModel'] }), 'orders', 'model'],
    ['a pg Pool', { kind: 'variable', length: 1, initializer: { kind: 'new', name: 'Pool', source: 'pg' } }, 'pool', 'db-client'],
    ['mongoose.model(…)', { kind: 'variable', length: 1, initializer: { kind: 'call', name: 'mongoose.model', source: 'mongoose' } }, 'Template', 'model'],
    ['an enum', { kind: 'enum', length: 1 }, 'Role', 'not-data'],
    ['an enum imported from @prisma/client', imported('@prisma/client', 'Role'), 'Role', 'not-data'],
    ['PrismaClient imported from @prisma/client', imported('@prisma/client', 'PrismaClient'), 'PrismaClient', 'db-client'],
    ['a command class imported from a commands module', imported('./commands/create-user.command', 'CreateUserCommand'), 'CreateUserCommand', 'not-data'],
    // The path says "store" (a verb here), the name says command: the name of the class decides.
    ['a command class imported from a module whose path holds a data word', imported('./usecases/store-control-values', 'StoreControlValuesCommand'), 'StoreControlValuesCommand', 'not-data'],
    ['a model imported from a store module', imported('./stores/user', 'User'), 'User', 'model'],
    ['a model imported from a models module', imported('../models/user', 'User'), 'User', 'model'],
    ['a local class extending a non-ORM base', { kind: 'class', length: 1, extendsName: 'BaseCommand', extendsSource: './base' }, 'CreateUserCommand', 'not-data'],
    ['a local Sequelize model', { kind: 'class', length: 1, extendsName: 'Model', extendsSource: 'sequelize' }, 'User', 'model'],
    ['a local TypeORM entity', { kind: 'class', length: 1, classDecorators: ['Entity'] }, 'User', 'model'],
    ['a global', { kind: 'unbound', length: 1 }, 'User', 'unknown'],
    ['a parameter typed with an entity', { kind: 'parameter', length: 1, typeName: 'User', typeSource: '../entities/user.entity' }, 'user', 'model'],
    ['a member typed from a repository module without the suffix', member({ typeName: 'OrderCounter', typeSource: '../repositories/orders.repository' }), 'counts', 'unknown'],
    ['a row loaded through a model', { kind: 'variable', length: 1, initializer: { kind: 'call', name: 'Order.findByPk', source: './models/order' } }, 'order', 'model'],
    ['a document of a library', { kind: 'variable', length: 1, initializer: { kind: 'call', name: 'PDFDocument.load', source: 'pdf-lib' } }, 'pdf', 'unknown'],
    ['an untyped member', member({}), 'store', 'unknown'],
  ])('%s', (_label, binding, name, role) => {
    expect(receiverEvidence(binding, name, settings).role).toBe(role);
  });
});

describe('classifyQuery with the file’s evidence', () => {
  it('a command factory is no model write: CreateUserCommand.create(dto)', () => {
    expect(classifyQuery(chain('CreateUserCommand.create', [id('dto')], { awaited: true, binding: imported('./commands/create-user.command', 'CreateUserCommand') }), ctx)).toBeUndefined();
    expect(classifyQuery(chain('CreateUserCommand.create', [id('dto')], { awaited: true, binding: { kind: 'class', length: 1, extendsName: 'BaseCommand' } }), ctx)).toBeUndefined();
  });
  it('a generic model method on a PascalCase name needs evidence; a model-specific one does not', () => {
    expect(classifyQuery(chain('Invoice.create', [obj([])], { awaited: true, binding: imported('./invoice') }), ctx)).toBeUndefined();
    expect(classifyQuery(chain('Invoice.findAll', [obj([])], { awaited: true, binding: imported('./invoice') }), ctx)).toMatchObject({ library: 'sequelize' });
    expect(classifyQuery(chain('Invoice.create', [obj([])], { awaited: true, binding: imported('./models/invoice') }), ctx)).toMatchObject({ library: 'sequelize', access: 'write' });
  });
  it('Map#delete on a local map is no Drizzle delete, and a Map named cache holds no table', () => {
    expect(classifyQuery(chain('this.db.delete', [id('users')], { binding: member({ initializer: { kind: 'new', name: 'Map' } }) }), ctx)).toBeUndefined();
  });
  it('an SDK repository is no data access', () => {
    expect(classifyQuery(chain('this.flagRepository.findAll', [], { awaited: true, binding: member({ typeName: 'FlagRepository', typeSource: '@vendor/flags-sdk' }) }), ctx)).toBeUndefined();
  });
  it('a member typed as the project repository is a repository call, whatever it is named', () => {
    const fact = chain('this.users.findById', [id('id')], { awaited: true, binding: member({ typeName: 'UserRepository', typeSource: './user.repository' }) });
    const match = classifyQuery(fact, ctx);
    expect(match).toMatchObject({ library: 'repository', access: 'read', evidence: "'users': class member typed UserRepository" });
    expect(match === undefined ? false : isRepositoryLayerCall(match, fact, settings)).toBe(true);
  });
  it('a Mongoose model injected under a collaborator-like name is a model', () => {
    const fact = chain('this.notificationTemplate.findOne', [obj([prop('key', id('key'))])], { awaited: true, binding: member({ decorators: ['InjectModel'], typeName: 'Model', typeSource: 'mongoose' }) });
    expect(classifyQuery(fact, ctx)).toMatchObject({ library: 'mongoose', access: 'read' });
  });
  it('a service port typed from a data-layer interface is not raw DB access', () => {
    const fact = chain('this.store.query', [id('filter')], { awaited: true, binding: member({ typeName: 'IUserStore', typeSource: '../ports/user-store' }) });
    const match = classifyQuery(fact, ctx);
    expect(match === undefined || isRepositoryLayerCall(match, fact, settings)).toBe(true);
  });
});
