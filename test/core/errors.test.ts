import { describe, expect, it } from 'vitest';
import {
  catchDispatchesOnOwnThrows,
  catchPassesErrorOn,
  commentStatesServerFault,
  isBuiltinErrorName,
  isClientFacingDiscriminant,
  isClientFacingMessageTest,
  isValidationErrorClassName,
  isDomainErrorClass,
  isErrorClassName,
  isFrameworkHttpErrorFactory,
  isFrameworkHttpErrorName,
  type ErrorClassFacts,
} from '../../src/core/classify/errors.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';
import { chain, num, str } from './chain.js';

const settings = DEFAULT_SETTINGS;

describe('isBuiltinErrorName', () => {
  it.each(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError', 'DOMException'])(
    '%s is built in',
    (name) => {
      expect(isBuiltinErrorName(name)).toBe(true);
    },
  );

  it.each(['AppError', 'ValidationError', 'HttpException', 'error'])('%s is not built in', (name) => {
    expect(isBuiltinErrorName(name)).toBe(false);
  });
});

describe('isFrameworkHttpErrorName', () => {
  it.each<[string, string | undefined]>([
    ['HttpException', undefined],
    ['BadRequestException', undefined],
    ['UnauthorizedException', undefined],
    ['NotFoundException', undefined],
    ['ForbiddenException', undefined],
    ['ConflictException', undefined],
    ['GoneException', undefined],
    ['PayloadTooLargeException', undefined],
    ['UnprocessableEntityException', undefined],
    ['InternalServerErrorException', undefined],
    ['ServiceUnavailableException', undefined],
    ['ImATeapotException', undefined],
    ['NotFoundException', '@nestjs/common'],
    ['WsException', '@nestjs/websockets'],
    ['RpcException', '@nestjs/microservices'],
    ['HttpError', undefined],
    ['createError.NotFound', undefined],
    ['createHttpError.BadRequest', undefined],
    ['httpErrors.NotFound', undefined],
    ['NotFound', 'http-errors'],
    ['NotFoundError', 'http-errors'],
    ['HttpError', '@fastify/sensible'],
    ['Boom', '@hapi/boom'],
    ['Boom.Boom', undefined],
    ['Boom', undefined],
  ])('%s from %s is a framework HTTP error', (name, fromPackage) => {
    expect(isFrameworkHttpErrorName(name, fromPackage)).toBe(true);
  });

  it.each<[string, string | undefined]>([
    ['NotFound', undefined],
    ['NotFoundError', undefined],
    ['AppError', undefined],
    ['Error', undefined],
    ['NotFoundException', 'some-other-lib'],
    ['Logger', '@nestjs/common'],
    ['createError.Banana', undefined],
    ['Boom.notFound', undefined],
  ])('%s from %s is not a framework HTTP error', (name, fromPackage) => {
    expect(isFrameworkHttpErrorName(name, fromPackage)).toBe(false);
  });
});

describe('isFrameworkHttpErrorFactory', () => {
  it.each<[string, string | undefined]>([
    ['createError', undefined],
    ['createError', 'http-errors'],
    ['createHttpError', 'http-errors'],
    ['createError.NotFound', 'http-errors'],
    ['createHttpError.Unauthorized', undefined],
    ['fastify.httpErrors.notFound', undefined],
    ['this.app.httpErrors.badRequest', undefined],
    ['httpErrors.createError', undefined],
    ['Boom.notFound', undefined],
    ['boom.badRequest', undefined],
    ['Boom.boomify', '@hapi/boom'],
    ['Boom.internal', '@hapi/boom'],
    ['createError', 'h3'],
  ])('%s(…) from %s makes a framework HTTP error', (text, rootImport) => {
    expect(isFrameworkHttpErrorFactory(chain(text, [num(), str('x')], rootImport === undefined ? {} : { rootImport }))).toBe(true);
  });

  it.each<[string, string | undefined]>([
    ['reply.notFound', undefined],
    ['res.status', undefined],
    ['createError', 'some-lib'],
    ['createError.Banana', undefined],
    ['Boom.fly', undefined],
    ['errors.notFound', undefined],
    ['new Error', undefined],
    ['notFound', undefined],
  ])('%s(…) from %s does not', (text, rootImport) => {
    expect(isFrameworkHttpErrorFactory(chain(text, [num()], rootImport === undefined ? {} : { rootImport }))).toBe(false);
  });
});

describe('isErrorClassName', () => {
  it.each([
    ['NotFoundError', true],
    ['PaymentFailedException', true],
    ['HttpException', true],
    ['Error', false],
    ['TypeError', false],
    ['ErrorHandler', false],
    ['User', false],
  ])('%s → %s', (name, expected) => {
    expect(isErrorClassName(name)).toBe(expected);
  });
});

describe('isDomainErrorClass', () => {
  it.each<[string, ErrorClassFacts]>([
    ['class AppError extends Error', { name: 'AppError', superClasses: ['Error'] }],
    ['class NotFoundError extends AppError', { name: 'NotFoundError', superClasses: ['AppError', 'Error'] }],
    ['class NotFoundError extends AppError (AppError unseen)', { name: 'NotFoundError', superClasses: ['AppError'] }],
    ['class InvalidInput extends TypeError', { name: 'InvalidInput', superClasses: ['TypeError', 'Error'] }],
    ['class Oops extends DomainException', { name: 'Oops', superClasses: ['DomainException'] }],
    ['class UserNotFound extends NotFoundException', { name: 'UserNotFound', superClasses: ['NotFoundException'] }],
    ['class Forbidden extends common.ForbiddenException', { name: 'Forbidden', superClasses: ['common.ForbiddenException'] }],
    ['NotFoundException from @nestjs/common', { name: 'NotFoundException', superClasses: ['HttpException', 'Error'], declaredIn: { package: '@nestjs/common' } }],
    ['HttpError from http-errors', { name: 'HttpError', superClasses: [], declaredIn: { package: 'http-errors' } }],
  ])('%s is a domain error', (_source, cls) => {
    expect(isDomainErrorClass(cls, settings)).toBe(true);
  });

  it.each<[string, ErrorClassFacts]>([
    ['Error', { name: 'Error', superClasses: [] }],
    ['Error from lib', { name: 'Error', superClasses: [], declaredIn: { package: 'lib' } }],
    ['TypeError', { name: 'TypeError', superClasses: ['Error'], declaredIn: { package: 'lib' } }],
    ['RangeError', { name: 'RangeError', superClasses: ['Error'] }],
    ['class ValidationError {} (not an Error)', { name: 'ValidationError', superClasses: [] }],
    ['class Result extends Base', { name: 'Result', superClasses: ['Base'] }],
  ])('%s is not a domain error', (_source, cls) => {
    expect(isDomainErrorClass(cls, settings)).toBe(false);
  });

  it('with a configured base class, only the base and its subclasses count (and framework errors)', () => {
    const custom = parseSettings({ errors: { baseClass: 'AppError' } });
    expect(isDomainErrorClass({ name: 'AppError', superClasses: ['Error'] }, custom)).toBe(true);
    expect(isDomainErrorClass({ name: 'NotFoundError', superClasses: ['AppError', 'Error'] }, custom)).toBe(true);
    expect(isDomainErrorClass({ name: 'ConflictError', superClasses: ['HttpError', 'AppError'] }, custom)).toBe(true);
    expect(isDomainErrorClass({ name: 'StrayError', superClasses: ['Error'] }, custom)).toBe(false);
    expect(isDomainErrorClass({ name: 'BadRequestException', superClasses: ['HttpException'] }, custom)).toBe(true);
    expect(isDomainErrorClass({ name: 'Error', superClasses: [] }, custom)).toBe(false);
  });

  it('matches a package base class specifier by declaration', () => {
    const custom = parseSettings({ errors: { baseClass: { from: 'package', name: 'BaseError', package: '@acme/errors' } } });
    expect(isDomainErrorClass({ name: 'BaseError', superClasses: ['Error'], declaredIn: { package: '@acme/errors' } }, custom)).toBe(true);
    expect(isDomainErrorClass({ name: 'BaseError', superClasses: ['Error'], declaredIn: { package: '@other/errors' } }, custom)).toBe(false);
    expect(isDomainErrorClass({ name: 'PaymentError', superClasses: ['BaseError', 'Error'] }, custom)).toBe(true);
  });
});

describe('client-facing errors', () => {
  it.each(['ValidationError', 'SequelizeValidationError', 'ZodError', 'mongoose.Error.ValidationError'])('%s is a validation error', (name) => {
    expect(isValidationErrorClassName(name)).toBe(true);
  });
  it.each(['QueryFailedError', 'Error', 'DatabaseError'])('%s is not', (name) => {
    expect(isValidationErrorClassName(name)).toBe(false);
  });
  it.each<[string, string, boolean]>([
    ['code', 'INVALID_2FA_CODE', true],
    ['code', '2FA_REQUIRED', true],
    ['type', 'entity.parse.failed', true],
    ['name', 'ZodError', true],
    ['name', 'PaymentDeclinedError', true],
    ['code', 'ECONNREFUSED', false],
    ['code', 'P2002', false],
    ['code', '23505', false],
    ['code', 'ER_DUP_ENTRY', false],
    ['code', 'ERR_INVALID_ARG_TYPE', false],
    ['name', 'TypeError', false],
    ['name', 'SequelizeDatabaseError', false],
    ['name', 'PrismaClientKnownRequestError', false],
    ['name', 'something', false],
  ])('%s === %s narrows: %s', (field, value, expected) => {
    expect(isClientFacingDiscriminant(field, value)).toBe(expected);
  });
  it('counts message equality and validation-library text', () => {
    expect(isClientFacingMessageTest('equals', 'Token expired')).toBe(true);
    expect(isClientFacingMessageTest('contains', 'Integration validation failed')).toBe(true);
    expect(isClientFacingMessageTest('contains', 'Cast to ObjectId')).toBe(true);
    expect(isClientFacingMessageTest('contains', 'duplicate key')).toBe(false);
  });
});

describe('commentStatesServerFault', () => {
  it.each([
    [' Should never happen', true],
    [' Sanity check, should not be possible.', true],
    [' Total count value should be returned, else return internal server-error.', true],
    [' Answer 500: the row was written a moment ago', true],
    [" Normally this shouldn't happen, so we use a plain error", true],
    [" The caller can't be anonymous here", false],
    [' Check the caller owns the project', false],
    [' Users may send an empty list here', false],
    [' TODO: handle pagination', false],
  ])('%s', (comment, expected) => {
    expect(commentStatesServerFault(comment)).toBe(expected);
  });
});

describe('catchPassesErrorOn (the rule within a file, the audit across callers)', () => {
  it.each([
    ['error', '{ logger.warn(error); throw error; }', true],
    ['err', '{ throw new ImportFailed("import failed", { cause: err }); }', true],
    ['e', '{ next(e); }', true],
    ['e', '{ reject(e) }', true],
    ['$err', '{ throw $err }', true],
    ['error', '{ throw (error); }', true],
    // Fastify's reply.send and Koa's ctx.throw hand an error to the framework's error handler.
    ['error', '{ request.log.warn(error); return reply.send(error); }', true],
    ['err', '{ ctx.throw(err); }', true],
    ['error', '{ return reply.send({ ok: false }); }', false],
    // A catch that answers by what the error is lets its type pick the status.
    ['e', '{ logger.error(e); res.status(e.code || 500).send(e.toString()); }', true],
    ['error', '{ if (error instanceof NotFoundError) { return null; } return { failed: true }; }', true],
    ['error', '{ return { status: (error as HttpError).status ?? 500 }; }', true],
    ['error', '{ return res.status(400).json({ message: error.message }); }', false],
    ['error', '{ throw new BadRequestError(error instanceof Error ? error.message : "failed"); }', false],
    ['errors', '{ throws(errors); }', false],
    ['error', '{ throw new BadRequestException(error.message); }', false],
    ['error', '{ return { success: false }; }', false],
    [undefined, '{ throw new UnauthorizedError(); }', false],
    ['errorCount', '{ throw errorCountExceeded(); }', false],
  ] as const)('%s in %s → %s', (param, body, expected) => {
    expect(catchPassesErrorOn(param, body)).toBe(expected);
  });
});

describe('catchDispatchesOnOwnThrows', () => {
  const tryText = '{ if (r) throw new NameRedirectError(r); throw { error: "not found" }; }';
  it.each([
    ['e', '{ if (e instanceof NameRedirectError) redirect(e.message); else reply.status(404).send(e); }', true],
    // A class the try does not throw itself, a rethrow, or no test at all: not a dispatch over its own throws.
    ['e', '{ if (e instanceof NotFoundError) res.status(404).end(); else res.status(500).end(); }', false],
    ['e', '{ if (e instanceof NameRedirectError) redirect(e.message); else throw e; }', false],
    ['e', '{ res.status(404).send(e); }', false],
    [undefined, '{ res.status(404).end(); }', false],
    // A namespaced class is tested by its whole name: errors.NotFoundError is not errors.BadRequestError.
    ['e', '{ if (e instanceof errors.NotFoundError) res.send(404); else res.send(500); }', false],
  ] as const)('%s in %s → %s', (param, body, expected) => {
    expect(catchDispatchesOnOwnThrows(param, body, param === 'e' && body.includes('errors.') ? '{ throw new errors.BadRequestError("id"); throw { status: 404 }; }' : tryText)).toBe(expected);
  });
});
