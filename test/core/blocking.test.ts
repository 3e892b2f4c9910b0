import { describe, expect, it } from 'vitest';
import { blockingFamilyOf, classifyBlockingCall, isResourceLoaderName, needsRequestEvidence } from '../../src/core/classify/blocking.js';

describe('classifyBlockingCall', () => {
  it.each([
    ['node:fs', 'readFileSync', 'fs'],
    ['fs', 'readdirSync', 'fs'],
    ['fs-extra', 'removeSync', 'fs'],
    ['fs-extra', 'readJsonSync', 'fs'],
    ['zlib', 'gunzipSync', 'zlib'],
    ['node:child_process', 'execFileSync', 'child_process'],
    ['crypto', 'scryptSync', 'crypto'],
    ['bcryptjs', 'compareSync', 'bcrypt'],
    ['@node-rs/argon2', 'verifySync', 'argon2'],
  ])('%s %s blocks (%s)', (source, name, family) => {
    expect(classifyBlockingCall({ source, path: [name], hasCallback: false })?.family).toBe(family);
  });

  it.each([
    ['fs/promises', ['readFile']],
    ['node:fs', ['promises', 'readFile']],
    ['node:fs', ['readFile']],
    ['node:fs', ['existsSync']],
    ['fs', ['statSync']],
    ['fs', ['unlinkSync']],
    ['node:fs', ['mkdirSync']],
    ['fs-extra', ['pathExistsSync']],
    ['crypto', ['createHash']],
    ['bcrypt', ['genSaltSync']],
    ['bcrypt', ['hash']],
    ['./storage', ['readFileSync']],
    ['child_process', ['exec']],
  ])('%s %j does not', (source, path) => {
    expect(classifyBlockingCall({ source, path, hasCallback: false })).toBeUndefined();
  });

  it('reports randomBytes only without a callback and for a large literal size', () => {
    expect(classifyBlockingCall({ source: 'crypto', path: ['randomBytes'], hasCallback: false, firstNumber: 32 })).toBeUndefined();
    expect(classifyBlockingCall({ source: 'crypto', path: ['randomBytes'], hasCallback: false })).toBeUndefined();
    expect(classifyBlockingCall({ source: 'crypto', path: ['randomBytes'], hasCallback: true, firstNumber: 1 << 20 })).toBeUndefined();
    expect(classifyBlockingCall({ source: 'crypto', path: ['randomBytes'], hasCallback: false, firstNumber: 1 << 20 })?.name).toBe('randomBytes');
  });

  it('names the asynchronous alternative', () => {
    expect(classifyBlockingCall({ source: 'fs', path: ['readdirSync'], hasCallback: false })?.alternative).toBe("'readdir' from 'node:fs/promises'");
    expect(classifyBlockingCall({ source: 'bcrypt', path: ['hashSync'], hasCallback: false })?.alternative).toContain("'await bcrypt.hash(…)'");
  });
});

describe('request evidence and start-up names', () => {
  it('asks file system, compression and process calls for evidence of serving; not hashing', () => {
    expect(['fs', 'zlib', 'child_process'].map((source) => needsRequestEvidence(blockingFamilyOf(source) ?? 'fs'))).toEqual([true, true, true]);
    expect(['crypto', 'bcrypt'].map((source) => needsRequestEvidence(blockingFamilyOf(source) ?? 'fs'))).toEqual([false, false]);
  });

  it.each(['loadTemplates', 'addTranslationFile', 'registerSchemas', 'readManifest', 'recompileAllTemplates', 'loadFiles', 'loadEmailTemplate'])('%s loads resources', (name) => {
    expect(isResourceLoaderName(name)).toBe(true);
  });

  it.each(['render', 'loadUser', 'addItem', 'readFile', 'download', 'readUserFile'])('%s does not', (name) => {
    expect(isResourceLoaderName(name)).toBe(false);
  });
});
