import { describe, expect, it } from 'vitest';
import { LAYER_PRESET_NAMES, LAYER_PRESETS } from '../../src/core/catalogs/layer-presets.js';
import { globProblem } from '../../src/core/classify/glob.js';
import { layerOfClass, layerOfFile } from '../../src/core/classify/layer.js';
import { ConfigError } from '../../src/core/errors.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';
import { detectPresets, registersGlobalAuthGuard } from '../../src/init/detect.js';

const withPresets = (...presets: string[]) => parseSettings({ layers: { presets } });

describe('layer presets in settings', () => {
  it('adds a preset to the default layers and keeps the defaults', () => {
    const settings = withPresets('hexagonal');
    expect(settings.layers.service.files).toEqual(expect.arrayContaining([...DEFAULT_SETTINGS.layers.service.files, '**/domain/**', '**/application/**', '**/ports/**']));
    expect(settings.layers.service.files.slice(0, DEFAULT_SETTINGS.layers.service.files.length)).toEqual(DEFAULT_SETTINGS.layers.service.files);
    expect(settings.layers.repository.files).toContain('**/adapters/persistence/**');
    expect(settings.layers.controller.files).toContain('**/adapters/http/**');
  });

  it('combines presets, without repeating an entry two presets share', () => {
    const settings = withPresets('hexagonal', 'ddd');
    expect(settings.layers.service.files.filter((glob) => glob === '**/domain/**')).toHaveLength(1);
    expect(settings.layers.controller.files).toContain('**/interfaces/**');
    expect(settings.layers.repository.files).toContain('**/infrastructure/persistence/**');
  });

  it("adds presets to the user's own arrays, which replace the defaults", () => {
    const settings = parseSettings({ layers: { presets: ['stores'], repository: { files: ['**/db/**'] } } });
    expect(settings.layers.repository.files).toEqual(['**/db/**', '**/*-store.{ts,tsx,js,mjs,cjs,mts,cts}', '**/*.store.{ts,tsx,js,mjs,cjs,mts,cts}', '**/stores/**']);
    expect(settings.layers.repository.classNames).toEqual([...DEFAULT_SETTINGS.layers.repository.classNames, '*Store']);
  });

  it('rejects an unknown preset, a preset that is not a string and presets that are not an array', () => {
    expect(() => withPresets('onion')).toThrow(new ConfigError("unknown layer preset 'onion' (expected one of: mvc, layered, nestjs, hexagonal, clean, ddd, cqrs, file-routers, stores)", 'backend-patterns.layers.presets[0]'));
    expect(() => parseSettings({ layers: { presets: [3] } })).toThrow("Invalid setting 'backend-patterns.layers.presets[0]': unknown layer preset number");
    expect(() => parseSettings({ layers: { presets: 'nestjs' } })).toThrow("Invalid setting 'backend-patterns.layers.presets': expected an array of preset names");
  });

  it('ships only globs the settings accept', () => {
    for (const name of LAYER_PRESET_NAMES) {
      for (const layer of Object.values(LAYER_PRESETS[name].layers)) for (const glob of layer.files ?? []) expect(globProblem(glob), `${name}: ${glob}`).toBeUndefined();
    }
  });
});

describe('the layer of a file with presets', () => {
  const cases: [string[], string, string | undefined][] = [
    [['hexagonal'], 'src/domain/pricing.ts', 'service'],
    [['hexagonal'], 'src/adapters/persistence/pg-orders.ts', 'repository'],
    [['hexagonal'], 'src/adapters/http/orders-router.ts', 'controller'],
    [['hexagonal'], 'src/infrastructure/config.ts', undefined],
    [['ddd'], 'src/billing/infrastructure/persistence/invoices.ts', 'repository'],
    [['ddd'], 'src/billing/domain/invoice.ts', 'service'],
    [['ddd'], 'src/billing/interfaces/http/invoices.ts', 'controller'],
    [['clean'], 'src/usecases/create-order/create-order.ts', 'service'],
    [['clean'], 'src/orders/create-order.use-case.ts', 'service'],
    [['cqrs'], 'src/orders/commands/place-order.command-handler.ts', 'service'],
    [['cqrs'], 'src/orders/orders.repository.ts', 'repository'],
    [['file-routers'], 'apps/web/app/api/teams/[id]/route.ts', 'controller'],
    [['file-routers'], 'src/routes/teams/+server.ts', 'controller'],
    [['file-routers'], 'apps/web/app/teams/page.tsx', undefined],
    [['stores'], 'src/account/account-store.ts', 'repository'],
    [['stores'], 'src/account/account.store.ts', 'repository'],
    [['mvc'], 'src/models/user.ts', 'repository'],
    [['layered'], 'src/dal/users.ts', 'repository'],
    [['layered'], 'src/business/users.ts', 'service'],
    [['nestjs'], 'src/chat/chat.gateway.ts', 'controller'],
    [['nestjs'], 'src/mail/mail.processor.ts', 'service'],
    [[], 'src/domain/pricing.ts', undefined],
    [[], 'src/account/account-store.ts', undefined],
  ];
  it.each(cases)('%j: %s is %s', (presets, file, layer) => {
    expect(layerOfFile(file, withPresets(...presets))).toBe(layer);
  });

  it('the file name decides over a preset folder: a repository file under domain/ stays a repository', () => {
    expect(layerOfFile('src/domain/orders.repository.ts', withPresets('hexagonal'))).toBe('repository');
  });

  it('adds class names and decorators: *UseCase, @CommandHandler, *Store', () => {
    expect(layerOfClass({ name: 'CreateOrderUseCase', decorators: [] }, withPresets('clean'))).toBe('service');
    expect(layerOfClass({ name: 'CreateOrderUseCase', decorators: [] }, DEFAULT_SETTINGS)).toBeUndefined();
    expect(layerOfClass({ name: 'PlaceOrder', decorators: ['CommandHandler'] }, withPresets('cqrs'))).toBe('service');
    expect(layerOfClass({ name: 'SessionStore', decorators: [] }, withPresets('stores'))).toBe('repository');
  });
});

describe('detectPresets', () => {
  const none = (): string => '';
  it('picks hexagonal from ports/ or inbound/outbound adapters, not from any adapters/ folder', () => {
    expect(Object.keys(detectPresets(['src/ports/orders.ts', 'src/domain/order.ts'], new Set(), [], none))).toEqual(['hexagonal']);
    expect(Object.keys(detectPresets(['src/adapters/persistence/orders.ts'], new Set(), [], none))).toEqual(['hexagonal']);
    expect(detectPresets(['server/lib/search/adapters/elastic.ts'], new Set(), [], none)).toEqual({});
  });

  it('picks ddd for two bounded contexts and hexagonal for one core', () => {
    const two = ['src/billing/domain/a.ts', 'src/billing/application/b.ts', 'src/catalog/domain/c.ts', 'src/catalog/infrastructure/d.ts'];
    expect(Object.keys(detectPresets(two, new Set(), [], none))).toEqual(['ddd']);
    expect(Object.keys(detectPresets(['src/domain/a.ts', 'src/infrastructure/b.ts'], new Set(), [], none))).toEqual(['hexagonal']);
  });

  it('picks clean from use-case folders or files, not from a page folder named use-case', () => {
    expect(Object.keys(detectPresets(['src/usecases/register/register.ts'], new Set(), [], none))).toEqual(['clean']);
    expect(Object.keys(detectPresets(['src/orders/create-order.use-case.ts'], new Set(), [], none))).toEqual(['clean']);
    expect(detectPresets(['apps/web/src/app/(landing)/use-case/page.tsx'], new Set(), [], none)).toEqual({});
  });

  it('picks cqrs from @nestjs/cqrs or handler files, nestjs from its dependency', () => {
    expect(Object.keys(detectPresets([], new Set(['@nestjs/cqrs']), ['nestjs'], none))).toEqual(['nestjs', 'cqrs']);
    expect(Object.keys(detectPresets(['src/a/x.query-handler.ts'], new Set(), [], none))).toEqual(['cqrs']);
  });

  it('picks file-routers only with a file-router framework and route files', () => {
    expect(Object.keys(detectPresets(['app/api/teams/route.ts'], new Set(['next']), ['next'], none))).toEqual(['file-routers']);
    expect(detectPresets(['src/api/teams/route.ts'], new Set(['express']), ['express'], none)).toEqual({});
  });

  it('picks stores only when a store file imports a data library', () => {
    const read = (file: string): string => (file.includes('session') ? "import mysql from 'mysql2/promise';" : "import { defineStore } from 'pinia';");
    expect(Object.keys(detectPresets(['src/session-store.ts'], new Set(), [], read))).toEqual(['stores']);
    expect(detectPresets(['src/ui/cart.store.ts'], new Set(), [], read)).toEqual({});
  });

  it('picks mvc from controllers/ with models/, layered from dal/ or business/', () => {
    expect(Object.keys(detectPresets(['src/controllers/a.ts', 'src/models/b.ts'], new Set(), [], none))).toEqual(['mvc']);
    expect(detectPresets(['src/controllers/a.ts'], new Set(), [], none)).toEqual({});
    expect(Object.keys(detectPresets(['src/dal/a.ts'], new Set(), [], none))).toEqual(['layered']);
  });
});

describe('registersGlobalAuthGuard', () => {
  it('sees an authentication guard registered for every route', () => {
    expect(registersGlobalAuthGuard('providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }]')).toBe(true);
    expect(registersGlobalAuthGuard('app.useGlobalGuards(new SessionGuard(reflector));')).toBe(true);
  });

  it('ignores a global guard of another kind', () => {
    expect(registersGlobalAuthGuard('providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }]')).toBe(false);
    expect(registersGlobalAuthGuard("import { APP_GUARD } from '@nestjs/core';")).toBe(false);
  });
});
