import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { RULES, isInConfig, type RuleInfo } from '../src/core/rule-registry.js';
import plugin from '../src/index.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const registry = RULES as Readonly<Record<string, RuleInfo>>;
const ids = Object.keys(plugin.rules);

function sources(directory: string): string[] {
  return readdirSync(path.join(ROOT, directory), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1] ?? '');
}

describe('every rule', () => {
  it('is in the registry, and every registry entry is a rule', () => {
    expect(ids.sort()).toEqual(Object.keys(registry).sort());
  });

  it.each(ids)('%s has a file named after it, a doc page, a test and a fixture pair', (id) => {
    expect(existsSync(path.join(ROOT, 'rules', `${id}.ts`))).toBe(true);
    expect(existsSync(path.join(ROOT, 'docs', 'rules', `${id}.md`))).toBe(true);
    expect(existsSync(path.join(ROOT, 'test', 'rules', `${id}.test.ts`))).toBe(true);
    const fixtures = readdirSync(path.join(ROOT, 'fixtures', id));
    expect(fixtures.some((file) => file.includes('.wrong.'))).toBe(true);
    expect(fixtures.some((file) => file.includes('.fixed.'))).toBe(true);
  });

  it.each(ids)('%s: meta matches the registry (description, docs URL, config membership)', (id) => {
    const rule = plugin.rules[id];
    const info = registry[id];
    expect(rule?.meta.docs?.description).toBe(info?.description);
    expect(rule?.meta.docs?.url).toBe(`https://github.com/eslint-plugin-backend-patterns/eslint-plugin-backend-patterns/blob/main/docs/rules/${id}.md`);
    for (const config of ['recommended', 'strict', 'all'] as const) {
      const enabled = plugin.configs[config].rules?.[`backend-patterns/${id}`] !== undefined;
      expect(enabled, `${id} in ${config}`).toBe(info !== undefined && isInConfig(info, config));
    }
  });

  it.each(ids)('%s: messages are sentences that say what to do', (id) => {
    const messages = Object.values(plugin.rules[id]?.meta.messages ?? {});
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(/^[A-Z'].*\S$/);
  });
});

describe('configs', () => {
  it('register the plugin itself, so [plugin.configs.recommended] is a complete setup', () => {
    for (const config of Object.values(plugin.configs)) expect(config.plugins?.['backend-patterns']).toBe(plugin);
  });
  it.each(['recommended', 'strict', 'all'] as const)('%s leaves tests, mocks, fixtures, migrations, seeds and scripts out of its default scope', async (name) => {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs[name] as Linter.Config],
    });
    const outOfScope = [
      'src/users/users.service.spec.ts', 'test/helpers/db.ts', 'src/__mocks__/prisma.ts', 'src/users/users.repository.mock.ts',
      'src/db/migrations/1700000000000-Init.ts', 'prisma/seed.ts', 'src/database/seeders/user.seeder.ts', 'scripts/backfill.ts',
      'src/types/global.d.ts', 'test/e2e/app.e2e-spec.ts', 'src/testing/factories.ts', 'fixtures/api/orders.ts',
      'src/backgroundMigrations/backfillBillingAnchors.ts', 'src/data-migrations/0003-split-names.ts', 'src/code_migrations/rename-plugin.ts',
      'lib/utils/tests.ts', 'src/lib/test-utils.ts', 'src/setupTests.ts', 'src/core/test-util.ts', 'src/testHelper.ts',
      'src/modules/clock/clock.test-utils.ts', 'src/attestation/crl.test-fixtures.ts', 'src/orders/orders.spec-helpers.ts',
      'src/routes/pages/rename.integ.ts', 'backend/jest.integration.teardown.ts', 'jest.setup.ts', 'vitest.config.ts',
      'migration-old-backup/1636314330347-UpdateTotalDonations.ts', 'src/db/archive/20240101120000_add_index.ts', 'db/20231130093000-add-users.ts',
    ];
    const ruleOf = async (file: string): Promise<unknown> => ((await eslint.calculateConfigForFile(file)) as Linter.Config).rules?.['backend-patterns/no-query-in-loop'];
    for (const file of outOfScope) expect(await ruleOf(file), file).toBeUndefined();
    const inScope = ['src/users/users.service.ts', 'src/app.ts', 'src/db/client.ts', 'src/orders/commands/create-order.handler.ts', 'src/seed-data/countries.service.ts', 'src/migrations-api/migration-status.controller.ts',
      'src/engine/metadata-modules/workspace-migration/workspace-migration.service.ts', 'src/modules/account-migration/account-migration.controller.ts',
      'src/quizzes/tests.controller.ts', 'src/lib/testimonials.ts', 'src/ab-tests/test-results.service.ts', 'src/reports/2024-summary.ts', 'src/pdf/1099-form.service.ts', 'src/ab-tests.service.ts', 'src/routes/tests.ts', 'src/api/testing.ts', 'src/integrations/slack.ts', 'src/jest-results.service.ts'];
    for (const file of inScope) expect(await ruleOf(file), file).toBeDefined();
  });
  it('give no-untyped-throw its preset options in recommended and strict, and its defaults in all', () => {
    expect(plugin.configs.recommended.rules?.['backend-patterns/no-untyped-throw']).toEqual(['error', { bareErrors: 'request-handlers' }]);
    expect(plugin.configs.strict.rules?.['backend-patterns/no-untyped-throw']).toEqual(['error', { bareErrors: 'request-handlers' }]);
    expect(plugin.configs.all.rules?.['backend-patterns/no-untyped-throw']).toBe('error');
    expect(plugin.configs.recommended.rules?.['backend-patterns/no-query-in-loop']).toBe('error');
  });
  it('meta carries the package name and version', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(plugin.meta).toMatchObject({ name: pkg.name, version: pkg.version });
  });
});

describe('layering', () => {
  it('core/ imports no engine (eslint, @typescript-eslint/*, typescript, ts-morph)', () => {
    for (const file of sources('src/core')) {
      for (const source of importsOf(file)) {
        expect(source, `${path.relative(ROOT, file)} imports ${source}`).not.toMatch(/^(?:eslint|@typescript-eslint\/|typescript$|typescript-eslint|ts-morph)/);
      }
    }
  });
  it('rules/ and src/eslint/ never import the audit, and the audit never imports them', () => {
    for (const file of [...sources('rules'), ...sources('src/eslint')]) {
      for (const source of importsOf(file)) expect(source, path.relative(ROOT, file)).not.toMatch(/\/audit\//);
    }
    if (existsSync(path.join(ROOT, 'src', 'audit'))) {
      for (const file of sources('src/audit')) {
        for (const source of importsOf(file)) expect(source, path.relative(ROOT, file)).not.toMatch(/\/eslint\/(?!configs)|\.\.\/\.\.\/rules\//);
      }
    }
  });
});
