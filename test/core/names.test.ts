import { describe, expect, it } from 'vitest';
import { matchesNamePattern, matchesSpecifier, nameParts } from '../../src/core/classify/names.js';

describe('nameParts', () => {
  it.each([
    ['userEmail', ['user', 'email']],
    ['email_address', ['email', 'address']],
    ['X-Api-Key', ['x', 'api', 'key']],
    ['HTTPServer', ['http', 'server']],
    ['accessToken2', ['access', 'token', '2']],
    ['SSN', ['ssn']],
    ['userIDs', ['user', 'ids']],
    ['secretKIDsToDeprecate', ['secret', 'kids', 'to', 'deprecate']],
    ['getURLsForUser', ['get', 'urls', 'for', 'user']],
    ['HTTPSAgent', ['https', 'agent']],
    ['customerSSNAsText', ['customer', 'ssn', 'as', 'text']],
    ['DOBIsSet', ['dob', 'is', 'set']],
    ['listAPIs', ['list', 'apis']],
    ['SKUs', ['skus']],
    ['__proto__', ['proto']],
  ])('%s → %j', (name, parts) => {
    expect(nameParts(name)).toEqual(parts);
  });
});

describe('matchesNamePattern', () => {
  it.each([
    ['UserRepository', '*Repository', true],
    ['Repository', '*Repository', true],
    ['UserRepositoryFactory', '*Repository', false],
    ['UsersController', '*Controller', true],
    ['AdminUsersService', 'Admin*Service', true],
    ['AdminService', 'Admin*Users*Service', false],
    ['exact', 'exact', true],
  ])('%s ~ %s → %s', (name, pattern, expected) => {
    expect(matchesNamePattern(name, pattern)).toBe(expected);
  });

  it('is linear on adversarial input', () => {
    const name = 'a'.repeat(100_000);
    expect(matchesNamePattern(name, `*${'a*'.repeat(200)}b`)).toBe(false);
  });
});

describe('matchesSpecifier', () => {
  it('matches plain names by name only', () => {
    expect(matchesSpecifier('AppError', 'AppError')).toBe(true);
    expect(matchesSpecifier('AppError', 'Error')).toBe(false);
  });
  it('matches package specifiers by declaring package when known', () => {
    const spec = { from: 'package', name: 'Logger', package: 'pino' } as const;
    expect(matchesSpecifier(spec, 'Logger', { package: 'pino' })).toBe(true);
    expect(matchesSpecifier(spec, 'Logger', { package: 'winston' })).toBe(false);
    expect(matchesSpecifier(spec, 'Logger')).toBe(true);
  });
  it('matches file specifiers by path suffix', () => {
    const spec = { from: 'file', name: 'AppError', path: './src/errors.ts' } as const;
    expect(matchesSpecifier(spec, 'AppError', { fileName: '/repo/src/errors.ts' })).toBe(true);
    expect(matchesSpecifier(spec, 'AppError', { fileName: '/repo/src/other.ts' })).toBe(false);
    expect(matchesSpecifier(spec, 'AppError', { package: 'some-lib', fileName: '/repo/node_modules/some-lib/src/errors.ts' })).toBe(false);
  });
  it('matches lib specifiers only for TypeScript lib declarations', () => {
    expect(matchesSpecifier({ from: 'lib', name: 'Error' }, 'Error', { package: 'lib' })).toBe(true);
    expect(matchesSpecifier({ from: 'lib', name: 'Error' }, 'Error', { fileName: '/repo/src/e.ts' })).toBe(false);
  });
});
