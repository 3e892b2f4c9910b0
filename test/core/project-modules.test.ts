import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { projectModuleSpecifier as resolveSpecifier } from '../../src/core/project-modules.js';

const parse = (file: string, text: string): unknown => ts.parseConfigFileTextToJson(file, text).config as unknown;
const projectModuleSpecifier = (specifier: string, file: string): string | undefined => resolveSpecifier(specifier, file, parse);
import { removeTempProjects, writeTempProject } from '../helpers/temp-project.js';

afterAll(removeTempProjects);

describe('projectModuleSpecifier', () => {
  it('reads a tsconfig paths alias as the relative import it stands for', () => {
    const root = writeTempProject('bp-alias-', {
      'apps/server/tsconfig.json': `{
  // comments are allowed, as TypeScript reads the file
  "compilerOptions": { "paths": { "@acme/db/*": ["./src/database/*"], "@acme/config": ["./src/config/index.ts"] } },
}`,
      'apps/server/src/core/page/page.controller.ts': '',
      'apps/server/src/database/repos/page.repo.ts': '',
      'apps/server/src/config/index.ts': '',
    });
    const file = path.join(root, 'apps/server/src/core/page/page.controller.ts');
    expect(projectModuleSpecifier('@acme/db/repos/page.repo', file)).toBe('../../database/repos/page.repo');
    expect(projectModuleSpecifier('@acme/config', file)).toBe('../../config/index.ts');
    // A package of the registry, and relative imports, are left as they are.
    expect(projectModuleSpecifier('@nestjs/common', file)).toBeUndefined();
    expect(projectModuleSpecifier('./page.service', file)).toBeUndefined();
  });

  it('follows extends for paths and resolves them from baseUrl', () => {
    const root = writeTempProject('bp-extends-', {
      'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["libs/shared/src/*"] } } }',
      'apps/api/tsconfig.json': '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "outDir": "dist" } }',
      'apps/api/src/users.service.ts': '',
      'libs/shared/src/users/user.repository.ts': '',
    });
    expect(projectModuleSpecifier('@shared/users/user.repository', path.join(root, 'apps/api/src/users.service.ts'))).toBe('../../../libs/shared/src/users/user.repository');
  });

  it('takes only targets that are files of the project, as TypeScript tries them in order', () => {
    const root = writeTempProject('bp-catchall-', {
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "*": ["node_modules/*", "src/types/*"], "@acme/*": ["libs/*"] } } }',
      'node_modules/typeorm/index.js': '',
      'modules/users/user.repository.ts': '',
      'src/orders.controller.ts': '',
    });
    const file = path.join(root, 'src/orders.controller.ts');
    // A catch-all alias into node_modules does not make a registry package the project's code.
    expect(projectModuleSpecifier('typeorm', file)).toBeUndefined();
    expect(projectModuleSpecifier('pg', file)).toBeUndefined();
    // A scope alias whose folder does not hold the package: a package from the registry.
    expect(projectModuleSpecifier('@acme/feature-flags-sdk', file)).toBeUndefined();
    // A bare import resolved under baseUrl.
    expect(projectModuleSpecifier('modules/users/user.repository', file)).toBe('../modules/users/user.repository');
  });

  it('finds the packages of an npm or pnpm workspace by name', () => {
    const root = writeTempProject('bp-workspace-', {
      'package.json': '{ "name": "root", "private": true }',
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - 'libs/*'\n",
      'libs/dal/package.json': '{ "name": "@acme/dal" }',
      'apps/api/package.json': '{ "name": "@acme/api" }',
      'apps/api/src/bridge.controller.ts': '',
    });
    const file = path.join(root, 'apps/api/src/bridge.controller.ts');
    // The package folder's name (\`libs/dal\`) is the package's, not evidence of what it holds: only the path inside it is kept.
    expect(projectModuleSpecifier('@acme/dal', file)).toBe('#');
    expect(projectModuleSpecifier('@acme/dal/src/repositories', file)).toBe('#/src/repositories');
    expect(projectModuleSpecifier('@acme/unknown', file)).toBeUndefined();
  });

  it('reads the package list of a Lerna monorepo', () => {
    const root = writeTempProject('bp-lerna-', {
      'package.json': '{ "name": "root", "private": true }',
      'lerna.json': '{ "packages": ["modules/*"] }',
      'modules/store/package.json': '{ "name": "@acme/store" }',
      'modules/api/src/app.ts': '',
    });
    expect(projectModuleSpecifier('@acme/store', path.join(root, 'modules/api/src/app.ts'))).toBe('#');
  });

  it('knows nothing of a file with no path on disk', () => {
    expect(projectModuleSpecifier('@acme/dal', 'file.ts')).toBeUndefined();
  });
});
