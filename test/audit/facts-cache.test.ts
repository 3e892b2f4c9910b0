import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { dependencyKeys, FactsCache, moduleSpecifiers, plainCodec } from '../../src/audit/facts-cache.js';
import { formatProgress, phaseOf, progressReporter } from '../../src/audit/progress.js';
import { removeTempProjects, writeTempProject } from '../helpers/temp-project.js';

afterAll(removeTempProjects);

const OPTIONS: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true };

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
}

/** A project on disk (module resolution reads the disk) and its files parsed. */
function project(files: Readonly<Record<string, string>>): { root: string; sources: ts.SourceFile[] } {
  const root = writeTempProject('backend-patterns-facts-', files);
  return { root, sources: Object.entries(files).map(([file, text]) => parse(path.join(root, file), text)) };
}

describe('moduleSpecifiers', () => {
  it('names every way a file reaches another module', () => {
    const file = parse('/p/src/a.ts', [
      "import { a } from './named.js';",
      "import type { T } from './types.js';",
      "export * from './barrel.js';",
      "import legacy = require('./legacy.js');",
      "declare module './augmented.js' { interface Extra { x: number } }",
      'export async function load(): Promise<void> {',
      "  const lazy = await import('./lazy.js');",
      "  const required = require('./required.js');",
      "  let typed: import('./typed.js').Row;",
      '}',
    ].join('\n'));
    expect(moduleSpecifiers(file)).toEqual(['./named.js', './types.js', './barrel.js', './legacy.js', './augmented.js', './lazy.js', './required.js', './typed.js']);
  });

  it('a string that only looks like a module is none', () => {
    expect(moduleSpecifiers(parse('/p/src/b.ts', "export const path = './not-imported.js';\nexport const message = 'require(x)';\n"))).toEqual([]);
  });
});

describe('dependencyKeys', () => {
  const files = {
    'src/orders.repository.ts': 'export class OrdersRepository { find(): number[] { return []; } }\n',
    'src/orders.service.ts': "import { OrdersRepository } from './orders.repository.js';\nexport class OrdersService { constructor(readonly orders: OrdersRepository) {} }\n",
    'src/orders.controller.ts': "import { OrdersService } from './orders.service.js';\nexport class OrdersController { constructor(readonly service: OrdersService) {} }\n",
    'src/health.ts': 'export function health(): string { return "ok"; }\n',
  };

  it('an edit changes the key of the file and of every file that imports it, directly or not, and of no other', () => {
    const before = project(files);
    const keysBefore = dependencyKeys(before.sources, OPTIONS);
    const edited = before.sources.map((file) => (file.fileName.endsWith('orders.repository.ts') ? parse(file.fileName, `${file.text}// edited\n`) : file));
    const keysAfter = dependencyKeys(edited, OPTIONS);
    const changed = before.sources.filter((file) => keysBefore.get(file.fileName) !== keysAfter.get(file.fileName)).map((file) => path.basename(file.fileName));
    expect(changed).toEqual(['orders.repository.ts', 'orders.service.ts', 'orders.controller.ts']);
  });

  it('the same texts give the same keys', () => {
    const { sources } = project(files);
    expect([...dependencyKeys(sources, OPTIONS).values()]).toEqual([...dependencyKeys(sources.map((file) => parse(file.fileName, file.text)), OPTIONS).values()]);
  });
});

describe('FactsCache', () => {
  const files = { 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': "import { a } from './a.js';\nexport const b = a + 1;\n" };

  function ask(cache: FactsCache, sources: readonly ts.SourceFile[], settings: unknown, answer: string): { stats: ReturnType<ReturnType<FactsCache['open']>['stats']>; value: string | undefined } {
    const store = cache.open(sources, OPTIONS, settings);
    const file = sources[1];
    if (file === undefined) throw new Error('two files expected');
    const value = store.ask('question', file.statements[0] ?? file, () => answer, plainCodec<string>());
    cache.save();
    return { stats: store.stats(), value };
  }

  it('answers stored by one run are served to the next; other settings set them aside', () => {
    const { root, sources } = project(files);
    const file = path.join(root, 'cache.facts.json');
    expect(ask(new FactsCache(file, root), sources, undefined, 'live')).toEqual({ stats: { files: 2, cached: 0, extracted: 2, liveAnswers: 1, discarded: 'no cache yet' }, value: 'live' });
    expect(ask(new FactsCache(file, root), sources, undefined, 'not asked')).toEqual({ stats: { files: 2, cached: 2, extracted: 0, liveAnswers: 0 }, value: 'live' });
    const other = ask(new FactsCache(file, root), sources, { pii: { add: ['nickname'] } }, 'asked again');
    expect(other.value).toBe('asked again');
    expect(other.stats).toMatchObject({ cached: 0, extracted: 2, liveAnswers: 1 });
    expect(other.stats.discarded).toMatch(/^settings, compiler options/);
  });

  it.each([
    ['half a JSON document', '{"format": "backend-patterns-facts", "files": {', 'not a facts cache (unreadable JSON)'],
    ['another tool\'s JSON', '{"version": 3, "entries": []}', 'not a facts cache'],
    ['entries of the wrong shape', JSON.stringify({ format: 'backend-patterns-facts', version: 1, tool: 'x', environment: '', files: [], syntax: {} }), 'written by backend-patterns x'],
  ])('%s is an empty cache, not a crash', (_what, text, why) => {
    const { root, sources } = project(files);
    const file = path.join(root, 'cache.facts.json');
    writeFileSync(file, text);
    expect(ask(new FactsCache(file, root), sources, undefined, 'live')).toEqual({ stats: { files: 2, cached: 0, extracted: 2, liveAnswers: 1, discarded: why }, value: 'live' });
    expect((JSON.parse(readFileSync(file, 'utf8')) as { format: string }).format).toBe('backend-patterns-facts');
  });

  it('a stored entry of the wrong shape is asked again', () => {
    const { root, sources } = project(files);
    const file = path.join(root, 'cache.facts.json');
    ask(new FactsCache(file, root), sources, undefined, 'live');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, unknown> };
    stored.files['src/b.ts'] = { key: 42 };
    writeFileSync(file, JSON.stringify(stored));
    expect(ask(new FactsCache(file, root), sources, undefined, 'again')).toEqual({ stats: { files: 2, cached: 1, extracted: 1, liveAnswers: 1 }, value: 'again' });
  });
});

describe('progress of the project facts', () => {
  it('facts done of all, and how many the cache answered', () => {
    expect(formatProgress({ phase: 'checks', detail: 'Checking layers', counts: { done: 1204, total: 1800, cached: 1150 }, elapsedMs: 3100, frame: 2 })).toBe('⠹ [3/4] Project checks · Checking layers · facts 1,204/1,800 files (1,150 cached) · 3.1s');
    expect(phaseOf('Project facts')).toBe('checks');
  });

  it('an update draws the line itself: the load and the checks never yield to the timer', () => {
    let clock = 0;
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    const reporter = progressReporter(stream, true, () => clock);
    reporter.update('Loading project', { done: 50, total: 1060 });
    clock = 1200;
    reporter.update('Loading project', { done: 600, total: 1060 });
    clock = 1250;
    reporter.update('Loading project', { done: 650, total: 1060 });
    clock = 1400;
    reporter.update('Project facts', { done: 1060, total: 1060, cached: 1029 });
    reporter.stop();
    expect(written.map((text) => text.replace(/\r\u001B\[2K/g, '<clear>').replace(/^<clear>[^ ]+ /, '<clear>'))).toEqual([
      '<clear>[1/4] Loading project · files 600/1060 · 1.2s',
      '<clear>[3/4] Project checks · Project facts · facts 1,060/1,060 files (1,029 cached) · 1.4s',
      '<clear>',
    ]);
  });
});
