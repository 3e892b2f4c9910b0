import { describe, expect, it } from 'vitest';
import { isLongLivedScript, isScriptFolder, scriptTargets } from '../../src/core/package-scripts.js';

describe('scriptTargets', () => {
  it.each([
    ['cross-env NODE_ENV=local ts-node --transpileOnly ./admin/remove-user.ts', ['admin/remove-user.ts']],
    ['tsx src/seed.ts && node scripts/report.mjs', ['src/seed.ts', 'scripts/report.mjs']],
    ['node -r ts-node/register tools/sync.ts', ['tools/sync.ts']],
    ['babel-node --extensions .js,.ts scripts/sanitize.ts', ['scripts/sanitize.ts']],
    ['deno run -A --env-file src/migrate.mts', ['src/migrate.mts']],
    ['nest start --watch', []],
    ['eslint src/index.ts', []],
    ['node --inspect', []],
  ])('%s runs %j', (command, expected) => {
    expect(scriptTargets(command)).toEqual(expected);
  });
});

describe('isLongLivedScript', () => {
  it.each([
    ['start', 'node dist/main.js', true],
    ['start:prod', 'node dist/main.js', true],
    ['dev', 'tsx src/serve.ts', true],
    ['worker', 'tsx src/worker.ts', true],
    ['queue:consume', 'node src/consume.js', true],
    ['api', 'nodemon src/index.ts', true],
    ['api:start', 'node app/index.js', true],
    ['web:serve-local', 'node web/main.js', true],
    ['admin:remove-user', 'ts-node ./admin/remove-user.ts', false],
    ['seed', 'tsx src/seed.ts', false],
    ['db:sanitize', 'babel-node scripts/sanitize.ts', false],
  ])('%s (%s) runs the long-lived program: %s', (name, command, expected) => {
    expect(isLongLivedScript(name, command)).toBe(expected);
  });
});

describe('isScriptFolder', () => {
  const imports = new Map([
    ['remove-user.ts', ['connect.ts', 'backup.ts']],
    ['remove-org.ts', ['connect.ts']],
    ['connect.ts', []],
    ['backup.ts', []],
  ]);
  it('takes a folder whose modules are scripts and the helpers they import', () => {
    expect(isScriptFolder({ modules: ['remove-user.ts', 'remove-org.ts', 'connect.ts', 'backup.ts'], scripts: ['remove-user.ts', 'remove-org.ts'], startScripts: [], imports })).toBe(true);
  });
  it('rejects a folder with a module no script reaches, one that holds the start script, and one no script runs', () => {
    expect(isScriptFolder({ modules: ['remove-user.ts', 'connect.ts', 'backup.ts', 'orders.ts'], scripts: ['remove-user.ts'], startScripts: [], imports })).toBe(false);
    expect(isScriptFolder({ modules: ['remove-user.ts', 'connect.ts', 'backup.ts'], scripts: ['remove-user.ts'], startScripts: ['connect.ts'], imports })).toBe(false);
    expect(isScriptFolder({ modules: ['connect.ts', 'backup.ts'], scripts: [], startScripts: [], imports })).toBe(false);
  });
});
