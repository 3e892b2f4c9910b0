/**
 * The default scope of the presets and of the audit (SPEC §3 "Default scope"): code whose failures
 * never reach a user's request — tests and their helpers, mocks and fakes, fixtures, database
 * migrations and seeds, one-off scripts, benchmarks, generated declarations. The rules' premises
 * (a request path, a layered application) do not hold there, so findings in them are noise.
 *
 * Flat-config globs, matched against paths relative to the config's base path. Users widen or
 * narrow them by overriding `ignores` on the preset: `{ ...configs.recommended, ignores: [] }`.
 */
export const DEFAULT_SCOPE_IGNORES = [
  // Tests, test helpers, mocks and fakes.
  '**/*.{test,spec,e2e-spec,e2e,int-spec,integration,integ}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/{test,tests,__tests__,e2e,__mocks__,mocks,__fixtures__,fixtures,test-utils,test-helpers,testing,integration-tests,integration-test}/**',
  '**/*.{mock,mocks,fake,stub,fixture,fixtures}.{ts,tsx,mts,cts,js,mjs,cjs}',
  // Test support named by a suffix beside the module it supports: `clock.test-utils.ts`, `crl.test-fixtures.ts`.
  '**/*.{test-utils,test-util,test-helpers,test-helper,test-fixtures,test-fixture,test-data,test-setup,spec-helpers,spec-helper}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  // Test helper modules kept beside the code: `lib/test-utils.ts`, `setupTests.ts`, and `tests.ts` /
  // `testing.ts` in a helpers folder (`utils/tests.ts`); elsewhere those names may be an API about tests.
  '**/{test-utils,test-util,test-helpers,test-helper,testUtils,testUtil,testHelpers,testHelper,test_utils,test_util,test_helpers,test_helper,test-setup,setupTests,setup-tests}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/{utils,util,helpers,helper,lib,support}/{tests,testing}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  // The test runner's own set-up, teardown and configuration: `jest.setup.ts`, `jest.integration.teardown.ts`, `vitest.config.ts`.
  '**/{jest,vitest}.*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  // Database migrations and seeds.
  '**/{migrations,migration,seeds,seeders,seed,seeding}/**',
  // Named kinds of migrations: `backgroundMigrations/`, `data-migrations/`, `code_migrations/`. Only these
  // kinds: a feature named for a migration (`workspace-migration/`, `account-migration/`) serves requests.
  '**/{background,data,code,schema}{-migrations,_migrations,Migrations,-migration,_migration,Migration}/**',
  '**/*.{migration,seed,seeder}.{ts,mts,cts,js,mjs,cjs}',
  // A migration file named by its creation time, wherever it was moved (`1636314330347-UpdateTotals.ts`
  // of TypeORM, `20240101120000_add_index.ts` / `20240101120000-add-index.js` of Knex and Sequelize).
  '**/[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]{,[0-9]}{-,_}*.{ts,mts,cts,js,mjs,cjs}',
  '**/{seed,seeds}.{ts,mts,cts,js,mjs,cjs}',
  // One-off scripts, command-line tools, benchmarks.
  '**/{scripts,script,bench,benchmarks}/**',
  // Declarations only.
  '**/*.d.{ts,mts,cts}',
] as const satisfies readonly string[];
