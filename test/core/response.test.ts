import { describe, expect, it } from 'vitest';
import { majorOfRange, nestSecondArgumentReach } from '../../src/core/classify/response.js';

describe('nestSecondArgumentReach', () => {
  it('reads an object second argument of a built-in exception as options from NestJS 9 on', () => {
    expect(nestSecondArgumentReach('BadRequestException', false, 'received-error', 11)).toBe('none');
    expect(nestSecondArgumentReach('BadRequestException', false, 'received-error', undefined)).toBe('none');
    expect(nestSecondArgumentReach('BadRequestException', false, 'object-literal', 10)).toBe('description');
    expect(nestSecondArgumentReach('common.NotFoundException', false, 'other', 11)).toBe('all');
  });
  it('sends the second argument whatever it holds before NestJS 9', () => {
    expect(nestSecondArgumentReach('BadRequestException', false, 'received-error', 8)).toBe('all');
    expect(nestSecondArgumentReach('ConflictException', false, 'object-literal', 7)).toBe('all');
  });
  it('drops the description when the first argument is the whole body, and never sends HttpException status or options', () => {
    expect(nestSecondArgumentReach('BadRequestException', true, 'other', 11)).toBe('none');
    expect(nestSecondArgumentReach('HttpException', false, 'other', 11)).toBe('none');
    // An exception of another library keeps every argument.
    expect(nestSecondArgumentReach('TooManyRequestsException', false, 'received-error', 11)).toBe('all');
  });
});

describe('majorOfRange', () => {
  it('reads the major version of a declared range', () => {
    expect(majorOfRange('^11.1.26')).toBe(11);
    expect(majorOfRange('~9.0.0')).toBe(9);
    expect(majorOfRange('10.3.5')).toBe(10);
    expect(majorOfRange('>=8')).toBe(8);
    expect(majorOfRange('8.x')).toBe(8);
    expect(majorOfRange('latest')).toBeUndefined();
    expect(majorOfRange('workspace:*')).toBeUndefined();
    expect(majorOfRange(undefined)).toBeUndefined();
  });
  it('names no major for an upper bound, alternatives or a hyphen range', () => {
    expect(majorOfRange('<9')).toBeUndefined();
    expect(majorOfRange('<=9.0.0')).toBeUndefined();
    expect(majorOfRange('>=8 <10')).toBeUndefined();
    expect(majorOfRange('^9.0.0 || ^8.5.1')).toBeUndefined();
    expect(majorOfRange('8.0.0 - 9.1.0')).toBeUndefined();
  });
});
