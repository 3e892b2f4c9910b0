import { describe, expect, it } from 'vitest';
import { packageNameOf } from '../../src/core/classify/names.js';

describe('packageNameOf', () => {
  it.each([
    ['pino', 'pino'],
    ['pino/file', 'pino'],
    ['@nestjs/common', '@nestjs/common'],
    ['@nestjs/common/exceptions', '@nestjs/common'],
    ['node:util', 'util'],
    ['@types/bunyan', 'bunyan'],
    ['./logger', undefined],
    ['../lib/logger.js', undefined],
    ['/abs/logger', undefined],
    ['@/lib/logger', undefined],
    ['~/lib/logger', undefined],
    ['#logger', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (specifier, expected) => {
    expect(packageNameOf(specifier)).toBe(expected);
  });
});
