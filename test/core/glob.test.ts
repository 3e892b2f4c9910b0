import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlob, globProblem, MAX_BRACE_EXPANSIONS } from '../../src/core/classify/glob.js';
import { isPublicRoute } from '../../src/core/classify/auth.js';
import { isCompositionRootFile } from '../../src/core/classify/dependency.js';
import { layerOfFile } from '../../src/core/classify/layer.js';
import { nameParts } from '../../src/core/classify/names.js';
import { ConfigError } from '../../src/core/errors.js';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/core/settings.js';

const DEFAULT_GLOBS = [
  ...Object.values(DEFAULT_SETTINGS.layers).flatMap((layer) => layer.files),
  ...DEFAULT_SETTINGS.composition.files,
];

describe('compileGlob', () => {
  it.each([
    ['**/controllers/**', 'src/controllers/users.ts', true],
    ['**/controllers/**', 'controllers/users.ts', true],
    ['**/controllers/**', 'src/controllers-old/users.ts', false],
    ['**/*.service.{ts,js}', 'src/users/users.service.ts', true],
    ['**/*.service.{ts,js}', 'users.service.js', true],
    ['**/*.service.{ts,js}', 'src/users/users.service.tsx', false],
    ['src/*/handlers/*.ts', 'src/users/handlers/get.ts', true],
    ['src/*/handlers/*.ts', 'src/users/v1/handlers/get.ts', false],
    ['**/v?/**', 'src/api/v2/users.ts', true],
    ['**/[a-c]pi/**', 'src/api/users.ts', true],
    ['**/[!a]pi/**', 'src/api/users.ts', false],
    ['**/.hidden/**', 'src/.hidden/x.ts', true],
    ['*.ts', 'x.ts', true],
    ['*.ts', 'src/x.ts', false],
    ['**/{app,server}.{ts,js}', 'src/server.js', true],
    ['**/api/{v1,v{2,3}}/**', 'api/v3/x.ts', true],
    ['src\\controllers\\**', 'src/controllers/x.ts', true],
  ])('%s on %s → %s', (glob, path, expected) => {
    expect(compileGlob(glob)(path)).toBe(expected);
  });

  it('agrees with picomatch (dot: true) on the default globs and look-alike paths', () => {
    const segment = fc.constantFrom('src', 'controllers', 'services', 'repositories', 'routes', 'users', 'lib', '.git', 'modules', 'app', 'index');
    const file = fc.tuple(fc.constantFrom('users', 'app', 'index', 'main', 'server', 'container', 'x'), fc.constantFrom('', '.controller', '.service', '.repository', '.repo', '.dao', '.routes', '.route', '.module', '.factory', '.spec'), fc.constantFrom('.ts', '.tsx', '.js', '.mjs', '.cts', '.json', ''));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), file, fc.constantFrom(...DEFAULT_GLOBS), (folders, [base, infix, extension], glob) => {
        const path = [...folders, `${base}${infix}${extension}`].join('/');
        expect(compileGlob(glob)(path), `${glob} on ${path}`).toBe(picomatch(glob, { dot: true })(path));
      }),
      { numRuns: 2_000, seed: 8 },
    );
  });

  // Each of these makes a backtracking regex (picomatch) run for seconds to hours; here they
  // finish at once. A hang would show as the test timing out.
  it.each([
    ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(250)],
    ['**/*a*a*/**/*a*b', `${'a'.repeat(250)}/`.repeat(16)],
    ['**/a*/**/a*/**/b', `${'aa/'.repeat(1_300)}y.ts`],
    ['{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}{a,aa}b', 'a'.repeat(250)],
    [`${'**/'.repeat(100)}x.ts`, `${'a/'.repeat(2_000)}y.ts`],
    [`**/${'*?'.repeat(100)}b/**`, `${'a'.repeat(255)}/x.ts`],
  ])('matches %s against an adversarial path without hanging', (glob, path) => {
    expect(compileGlob(glob)(path)).toBe(false);
  });

  it('caps {…} expansion', () => {
    const glob = '{a,b}'.repeat(12);
    expect(globProblem(glob)).toContain(`more than ${String(MAX_BRACE_EXPANSIONS)}`);
    expect(compileGlob(glob)('a'.repeat(12))).toBe(true);
  });
});

describe('glob settings are validated', () => {
  it.each([
    [{ layers: { controller: { files: ['**/+(http|api)/**'] } } }, 'backend-patterns.layers.controller.files[0]', 'extglobs'],
    [{ layers: { service: { files: ['**/services/**', '!**/legacy/**'] } } }, 'backend-patterns.layers.service.files[1]', 'negated globs'],
    [{ layers: { repository: { files: ['**/{repos,daos/**'] } } }, 'backend-patterns.layers.repository.files[0]', "unbalanced '{'"],
    [{ composition: { files: ['**/main.ts}'] } }, 'backend-patterns.composition.files[0]', "unbalanced '}'"],
    [{ composition: { files: ['{a,b}'.repeat(12)] } }, 'backend-patterns.composition.files[0]', 'alternatives expand'],
    [{ composition: { files: ['x'.repeat(513)] } }, 'backend-patterns.composition.files[0]', 'at most 512 characters'],
    [{ auth: { publicRoutes: ['GET /api/+(health|ready)'] } }, 'backend-patterns.auth.publicRoutes[0]', 'extglobs'],
  ])('%j is rejected naming %s', (raw, key, reason) => {
    expect(() => parseSettings(raw)).toThrow(ConfigError);
    expect(() => parseSettings(raw)).toThrow(`Invalid setting '${key}'`);
    expect(() => parseSettings(raw)).toThrow(reason);
  });

  it('adversarial but valid layer globs classify long paths without hanging', () => {
    const settings = parseSettings({ layers: { controller: { files: ['**/*a*a*/**/*a*b', '**/a*/**/a*/**/b'] } } });
    expect(layerOfFile(`${`${'a'.repeat(250)}/`.repeat(16)}x.ts`, settings)).toBeUndefined();
    expect(layerOfFile('src/abab/x/ab/ab', settings)).toBe('controller');
  });

  it('adversarial composition globs and public routes match long paths without hanging', () => {
    const settings = parseSettings({ composition: { files: ['**/*a*a*/**/*a*b'] }, auth: { publicRoutes: ['/**/a*/**/a*/**/b', 'GET /health'] } });
    expect(isCompositionRootFile(`${`${'a'.repeat(250)}/`.repeat(16)}x.ts`, settings)).toBe(false);
    expect(isPublicRoute('GET', `/${'aa/'.repeat(1_300)}y`, settings)).toBe(false);
    expect(isPublicRoute('GET', '/health', settings)).toBe(true);
  });

  it('splits long adversarial names without quadratic backtracking', () => {
    expect(nameParts('A'.repeat(200_000))).toEqual(['a'.repeat(200_000)]);
    expect(nameParts(`${'A'.repeat(100_000)}Server`)).toEqual(['a'.repeat(100_000), 'server']);
  });
});
