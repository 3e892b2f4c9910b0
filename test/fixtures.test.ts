import { ESLint, type Linter } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { expectedLines } from './helpers/expect-labels.js';

/**
 * Every `fixtures/<rule-id>/<scenario>.wrong.ts` is linted with only its rule on, untyped and
 * typed: the reported lines must be exactly the lines labelled `// expect: <rule-id>`, and its
 * `<scenario>.fixed.ts` twin (the reference fix) must be silent.
 */
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const RULE_IDS = Object.keys(plugin.rules);

function fixtureFiles(ruleId: string): string[] {
  return readdirSync(path.join(ROOT, ruleId)).filter((file) => /\.(?:wrong|fixed)\.tsx?$/.test(file)).sort();
}

function linter(ruleId: string, typed: boolean): ESLint {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: {
        parser: tsParser,
        parserOptions: typed ? { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: ROOT } : { ecmaVersion: 'latest', sourceType: 'module' },
      },
      plugins: { 'backend-patterns': plugin as unknown as ESLint.Plugin },
      rules: { [`backend-patterns/${ruleId}`]: 'error' },
    },
  ];
  return new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config, ignore: false });
}

describe.each(RULE_IDS)('fixtures/%s', (ruleId) => {
  it('has at least one wrong/fixed pair', () => {
    const files = fixtureFiles(ruleId);
    const wrong = files.filter((file) => file.includes('.wrong.'));
    expect(wrong.length).toBeGreaterThan(0);
    for (const file of wrong) expect(files).toContain(file.replace('.wrong.', '.fixed.'));
  });

  describe.each([false, true])('typed: %s', (typed) => {
    it.each(fixtureFiles(ruleId))('%s', async (file) => {
      const filePath = path.join(ROOT, ruleId, file);
      const [result] = await linter(ruleId, typed).lintFiles([filePath]);
      const fatal = result?.messages.filter((message) => message.fatal === true) ?? [];
      expect(fatal).toEqual([]);
      const reported = [...new Set(result?.messages.filter((message) => message.ruleId === `backend-patterns/${ruleId}`).map((message) => message.line))].sort((a, b) => a - b);
      const expected = file.includes('.fixed.') ? [] : expectedLines(readFileSync(filePath, 'utf8'), ruleId);
      expect(reported).toEqual(expected);
      if (!file.includes('.fixed.')) expect(expected.length).toBeGreaterThan(0);
    });
  });
});
