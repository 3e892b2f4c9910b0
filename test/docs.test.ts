import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { type ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { TYPED_PROJECT } from './helpers/rule-tester.js';

/**
 * Every ❌ and ✅ code block of docs/rules/*.md is linted with its page's rule: a ❌ block must
 * report at least once, a ✅ block must not report.
 *
 * The convention the pages follow:
 * - a line starting with `❌` (incorrect) or `✅` (correct) marks the fenced `ts` blocks that follow
 *   it, up to the next marker or heading; inline code on the marker line itself is prose, not tested;
 * - inside a fenced `ts` block, a comment line starting with `// ❌` or `// ✅` starts a segment of
 *   that kind up to the next such comment; the lines before the first one (imports, shared
 *   declarations) are part of every segment. Such a block is tested segment by segment;
 * - the info string may give the file name the block is linted as (layers are judged from it):
 *   ```ts filename=src/controllers/users.controller.ts — the default is `src/example.ts`. Blocks
 *   are linted as files of `test/typed-project`, a server package (its package.json depends on
 *   Express and NestJS, with nestjs-pino behind its logger), untyped;
 * - an HTML comment right before a block may give settings or rule options as JSON:
 *   <!-- settings: {"backend-patterns": {…}} --> or <!-- options: [{…}] -->.
 */

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = path.join(ROOT, 'docs', 'rules');
const DEFAULT_FILENAME = 'src/example.ts';

export interface DocBlock {
  readonly kind: 'incorrect' | 'correct';
  readonly code: string;
  readonly line: number;
  readonly filename: string;
  readonly settings?: Record<string, unknown>;
  readonly options?: unknown[];
}

/** The ❌ / ✅ blocks of one page, in order. */
export function docBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  let kind: DocBlock['kind'] | undefined;
  let settings: Record<string, unknown> | undefined;
  let options: unknown[] | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.startsWith('#')) kind = undefined;
    else if (line.startsWith('❌')) kind = 'incorrect';
    else if (line.startsWith('✅')) kind = 'correct';
    const comment = /^<!--\s*(settings|options):\s*(.*?)\s*-->\s*$/.exec(line);
    if (comment !== null) {
      const value: unknown = JSON.parse(comment[2] ?? '');
      if (comment[1] === 'settings') settings = value as Record<string, unknown>;
      else options = value as unknown[];
    }
    const fence = /^(`{3,})(\S*)(.*)$/.exec(line);
    if (fence === null) continue;
    const [, ticks = '```', language = '', info = ''] = fence;
    const start = index;
    const body: string[] = [];
    for (index += 1; index < lines.length && !(lines[index] ?? '').startsWith(ticks); index += 1) body.push(lines[index] ?? '');
    if (language === 'ts' || language === 'typescript') {
      const filename = /(?:^|\s)filename=(\S+)/.exec(info)?.[1] ?? DEFAULT_FILENAME;
      const extra = { filename, ...(settings === undefined ? {} : { settings }), ...(options === undefined ? {} : { options }) };
      const markers = body.flatMap((text, offset) => {
        const marker = /^\s*\/\/\s*(❌|✅)/.exec(text)?.[1];
        return marker === undefined ? [] : [{ offset, kind: marker === '❌' ? ('incorrect' as const) : ('correct' as const) }];
      });
      if (markers.length > 0) {
        const shared = body.slice(0, markers[0]?.offset ?? 0);
        markers.forEach((marker, position) => {
          const segment = body.slice(marker.offset, markers[position + 1]?.offset ?? body.length);
          // Blank lines keep the segment's line numbers those of the page.
          const padding = Array.from({ length: marker.offset - shared.length }, () => '');
          blocks.push({ kind: marker.kind, code: `${[...shared, ...padding, ...segment].join('\n')}\n`, line: start + 2 + marker.offset, ...extra });
        });
      } else if (kind !== undefined) {
        blocks.push({ kind, code: `${body.join('\n')}\n`, line: start + 1, ...extra });
      }
    }
    settings = undefined;
    options = undefined;
  }
  return blocks;
}

const pages = readdirSync(DOCS)
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({ id: file.slice(0, -'.md'.length), blocks: docBlocks(readFileSync(path.join(DOCS, file), 'utf8')) }));

const linter = new Linter({ configType: 'flat', cwd: TYPED_PROJECT });

function lint(id: string, block: DocBlock): Linter.LintMessage[] {
  const ruleId = `backend-patterns/${id}`;
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { 'backend-patterns': plugin as unknown as ESLint.Plugin },
      rules: { [ruleId]: ['error', ...(block.options ?? [])] },
      ...(block.settings === undefined ? {} : { settings: block.settings }),
    },
  ];
  const messages = linter.verify(block.code, config, path.join(TYPED_PROJECT, block.filename));
  const fatal = messages.filter((message) => message.fatal === true);
  if (fatal.length > 0) throw new Error(`docs/rules/${id}.md:${String(block.line)} does not parse: ${fatal.map((message) => message.message).join('; ')}`);
  return messages.filter((message) => message.ruleId === ruleId);
}

describe('the docs convention', () => {
  it('finds blocks under markers, with their file names, settings and options', () => {
    const markdown = [
      '## A',
      '❌ Incorrect',
      '<!-- settings: {"backend-patterns": {"x": 1}} -->',
      '```ts filename=src/controllers/a.controller.ts',
      'one();',
      '```',
      '```js',
      'ignored();',
      '```',
      '✅ Correct',
      '```ts',
      'two();',
      '```',
      '## B',
      '```ts',
      'outside();',
      '```',
      '```ts',
      "import { a } from 'a';",
      '// ❌ wrong',
      'a(1);',
      '// ✅ right',
      'a(2);',
      '```',
    ].join('\n');
    expect(docBlocks(markdown)).toEqual([
      { kind: 'incorrect', code: 'one();\n', line: 4, filename: 'src/controllers/a.controller.ts', settings: { 'backend-patterns': { x: 1 } } },
      { kind: 'correct', code: 'two();\n', line: 11, filename: DEFAULT_FILENAME },
      { kind: 'incorrect', code: "import { a } from 'a';\n// ❌ wrong\na(1);\n", line: 20, filename: DEFAULT_FILENAME },
      { kind: 'correct', code: "import { a } from 'a';\n\n\n// ✅ right\na(2);\n", line: 22, filename: DEFAULT_FILENAME },
    ]);
  });
});

describe.each(pages.map((page) => [page.id, page.blocks] as const))('docs/rules/%s.md', (id, blocks) => {
  it('is the page of a rule, and shows at least one ❌ and one ✅ block', () => {
    expect(plugin.rules[id], `no rule named ${id}`).toBeDefined();
    expect(blocks.some((block) => block.kind === 'incorrect')).toBe(true);
    expect(blocks.some((block) => block.kind === 'correct')).toBe(true);
  });

  const incorrect = blocks.filter((block) => block.kind === 'incorrect');
  const correct = blocks.filter((block) => block.kind === 'correct');
  if (incorrect.length > 0) {
    it.each(incorrect.map((block) => [block.line, block] as const))('❌ block at line %i reports', (_line, block) => {
      expect(lint(id, block).length).toBeGreaterThan(0);
    });
  }
  if (correct.length > 0) {
    it.each(correct.map((block) => [block.line, block] as const))('✅ block at line %i does not report', (_line, block) => {
      expect(lint(id, block).map((message) => `${String(message.line)}:${String(message.column)} ${message.message}`)).toEqual([]);
    });
  }
});
