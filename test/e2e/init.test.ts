import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, REPO } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { copyTempProject, removeTempProjects } from '../helpers/temp-project.js';

/**
 * `backend-patterns init` as a user runs it: on a copy of each fixture project under
 * fixtures/init/<layout>/, it picks the layout's preset, prints the config with --dry-run (writing
 * nothing), writes it otherwise (beside an existing ESLint config, never over it), and with the
 * settings it writes the audit puts the layout's files in the right layers (`--explain`).
 */

const FIXTURES = path.join(REPO, 'fixtures', 'init');
function copyOf(layout: string): string {
  return copyTempProject(`backend-patterns-init-${layout}-`, path.join(FIXTURES, layout));
}

/** `file: layer` of every file the audit's --explain places, with the settings `init --json` gives. */
function layersWithInitSettings(root: string): Record<string, string> {
  const detected = runCli(['init', root, '--json']);
  expect(detected.status).toBe(0);
  const settingsFile = path.join(root, '.init-settings.json');
  writeFileSync(settingsFile, JSON.stringify((JSON.parse(detected.stdout) as { settings: unknown }).settings));
  const run = runCli(['audit', root, '--no-config-lookup', '--no-eslint', '--config', settingsFile, '--explain']);
  expect(run.status, run.stderr).toBe(0);
  const layers: Record<string, string> = {};
  for (const match of run.stdout.matchAll(/^(\S[^:\n]*): (controller|service|repository|data|no layer)\b/gm)) layers[match[1] ?? ''] = match[2] ?? '';
  return layers;
}

beforeAll(buildOnce, 300_000);
afterAll(removeTempProjects);

const LAYOUTS: [layout: string, presets: string[], layers: Record<string, string>][] = [
  ['mvc', ['mvc'], { 'src/controllers/billing.ts': 'controller', 'src/services/billing.ts': 'service', 'src/models/invoice.ts': 'repository' }],
  ['layered', ['layered'], { 'src/presentation/order-routes.ts': 'controller', 'src/business/order-summary.ts': 'service', 'src/dal/order-dal.ts': 'repository' }],
  ['nestjs', ['nestjs'], { 'src/projects/projects.resolver.ts': 'controller', 'src/projects/projects.service.ts': 'service', 'src/projects/projects.repository.ts': 'repository' }],
  ['hexagonal', ['hexagonal'], { 'src/adapters/http/shipment-router.ts': 'controller', 'src/application/quote-shipment.ts': 'service', 'src/domain/shipment.ts': 'service', 'src/adapters/persistence/prisma-shipments.ts': 'repository' }],
  ['clean', ['clean'], { 'src/controllers/member-controller.ts': 'controller', 'src/usecases/register-member/register-member.ts': 'service', 'src/infrastructure/persistence/member-gateway.ts': 'repository' }],
  ['ddd', ['nestjs', 'ddd'], { 'src/catalog/interfaces/http/catalog.controller.ts': 'controller', 'src/billing/domain/invoice.ts': 'service', 'src/catalog/application/price-list.ts': 'service', 'src/billing/infrastructure/persistence/mikro-invoices.ts': 'repository' }],
  ['cqrs', ['nestjs', 'cqrs'], { 'src/orders/orders.controller.ts': 'controller', 'src/orders/commands/place-order.command-handler.ts': 'service', 'src/orders/queries/handlers/recent-orders.handler.ts': 'service', 'src/orders/orders.repository.ts': 'repository' }],
  ['file-routers', ['file-routers'], { 'src/app/api/teams/[teamId]/route.ts': 'controller' }],
  ['stores', ['stores'], { 'src/sessions/sessions.routes.ts': 'controller', 'src/sessions/session-store.ts': 'repository' }],
];

describe.each(LAYOUTS)('init on the %s layout', (layout, presets, layers) => {
  it('detects the preset and prints the config with --dry-run, writing nothing', () => {
    const root = copyOf(layout);
    const run = runCli(['init', root, '--dry-run']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`presets: [${presets.map((name) => `'${name}'`).join(', ')}],`);
    expect(run.stdout).toContain('backendPatterns.configs.recommended,');
    expect(existsSync(path.join(root, 'eslint.config.mjs'))).toBe(false);
    expect(existsSync(path.join(root, 'eslint.backend-patterns.config.mjs'))).toBe(false);
  });

  it("puts the layout's files in their layers with the settings it writes", () => {
    const found = layersWithInitSettings(copyOf(layout));
    expect(Object.fromEntries(Object.keys(layers).map((file) => [file, found[file]]))).toEqual(layers);
  }, 120_000);
});

describe('init writing the config', () => {
  it('writes eslint.config.mjs when the project has no ESLint config', () => {
    const root = copyOf('nestjs');
    const run = runCli(['init', root]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('backend-patterns: wrote eslint.config.mjs');
    const text = readFileSync(path.join(root, 'eslint.config.mjs'), 'utf8');
    expect(text).toContain("import backendPatterns from 'eslint-plugin-backend-patterns';");
    expect(text).toContain("import tseslint from 'typescript-eslint';");
    expect(text).toContain("presets: ['nestjs'],");
    expect(text).toContain('// Frameworks: nestjs');
    expect(text).toContain('// Data libraries: typeorm');
    expect(text).toContain('// Loggers: nestjs-pino');
  });

  it('leaves an existing eslint.config.js as it is, writes the side file and gives the one line to add', () => {
    const root = copyOf('mvc');
    const before = readFileSync(path.join(root, 'eslint.config.js'), 'utf8');
    const run = runCli(['init', root]);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(root, 'eslint.config.js'), 'utf8')).toBe(before);
    expect(readFileSync(path.join(root, 'eslint.backend-patterns.config.mjs'), 'utf8')).toContain("presets: ['mvc'],");
    expect(run.stderr).toContain("eslint.config.js is left as it is; add this line inside the array it exports:\n  ...(await import('./eslint.backend-patterns.config.mjs')).default,\n");
  });

  it('prints the side file and the line to add with --dry-run when a config exists', () => {
    const run = runCli(['init', copyOf('mvc'), '--dry-run']);
    expect(run.stdout.split('\n')[0]).toBe('// eslint.backend-patterns.config.mjs (eslint.config.js exists and is left as it is)');
    expect(run.stdout).toContain("//   ...(await import('./eslint.backend-patterns.config.mjs')).default,");
  });

  it('records a first baseline with --baseline, which the audit then accepts', () => {
    const root = copyOf('layered');
    const run = runCli(['init', root, '--baseline']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/baseline \S*backend-patterns-baseline\.json records \d+ findings/);
    const baseline = JSON.parse(readFileSync(path.join(root, 'backend-patterns-baseline.json'), 'utf8')) as { version: number; fingerprints: string[] };
    expect(baseline.version).toBe(1);
    expect(Array.isArray(baseline.fingerprints)).toBe(true);
  }, 120_000);
});

describe('init on bad input', () => {
  it('a folder without package.json: one line, exit 2', () => {
    const root = copyOf('stores');
    rmSync(path.join(root, 'package.json'));
    const run = runCli(['init', root]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`backend-patterns: No package.json in ${root}: run init at the root of a Node.js project\n`);
  });

  it('a folder that does not exist: one line, exit 2', () => {
    const missing = path.join(tmpdir(), 'backend-patterns-init-missing', 'nowhere');
    const run = runCli(['init', missing]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`backend-patterns: Cannot read ${missing}: no such folder\n`);
  });

  it('an unreadable package.json: one line, exit 2', () => {
    const root = copyOf('stores');
    writeFileSync(path.join(root, 'package.json'), '{ "name": ');
    const run = runCli(['init', root, '--dry-run']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`backend-patterns: Cannot read ${path.join(root, 'package.json')}: not valid JSON\n`);
  });
});
