import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce } from '../helpers/build.js';

/**
 * A separate project, outside this repository, that installs the plugin by package name (linked
 * into its node_modules, as `npm link` would) and uses `[plugin.configs.recommended]` with the
 * typescript-eslint parser. Runs the ESLint CLI as a child process on the built package.
 */
const REPO = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let project = '';

beforeAll(() => {
  buildOnce();
  project = mkdtempSync(path.join(tmpdir(), 'backend-patterns-consumer-'));
  mkdirSync(path.join(project, 'node_modules'));
  mkdirSync(path.join(project, 'src'));
  symlinkSync(REPO, path.join(project, 'node_modules', 'eslint-plugin-backend-patterns'), 'dir');
  for (const dependency of ['eslint', 'typescript-eslint', 'typescript']) {
    symlinkSync(path.join(REPO, 'node_modules', dependency), path.join(project, 'node_modules', dependency), 'dir');
  }
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(
    path.join(project, 'eslint.config.js'),
    `import backendPatterns from 'eslint-plugin-backend-patterns';
import tseslint from 'typescript-eslint';

export default [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  backendPatterns.configs.recommended,
];
`,
  );
  writeFileSync(
    path.join(project, 'src', 'users.service.ts'),
    `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function loadUsers(ids: string[]) {
  const users = [];
  for (const id of ids) {
    users.push(await prisma.user.findUnique({ where: { id } }));
  }
  return users;
}
`,
  );
}, 120_000);

afterAll(() => {
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

describe('a separate project using configs.recommended', () => {
  it('reports no-query-in-loop on a for…of loop awaiting prisma.user.findUnique', () => {
    let output = '';
    try {
      execFileSync(process.execPath, [path.join(project, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', 'src'], { cwd: project, encoding: 'utf8' });
    } catch (error) {
      output = (error as { stdout: string }).stdout;
    }
    const [result] = JSON.parse(output) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    expect(result?.messages.map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'backend-patterns/no-query-in-loop', line: 8, column: 22 },
    ]);
    expect(result?.messages[0]?.message).toContain("Query 'prisma.user.findUnique' runs once per iteration of this for…of loop (N+1).");
  });
});
