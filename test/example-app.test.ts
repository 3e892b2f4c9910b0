import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { expectedLines } from './helpers/expect-labels.js';

/**
 * The bundled example backend carries `// expect: <rule-id>` labels on the lines each rule must
 * report. Linted typed with `configs.all`, the reports of every implemented rule are exactly its
 * labels: one real instance of each finding, and none of the look-alikes around them.
 */
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'example-app');

describe('fixtures/example-app', () => {
  it('reports exactly the labelled lines, per rule', async () => {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      ignore: false,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
          // The same settings the audit reads with `--config backend-patterns.config.json`.
          settings: { 'backend-patterns': JSON.parse(readFileSync(path.join(ROOT, 'backend-patterns.config.json'), 'utf8')) as unknown },
        },
        plugin.configs.all as Linter.Config,
      ],
    });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    expect(results.flatMap((result) => result.messages.filter((message) => message.fatal === true))).toEqual([]);
    for (const ruleId of Object.keys(plugin.rules)) {
      const reported = results.flatMap((result) =>
        result.messages.filter((message) => message.ruleId === `backend-patterns/${ruleId}`).map((message) => `${path.relative(ROOT, result.filePath)}:${String(message.line)}`));
      const expected = results.flatMap((result) =>
        expectedLines(readFileSync(result.filePath, 'utf8'), ruleId).map((line) => `${path.relative(ROOT, result.filePath)}:${String(line)}`));
      expect([...new Set(reported)].sort(), ruleId).toEqual(expected.sort());
      expect(expected.length, `example-app has an instance of ${ruleId}`).toBeGreaterThan(0);
    }
  });
});
