import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/audit/load-project.js';
import { removeTempProjects, writeTempProject } from '../helpers/temp-project.js';

afterAll(removeTempProjects);

const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src'] });

describe('loadProject', () => {
  it('analyses the text it read, even when the file changes on disk before it is parsed', () => {
    const root = writeTempProject('backend-patterns-load-', {
      'tsconfig.json': TSCONFIG,
      'src/orders.ts': 'export const read = 1;\n',
      'src/users.ts': 'export const kept = 2;\n',
    });
    const loaded = loadProject(root, undefined, () => {
      writeFileSync(path.join(root, 'src', 'orders.ts'), 'export const written = 3;\n');
    });
    expect(loaded.files.map((file) => [path.basename(file.getFilePath()), file.getFullText()])).toEqual([
      ['orders.ts', 'export const read = 1;\n'],
      ['users.ts', 'export const kept = 2;\n'],
    ]);
    expect(loaded.problems).toEqual([]);
  });

  it('parses a file that starts with a byte order mark without the mark, and lists a syntax error at its position', () => {
    const root = writeTempProject('backend-patterns-load-', {
      'tsconfig.json': TSCONFIG,
      'src/bom.ts': '\uFEFFexport const marked = 1;\n',
      'src/broken.ts': 'export const fine = 1;\nexport function (\n',
    });
    const loaded = loadProject(root);
    expect(loaded.files.map((file) => file.getFullText())).toEqual(['export const marked = 1;\n']);
    expect(loaded.problems).toEqual([expect.objectContaining({ ruleId: 'parse-error', file: 'src/broken.ts', line: 2 })]);
  });
});
