import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { temporaryProject } from '../helpers/temp-project.js';

/**
 * `audit --cache` on a project edited between runs: the facts of the project checks come from the
 * cache for every file whose text and imports are unchanged, are extracted again for the others,
 * and the report is byte for byte the report of a run without the cache.
 */

const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: [] }, include: ['src'] });

const REPOSITORY = `import type { PrismaClient } from '@prisma/client';

export class InvoicesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  forCustomer(customerId: string): Promise<{ id: string; total: number }[]> {
    return this.prisma.invoice.findMany({ where: { customerId } });
  }
}
`;

/** Statements read invoices through this type: a project class first, a bare shape after the edit. */
const LEDGER_AS_REPOSITORY = `import type { InvoicesRepository } from './invoices.repository.js';

export type BillingLedger = InvoicesRepository;
`;

const LEDGER_AS_SHAPE = `export type BillingLedger = {
  forCustomer(customerId: string): Promise<{ id: string; total: number }[]>;
};
`;

const STATEMENTS = `import type { BillingLedger } from './billing-ledger.js';
import { roundCents } from './money.js';

export class StatementsService {
  constructor(private readonly ledger: BillingLedger) {}

  async balances(customerIds: readonly string[]): Promise<number[]> {
    const balances: number[] = [];
    for (const customerId of customerIds) {
      const invoices = await this.ledger.forCustomer(customerId);
      balances.push(roundCents(invoices.reduce((sum, invoice) => sum + invoice.total, 0)));
    }
    return balances;
  }
}
`;

const MONEY = `export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
`;

const root = temporaryProject('audit-cache', {
  'tsconfig.json': TSCONFIG,
  'src/billing/invoices.repository.ts': REPOSITORY,
  'src/billing/billing-ledger.ts': LEDGER_AS_REPOSITORY,
  'src/billing/statements.service.ts': STATEMENTS,
  'src/billing/money.ts': MONEY,
});

const CHECKS = ['--no-eslint', '--no-config-lookup', '--format', 'json'];

interface CacheLine {
  readonly files: number;
  readonly extracted: number;
  readonly cached: number;
  readonly asked: number;
  readonly setAside?: string;
}

function cacheFile(): string {
  return path.join(root(), '.audit-cache', 'results');
}

/** A run with `--cache --debug`: the report and what the facts cache did. */
function cachedRun(...extra: string[]): { report: string; cache: CacheLine } {
  const run = runCli(['audit', root(), ...CHECKS, '--cache-location', cacheFile(), '--debug', ...extra]);
  expect(run.status, run.stderr).toBeLessThan(2);
  const line = /facts cache .*: (\d+) files, (\d+) extracted, (\d+) from the cache, (\d+) typed questions asked(?: \(cache set aside: (.*)\))?\n/.exec(run.stderr);
  expect(line, run.stderr).not.toBeNull();
  const [, files, extracted, cached, asked, setAside] = line ?? [];
  return { report: run.stdout, cache: { files: Number(files), extracted: Number(extracted), cached: Number(cached), asked: Number(asked), ...(setAside === undefined ? {} : { setAside }) } };
}

function uncachedReport(...extra: string[]): string {
  const run = runCli(['audit', root(), ...CHECKS, ...extra]);
  expect(run.status, run.stderr).toBeLessThan(2);
  expect(run.stderr).toBe('');
  return run.stdout;
}

function findings(report: string): string[] {
  return (JSON.parse(report) as { findings: { ruleId: string; file: string; line: number }[] }).findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`);
}

function write(file: string, text: string): void {
  writeFileSync(path.join(root(), file), text);
}

// Each test runs the CLI three to six times; on a loaded machine that takes longer than the default minute.
describe('audit --cache: the project facts', { timeout: 240_000 }, () => {
  it('a first run extracts every file; a second, with nothing changed, asks the type checker nothing', () => {
    const first = cachedRun();
    expect(first.cache).toEqual({ files: 4, extracted: 4, cached: 0, asked: first.cache.asked, setAside: 'no cache yet' });
    expect(first.cache.asked).toBeGreaterThan(0);
    expect(findings(first.report)).toEqual(['audit/no-query-in-loop src/billing/statements.service.ts:10']);
    expect(first.report).toBe(uncachedReport());
    expect(existsSync(`${cacheFile()}.facts.json`)).toBe(true);

    const second = cachedRun();
    expect(second.cache).toEqual({ files: 4, extracted: 0, cached: 4, asked: 0 });
    expect(second.report).toBe(first.report);
  });

  it('an edited file that nothing imports: that file alone is extracted again', () => {
    write('src/billing/statements.service.ts', `// Balances shown on the monthly statement.\n${STATEMENTS}`);
    const run = cachedRun();
    expect(run.cache).toMatchObject({ files: 4, extracted: 1, cached: 3 });
    expect(findings(run.report)).toEqual(['audit/no-query-in-loop src/billing/statements.service.ts:11']);
    expect(run.report).toBe(uncachedReport());
  });

  it('an edited file that another file imports: the importers are extracted again, not served stale', () => {
    // statements.service.ts is unchanged, but its call `this.ledger.forCustomer` no longer runs the
    // repository's method: the type it is declared with changed in billing-ledger.ts.
    write('src/billing/billing-ledger.ts', LEDGER_AS_SHAPE);
    const run = cachedRun();
    expect(run.cache).toMatchObject({ files: 4, extracted: 2, cached: 2 });
    expect(findings(run.report)).toEqual([]);
    expect(run.report).toBe(uncachedReport());

    write('src/billing/billing-ledger.ts', LEDGER_AS_REPOSITORY);
    const back = cachedRun();
    expect(back.cache).toMatchObject({ files: 4, extracted: 2, cached: 2 });
    expect(findings(back.report)).toEqual(['audit/no-query-in-loop src/billing/statements.service.ts:11']);
    expect(back.report).toBe(uncachedReport());
  });

  it('other settings set the whole cache aside', () => {
    const settings = path.join(root(), 'backend-patterns.json');
    writeFileSync(settings, JSON.stringify({ layers: { repository: { files: ['src/**/*.repository.ts'] } } }));
    const run = cachedRun('--config', settings);
    expect(run.cache).toMatchObject({ files: 4, extracted: 4, cached: 0 });
    expect(run.cache.setAside).toMatch(/^settings, compiler options, project files/);
    expect(run.report).toBe(uncachedReport('--config', settings));
    expect(cachedRun('--config', settings).cache).toMatchObject({ extracted: 0, cached: 4, asked: 0 });
  });

  it.each([
    ['corrupt', '{"format":"backend-patterns-facts","vers', 'not a facts cache (unreadable JSON)'],
    ['foreign', JSON.stringify({ version: 1, files: [] }), 'not a facts cache'],
    ['empty', '', 'not a facts cache (unreadable JSON)'],
  ])('a %s cache file is set aside without a crash', (_kind, text, why) => {
    writeFileSync(`${cacheFile()}.facts.json`, text);
    const run = cachedRun();
    expect(run.cache).toMatchObject({ files: 4, extracted: 4, cached: 0, setAside: why });
    expect(run.report).toBe(uncachedReport());
    // and replaced by a good one
    expect(cachedRun().cache).toMatchObject({ extracted: 0, cached: 4, asked: 0 });
  });

  it('a cache written by another version of the tool is set aside', () => {
    const file = `${cacheFile()}.facts.json`;
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...stored, tool: '0.0.1' }));
    expect(cachedRun().cache).toMatchObject({ extracted: 4, cached: 0, setAside: 'written by backend-patterns 0.0.1' });
  });

  it('with the per-file rules: one folder holds ESLint\'s cache and the facts', () => {
    const run = runCli(['audit', root(), '--no-config-lookup', '--format', 'json', '--cache']);
    expect(run.status, run.stderr).toBeLessThan(2);
    const folder = path.join(root(), 'node_modules', '.cache', 'backend-patterns');
    expect(existsSync(path.join(folder, 'eslint-cache'))).toBe(true);
    expect(existsSync(path.join(folder, 'eslint-cache.facts.json'))).toBe(true);
    const again = runCli(['audit', root(), '--no-config-lookup', '--format', 'json', '--cache']);
    expect(again.stdout).toBe(run.stdout);
    expect(runCli(['audit', root(), '--no-config-lookup', '--format', 'json']).stdout).toBe(run.stdout);
  });
});
