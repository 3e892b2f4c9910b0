import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const TYPED_PROJECT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'typed-project');

/** A case that runs in one mode only: `typed` cases need type information to be decided. */
export type Mode = 'both' | 'typed' | 'untyped';
export type Valid<Options extends readonly unknown[]> = string | (ValidTestCase<Options> & { mode?: Mode });
export type Invalid<MessageIds extends string, Options extends readonly unknown[]> = InvalidTestCase<MessageIds, Options> & { mode?: Mode };

const untypedTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
});

const typedTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: true,
      tsconfigRootDir: TYPED_PROJECT,
    },
  },
});

function withoutMode<T extends { mode?: Mode }>(testCase: T): Omit<T, 'mode'> {
  const copy: T = { ...testCase };
  delete copy.mode;
  return copy;
}

function inMode(testCase: { mode?: Mode }, mode: 'typed' | 'untyped'): boolean {
  return (testCase.mode ?? 'both') === 'both' || testCase.mode === mode;
}

function validCases<Options extends readonly unknown[]>(cases: readonly Valid<Options>[], mode: 'typed' | 'untyped'): ValidTestCase<Options>[] {
  return cases.flatMap((testCase) => {
    if (typeof testCase === 'string') return [{ code: testCase }];
    return inMode(testCase, mode) ? [withoutMode(testCase)] : [];
  });
}

function invalidCases<MessageIds extends string, Options extends readonly unknown[]>(cases: readonly Invalid<MessageIds, Options>[], mode: 'typed' | 'untyped'): InvalidTestCase<MessageIds, Options>[] {
  return cases.flatMap((testCase) => (inMode(testCase, mode) ? [withoutMode(testCase)] : []));
}

/**
 * Runs the same cases twice: without type information, and with typed linting over
 * `test/typed-project` (real ORM packages from node_modules resolve there).
 */
export function runRuleTests<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<MessageIds, Options>,
  tests: { valid: readonly Valid<Options>[]; invalid: readonly Invalid<MessageIds, Options>[] },
): void {
  describe(`${name} (untyped)`, () => {
    untypedTester.run(name, rule, { valid: validCases(tests.valid, 'untyped'), invalid: invalidCases(tests.invalid, 'untyped') });
  });
  describe(`${name} (typed)`, () => {
    typedTester.run(name, rule, {
      valid: validCases(tests.valid, 'typed').map((testCase) => ({ filename: path.join(TYPED_PROJECT, 'file.ts'), ...testCase })),
      invalid: invalidCases(tests.invalid, 'typed').map((testCase) => ({ filename: path.join(TYPED_PROJECT, 'file.ts'), ...testCase })),
    });
  });
}
