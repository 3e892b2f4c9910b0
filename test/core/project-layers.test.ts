import { describe, expect, it } from 'vitest';
import { isLayerModulePath, projectHasLayerModules } from '../../src/core/project-layers.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';

describe('isLayerModulePath', () => {
  it.each([
    ['src/services/mail.ts', true],
    ['src/users/users.service.ts', true],
    ['src/repositories/user.ts', true],
    ['src/db/orders.dao.ts', true],
    ['src/usecases/create-order/handler.ts', true],
    ['src/orders/place-order.usecase.ts', true],
    ['src/lib/userService.ts', true],
    ['src/data/OrderRepository.ts', true],
    ['src/data/user-dao.ts', true],
    ['src/services.ts', true],
    // Named for what a function does, or a route group called "service".
    ['src/utils/getService.ts', false],
    ['src/utils/createRepository.ts', false],
    ['src/routes/admin/service/Stats.ts', false],
    ['src/routes/users.ts', false],
    ['src/databases/Postgres.ts', false],
    ['src/models/user.model.ts', false],
  ])('%s → %s', (file, expected) => {
    expect(isLayerModulePath(file, DEFAULT_SETTINGS)).toBe(expected);
  });

  it('follows the layer globs of the settings', () => {
    const settings = parseSettings({ layers: { service: { files: ['**/domain/**'] } } });
    expect(isLayerModulePath('src/domain/orders.ts', settings)).toBe(true);
    expect(isLayerModulePath('src/domain/orders.ts', DEFAULT_SETTINGS)).toBe(false);
  });
});

describe('projectHasLayerModules', () => {
  it('needs one source module of a layer, not a test, declaration or other file', () => {
    expect(projectHasLayerModules(['src/routes/users.ts', 'src/databases/Postgres.ts'], DEFAULT_SETTINGS)).toBe(false);
    expect(projectHasLayerModules(['src/routes/users.ts', 'src/services/users.ts'], DEFAULT_SETTINGS)).toBe(true);
    expect(projectHasLayerModules(['src/users.service.spec.ts', 'types/user.service.d.ts', 'docs/services/README.md'], DEFAULT_SETTINGS)).toBe(false);
    expect(projectHasLayerModules(['node_modules/lib/services/index.js', 'dist/services/users.js', 'test/services/users.ts'], DEFAULT_SETTINGS)).toBe(false);
  });
});
