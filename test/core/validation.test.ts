import { describe, expect, it } from 'vitest';
import {
  classifyInputSink,
  isCatchAllRoutePath,
  isValidationCall,
  isValidationMiddleware,
  judgeInputType,
  nestInputOf,
  requestInputOf,
  routeOptionsValidate,
} from '../../src/core/classify/validation.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { chain } from './chain.js';

describe('isValidationCall', () => {
  it.each([
    ['CreateUser.safeParse', undefined],
    ['schema.validateAsync', undefined],
    ['Joi.attempt', undefined],
    ['validationResult', undefined],
    ['isCreateUserInput', undefined],
    ['this.validator.check', undefined],
    ['create', 'superstruct'],
    ['Value.Check', '@sinclair/typebox/value'],
  ])('%s (import %s) validates', (text, rootImport) => {
    expect(isValidationCall(chain(text, [], rootImport === undefined ? {} : { rootImport }))).toBe(true);
  });
  it.each(['usersService.create', 'buildUser', 'repo.save', 'res.json'])('%s does not', (text) => {
    expect(isValidationCall(chain(text))).toBe(false);
  });
});

describe('route validation', () => {
  it('recognises validation middlewares and leaves auth alone', () => {
    expect(isValidationMiddleware({ kind: 'call', chain: chain('validate', [{ kind: 'identifier', name: 'CreateUser' }]) })).toBe(true);
    expect(isValidationMiddleware({ kind: 'call', chain: chain("body('email').isEmail", [], { rootImport: 'express-validator' }) })).toBe(true);
    expect(isValidationMiddleware({ kind: 'identifier', name: 'requireAuth' })).toBe(false);
  });
  it('reads Fastify schemas: a body schema validates, a response schema does not', () => {
    const schema = (keys: string[]) => ({ kind: 'object', spreads: [], properties: [{ key: 'schema', shorthand: false, value: { kind: 'object', spreads: [], properties: keys.map((key) => ({ key, shorthand: false, value: { kind: 'identifier', name: 'S' } as const })) } }] }) as const;
    expect(routeOptionsValidate(schema(['body']))).toBe(true);
    expect(routeOptionsValidate(schema(['response']))).toBe(false);
  });
  it('skips catch-all routes', () => {
    expect(isCatchAllRoutePath('*path')).toBe(true);
    expect(isCatchAllRoutePath('/proxy/(.*)')).toBe(true);
    expect(isCatchAllRoutePath('/users/:id')).toBe(false);
  });
});

describe('request input', () => {
  it.each([
    ['express', 'req', ['body'], 'body'],
    ['koa', 'ctx', ['request', 'body'], 'body'],
    ['koa', 'ctx', ['body'], undefined],
    ['hono', 'c', ['req', 'json()'], 'body'],
    ['hono', 'c', ['req', 'query()'], 'query'],
    ['unknown', 'ctx', ['query'], 'query'],
  ] as const)('%s %s.%s', (framework, name, path, part) => {
    expect(requestInputOf(framework, name, path)).toBe(part);
  });
  it('tells a whole NestJS body from a keyed field and a piped one', () => {
    expect(nestInputOf('Body', [])).toEqual({ part: 'body', whole: true, piped: false });
    expect(nestInputOf('Body', [{ kind: 'string', text: 'user' }])).toEqual({ part: 'body', whole: false, piped: false });
    expect(nestInputOf('Query', [{ kind: 'new', className: 'ValidationPipe', args: [] }])).toEqual({ part: 'query', whole: true, piped: true });
    expect(nestInputOf('Param', [])).toBeUndefined();
  });
});

describe('judgeInputType', () => {
  it.each([
    [{ kind: 'none' }, 'unvalidated'],
    [{ kind: 'keyword', name: 'any' }, 'unvalidated'],
    [{ kind: 'keyword', name: 'string' }, 'scalar'],
    [{ kind: 'reference', name: 'Body', declaration: 'interface' }, 'unvalidated'],
    [{ kind: 'reference', name: 'Dto', declaration: 'class', propertyDecorators: ['ApiProperty'] }, 'unvalidated'],
    [{ kind: 'reference', name: 'Dto', declaration: 'class', propertyDecorators: ['ApiProperty', 'IsEmail'] }, 'validated'],
    [{ kind: 'reference', name: 'Dto', declaration: 'class', propertyDecorators: [], opaqueBase: true }, 'unknown'],
    [{ kind: 'reference', name: 'Dto', declaration: 'unknown' }, 'unknown'],
    [{ kind: 'reference', name: 'Dto', declaration: 'unknown', typeOnlyImport: true }, 'unvalidated'],
    [{ kind: 'array' }, 'unknown'],
  ] as const)('%j → %s', (facts, verdict) => {
    expect(judgeInputType(facts)).toBe(verdict);
  });
});

describe('classifyInputSink', () => {
  const settings = DEFAULT_SETTINGS;
  it('finds services, repositories, queries and responses the file shows', () => {
    expect(classifyInputSink(chain('this.usersService.create', [], { binding: { kind: 'field', length: 2, typeName: 'UsersService', typeSource: './users.service' } }), { settings })?.kind).toBe('service');
    expect(classifyInputSink(chain('res.json'), { settings })?.kind).toBe('response');
    expect(classifyInputSink(chain('createUser', [], { rootImport: './users.service' }), { settings, importedFromLayer: 'service' })?.kind).toBe('service');
  });
  it('leaves unknown receivers and package imports alone', () => {
    expect(classifyInputSink(chain('buildUser'), { settings })).toBeUndefined();
    expect(classifyInputSink(chain('emailService.send', [], { binding: { kind: 'import', length: 1, source: 'mail-sdk', importedName: 'emailService' } }), { settings })).toBeUndefined();
    expect(classifyInputSink(chain('usersService.create'), { settings })).toBeUndefined();
  });
});
