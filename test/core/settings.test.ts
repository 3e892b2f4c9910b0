import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { DEFAULT_SETTINGS, parseSettings, resolveSettings } from '../../src/core/settings.js';

describe('parseSettings', () => {
  it('returns the defaults when nothing is set', () => {
    expect(parseSettings(undefined)).toBe(DEFAULT_SETTINGS);
    expect(resolveSettings({})).toBe(DEFAULT_SETTINGS);
  });

  it('merges sections and replaces a layer key', () => {
    const settings = parseSettings({ layers: { controller: { files: ['**/http/**'] } }, pii: { add: ['nino'], ipAddress: false }, cache: { defaultTtlSeconds: 60 } });
    expect(settings.layers.controller.files).toEqual(['**/http/**']);
    expect(settings.layers.controller.classNames).toEqual(DEFAULT_SETTINGS.layers.controller.classNames);
    expect(settings.layers.service).toBe(DEFAULT_SETTINGS.layers.service);
    expect(settings.pii).toEqual({ add: ['nino'], allow: [], ipAddress: false });
    expect(settings.cache.defaultTtlSeconds).toBe(60);
  });

  it('accepts TypeOrValueSpecifier objects where a type is named', () => {
    const settings = parseSettings({
      errors: { baseClass: { from: 'file', name: 'AppError', path: 'src/errors.ts' } },
      redaction: { functions: ['redact', { from: 'package', name: 'mask', package: '@acme/pii' }] },
      loggers: { types: [{ from: 'package', name: ['Logger'], package: 'pino' }] },
    });
    expect(settings.errors.baseClass).toEqual({ from: 'file', name: 'AppError', path: 'src/errors.ts' });
    expect(settings.redaction.functions).toHaveLength(2);
  });

  it('caches per settings object', () => {
    const raw = { 'backend-patterns': { db: { clientNames: ['warehouse'] } } };
    expect(resolveSettings(raw)).toBe(resolveSettings(raw));
  });

  it.each([
    [{ layer: {} }, "Invalid setting 'backend-patterns.layer': unknown key"],
    [{ layers: { controllers: {} } }, "Invalid setting 'backend-patterns.layers.controllers': unknown layer"],
    [{ layers: { service: { files: '**/services/**' } } }, "Invalid setting 'backend-patterns.layers.service.files': expected an array, got '**/services/**'"],
    [{ db: { clientNames: ['pool', 3] } }, "Invalid setting 'backend-patterns.db.clientNames[1]': expected a non-empty string"],
    [{ pii: { ipAddress: 'yes' } }, "Invalid setting 'backend-patterns.pii.ipAddress': expected true or false, got 'yes'"],
    [{ cache: { defaultTtlSeconds: -1 } }, "Invalid setting 'backend-patterns.cache.defaultTtlSeconds': expected a positive number"],
    [{ errors: { baseClass: { from: 'module', name: 'AppError' } } }, "Invalid setting 'backend-patterns.errors.baseClass': 'from' must be 'file', 'lib' or 'package'"],
    [{ errors: { baseClass: { from: 'package', name: 'AppError' } } }, "needs a 'package' name"],
    [{ redaction: { functions: [{ from: 'lib', name: [] }] } }, "Invalid setting 'backend-patterns.redaction.functions[0]': 'name' must be"],
    [{ pii: { add: ['x'.repeat(600)] } }, 'at most 512 characters'],
    ['everything', "Invalid setting 'backend-patterns': expected an object"],
  ])('rejects %j with one clear message', (raw, message) => {
    expect(() => parseSettings(raw)).toThrow(ConfigError);
    expect(() => parseSettings(raw)).toThrow(message);
  });
});
