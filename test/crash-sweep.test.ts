import { Linter } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allRulesConfig, lintForCrashes } from './helpers/lint-all.js';

/**
 * Crash sweep: every rule (`configs.all`, whatever `plugin.rules` holds) over real-world
 * TypeScript and JavaScript nobody on this project wrote — the sources, compiled output and
 * declarations shipped in node_modules by typescript-eslint, ts-morph, the ORMs, drivers and
 * loggers. A rule that throws on any of it fails the test with the file and the stack. Files that
 * do not parse (odd syntax in third-party code) are counted apart and their lines are not counted
 * as covered. A subset is linted again with type information.
 */
const NODE_MODULES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
const EXTENSIONS = /\.(?:ts|mts|cts|js|mjs|cjs)$/;
/** Bundles and minified files add time, not variety. */
const MAX_FILE_BYTES = 200_000;

/** Folders of the corpus and how many lines to take from each, in path order. */
const CORPUS: readonly { readonly dir: string; readonly lines: number }[] = [
  { dir: '@typescript-eslint/typescript-estree/dist', lines: 6_000 },
  { dir: '@typescript-eslint/eslint-plugin/dist/rules', lines: 14_000 },
  { dir: 'ts-morph/lib', lines: 12_000 },
  { dir: 'typeorm/query-builder', lines: 9_000 },
  { dir: 'typeorm/repository', lines: 3_000 },
  { dir: 'typeorm/entity-manager', lines: 3_000 },
  { dir: 'sequelize/lib', lines: 10_000 },
  { dir: 'knex/lib', lines: 8_000 },
  { dir: 'knex/types', lines: 3_500 },
  { dir: 'mongoose/lib', lines: 12_000 },
  { dir: 'mongoose/types', lines: 6_000 },
  { dir: 'drizzle-orm/pg-core', lines: 10_000 },
  { dir: 'kysely/dist/esm', lines: 8_000 },
  { dir: 'pino', lines: 3_000 },
  { dir: 'winston/lib', lines: 3_500 },
  { dir: 'ioredis/built', lines: 4_000 },
  { dir: '@mikro-orm/core/entity', lines: 4_000 },
  { dir: 'mysql2/lib', lines: 4_000 },
];

interface CorpusFile {
  readonly file: string;
  readonly text: string;
  readonly lines: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
      return entry.isFile() && EXTENSIONS.test(entry.name) && !entry.name.endsWith('.min.js') ? [full] : [];
    });
}

function take(dir: string, budget: number): CorpusFile[] {
  const files: CorpusFile[] = [];
  let lines = 0;
  for (const file of walk(path.join(NODE_MODULES, dir))) {
    if (lines >= budget) break;
    if (statSync(file).size > MAX_FILE_BYTES) continue;
    const text = readFileSync(file, 'utf8');
    const count = text.split('\n').length;
    files.push({ file, text, lines: count });
    lines += count;
  }
  return files;
}

interface SweepResult {
  files: number;
  lines: number;
  parseErrors: string[];
  crashes: { file: string; message: string; stack: string }[];
}

function sweep(files: readonly CorpusFile[], config: Linter.Config[]): SweepResult {
  // Flat config ignores `**/node_modules/` relative to cwd; linting from each file's own folder
  // keeps the real path (typed linting needs it) without the default ignore applying.
  const result: SweepResult = { files: 0, lines: 0, parseErrors: [], crashes: [] };
  const linters = new Map<string, Linter>();
  for (const { file, text, lines } of files) {
    const cwd = path.dirname(file);
    let linter = linters.get(cwd);
    if (linter === undefined) {
      linter = new Linter({ cwd, configType: 'flat' });
      linters.set(cwd, linter);
    }
    const outcome = lintForCrashes(linter, text, file, config);
    if (outcome.crash !== undefined) {
      result.crashes.push({ file: path.relative(NODE_MODULES, file), ...outcome.crash });
    } else if (outcome.parseError !== undefined) {
      result.parseErrors.push(`${path.relative(NODE_MODULES, file)}:${outcome.parseError}`);
    } else {
      result.files += 1;
      result.lines += lines;
    }
  }
  return result;
}

function report(label: string, result: SweepResult): void {
  process.stdout.write(
    `crash sweep (${label}): ${String(result.files)} files, ${String(result.lines)} lines linted with configs.all; ` +
      `${String(result.parseErrors.length)} files skipped as unparsable; ${String(result.crashes.length)} rule crashes\n`,
  );
}

describe('crash sweep over third-party code in node_modules', () => {
  const groups = [CORPUS.slice(0, 6), CORPUS.slice(6, 12), CORPUS.slice(12)];
  let total = 0;

  it.each(groups.map((group, index) => [index + 1, group] as const))('untyped, part %i: no rule throws', (_, group) => {
    const files = group.flatMap(({ dir, lines }) => take(dir, lines));
    const result = sweep(files, allRulesConfig());
    report(`untyped, ${group.map(({ dir }) => dir).join(', ')}`, result);
    total += result.lines;
    expect(result.crashes).toEqual([]);
    // Third-party code is nearly all parsable; a wave of parse errors means the sweep is broken.
    expect(result.parseErrors.length).toBeLessThan(files.length / 20);
  }, 240_000);

  it('covers at least 100,000 lines', () => {
    expect(total).toBeGreaterThanOrEqual(100_000);
  });

  it('typed (kysely query builder, knex and mongoose declarations): no rule throws', () => {
    const files = [...take('kysely/dist/esm/query-builder', 4_000), ...take('knex/types', 3_500), ...take('mongoose/types', 3_000)];
    const program = ts.createProgram(
      files.map(({ file }) => file),
      { allowJs: true, checkJs: false, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
    );
    const result = sweep(files, allRulesConfig({ programs: [program] }));
    report('typed', result);
    expect(result.crashes).toEqual([]);
    expect(result.files).toBeGreaterThan(0);
  }, 240_000);
});
