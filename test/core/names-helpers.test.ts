import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentionsAnyWord, packageNameOf } from '../../src/core/classify/names.js';

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

describe('mentionsAnyWord', () => {
  const mentionsPassword = mentionsAnyWord(['pass', 'pwd', 'pin']);

  it.each([
    ['const newPassword = body.password;', true],
    ['user.PWD_HASH', true],
    ['PIN_CODE', true],
    ['const invoiceTotal = order.total;', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(mentionsPassword(text)).toBe(expected);
  });

  it('takes a word with pattern characters literally', () => {
    expect(mentionsAnyWord(['a.b'])('a.b')).toBe(true);
    expect(mentionsAnyWord(['a.b'])('axb')).toBe(false);
  });

  it('keeps every text that lower-casing and a substring test keep', () => {
    const words = ['pass', 'retr', 'backoff', 'kelvin'];
    const mentions = mentionsAnyWord(words);
    const text = fc.string({ unit: fc.constantFrom('P', 'a', 'S', 's', 'ſ', 'K', '\u212A', 'e', 'l', 'v', 'i', 'n', 'R', 't', 'r', 'B', 'c', 'k', 'o', 'f', 'F', 'İ', ' ') });
    fc.assert(
      fc.property(text, (candidate) => {
        const lower = candidate.toLowerCase();
        if (words.some((word) => lower.includes(word))) expect(mentions(candidate)).toBe(true);
      }),
    );
  });
});
