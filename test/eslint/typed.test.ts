import { parseForESLint } from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageOfFile, typedContext } from '../../src/eslint/typed.js';
import { TYPED_PROJECT } from '../helpers/rule-tester.js';

describe('packageOfFile', () => {
  it.each([
    ['/p/node_modules/typeorm/repository/Repository.d.ts', 'typeorm'],
    ['/p/node_modules/@mikro-orm/core/EntityManager.d.ts', '@mikro-orm/core'],
    ['/p/node_modules/@types/pg/index.d.ts', 'pg'],
    ['/p/node_modules/@types/babel__core/index.d.ts', '@babel/core'],
    ['/p/node_modules/typescript/lib/lib.es5.d.ts', 'lib'],
    ['/p/node_modules/.pnpm/knex@3.1.0/node_modules/knex/types/index.d.ts', 'knex'],
    ['C:\\p\\node_modules\\pino\\pino.d.ts', 'pino'],
    ['/p/src/users/user.repository.ts', undefined],
  ])('%s → %s', (file, expected) => {
    expect(packageOfFile(file)).toBe(expected);
  });
});

describe('typedContext().declaredIn', () => {
  it('resolves a callee to the package and class that declare it', () => {
    const code = `
import type { Repository } from 'typeorm';
declare const people: Repository<{ id: number }>;
declare const names: string[];
export async function run() {
  await people.findOneBy({ id: 1 });
  names.find((n) => n === 'x');
}`;
    const filePath = path.join(TYPED_PROJECT, 'file.ts');
    const { ast, services } = parseForESLint(code, { filePath, projectService: true, tsconfigRootDir: TYPED_PROJECT });
    const typed = typedContext({ sourceCode: { parserServices: services } } as never);
    const properties: TSESTree.Identifier[] = [];
    const visit = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      const typedNode = node as TSESTree.Node;
      if (typedNode.type === AST_NODE_TYPES.MemberExpression && typedNode.property.type === AST_NODE_TYPES.Identifier) properties.push(typedNode.property);
      for (const [key, value] of Object.entries(node)) if (key !== 'parent') (Array.isArray(value) ? value : [value]).forEach(visit);
    };
    visit(ast);
    const byName = new Map(properties.map((property) => [property.name, typed?.declaredIn(property)]));
    expect(byName.get('findOneBy')).toMatchObject({ package: 'typeorm', typeName: 'Repository' });
    expect(byName.get('find')).toMatchObject({ package: 'lib', typeName: 'Array' });
  });
});
