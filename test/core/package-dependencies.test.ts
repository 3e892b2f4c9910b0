import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { declaredVersionOf } from '../../src/core/package-dependencies.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'declared-version-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(relative: string, content: object | string): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return path.dirname(file);
}

describe('declaredVersionOf', () => {
  // An outer project (a folder of checkouts inside another repository) that declares the package.
  write('outer/package.json', { devDependencies: { jsonwebtoken: '^9.0.3' } });
  write('outer/.git/HEAD', 'ref: refs/heads/main\n');
  // A single-package repository that does not declare it.
  const single = write('outer/checkouts/api/package.json', { dependencies: { express: '^4.21.0' } });
  write('outer/checkouts/api/.git/HEAD', 'ref: refs/heads/main\n');
  // A workspace whose root declares it for its packages, with a nested package declaring its own.
  write('outer/checkouts/mono/package.json', { workspaces: ['packages/*'], dependencies: { jsonwebtoken: '^8.5.1' } });
  const member = write('outer/checkouts/mono/packages/auth/package.json', { dependencies: { express: '^4.21.0' } });
  const own = write('outer/checkouts/mono/packages/billing/package.json', { dependencies: { jsonwebtoken: '9.0.2' } });
  // A package below a root manifest that is no workspace root (an Nx or plain repository), and a source folder's type stub.
  write('outer/checkouts/nx/package.json', { dependencies: { jsonwebtoken: '^8.5.1' } });
  write('outer/checkouts/nx/.git/HEAD', 'ref: refs/heads/main\n');
  const app = write('outer/checkouts/nx/apps/api/package.json', { dependencies: { express: '^4.21.0' } });
  const stub = write('outer/checkouts/nx/apps/api/src/esm/package.json', { type: 'module' });

  it('reads the nearest manifest first', () => {
    expect(declaredVersionOf(path.join(own, 'src'), 'jsonwebtoken')).toBe('9.0.2');
  });
  it('reads up to the workspace root for a workspace package', () => {
    expect(declaredVersionOf(path.join(member, 'src', 'lib'), 'jsonwebtoken')).toBe('^8.5.1');
  });
  it('walks up through manifests that do not list it, to the repository top', () => {
    expect(declaredVersionOf(path.join(app, 'src'), 'jsonwebtoken')).toBe('^8.5.1');
    expect(declaredVersionOf(stub, 'jsonwebtoken')).toBe('^8.5.1');
  });
  it('stops at the repository top and never reads a manifest outside the project', () => {
    expect(declaredVersionOf(path.join(single, 'src'), 'jsonwebtoken')).toBeUndefined();
  });
});
