// `npm start`: check the bundled example backend with the built plugin and print the findings.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import plugin from '../dist/src/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'example-app');

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  ignore: false,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: root } },
      settings: { 'backend-patterns': JSON.parse(readFileSync(path.join(root, 'backend-patterns.config.json'), 'utf8')) },
    },
    plugin.configs.all,
  ],
});

const results = await eslint.lintFiles(['src/**/*.ts']);
const formatter = await eslint.loadFormatter('stylish');
const count = results.reduce((sum, result) => sum + result.messages.length, 0);
process.stdout.write(`backend-patterns: example-app (${results.length} files)\n`);
process.stdout.write(await formatter.format(results));
if (count === 0) process.stdout.write('No findings.\n');
