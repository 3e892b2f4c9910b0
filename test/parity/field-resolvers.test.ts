import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter, type ESLint } from 'eslint';
import { Project, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { isFunctionNode } from '../../src/audit/facts.js';
import { CallGraph } from '../../src/audit/graph.js';
import { fieldResolverFacts as auditFacts } from '../../src/audit/layers.js';
import { loadsParentRelation } from '../../src/core/classify/layer.js';
import { resolveSettings } from '../../src/core/settings.js';
import { enclosingFunction } from '../../src/eslint/facts.js';
import { fieldResolverFacts as eslintFacts } from '../../src/eslint/layers.js';

/**
 * GraphQL field resolvers that load a relation of their parent (core's `loadsParentRelation`): for
 * every call of a snippet, both adapters build the same `FieldResolverFacts` of the method around it,
 * and core judges both alike. `[label, code, callee the verdict is read at, loads the parent's relation]`.
 */
const HEAD = `import { Parent, ResolveField, Resolver, Args } from '@nestjs/graphql';
@Resolver('Shipment')
export class ShipmentFieldsResolver {
  constructor(private orders: OrderLoader) {}
`;

const SNIPPETS: readonly [string, string, string, boolean][] = [
  ['returns one load keyed by the parent', `${HEAD}  @ResolveField()\n  order(@Parent() shipment: { orderId: string }) {\n    return this.orders.load(shipment.orderId);\n  }\n}`, 'load', true],
  ['awaits the load in the return', `${HEAD}  @ResolveField()\n  async order(@Parent() shipment: { orderId: string }) {\n    return await this.orders.load(shipment.orderId);\n  }\n}`, 'load', true],
  ['a guard returns the relation the parent came with, then the load', `${HEAD}  @ResolveField()\n  async order(@Parent() shipment: { orderId: string; order?: Order }) {\n    if (shipment.order) return shipment.order;\n    return this.orders.load(shipment.orderId);\n  }\n}`, 'load', true],
  ['the load is bound, destructured and returned', `${HEAD}  @ResolveField()\n  async order(@Parent() shipment: { id: string }) {\n    const { order } = await this.orders.loadWithOrder(shipment.id);\n    return order;\n  }\n}`, 'loadWithOrder', true],
  ['an access guard that throws, then the load', `${HEAD}  @ResolveField()\n  async orders(@Parent() user: { id: string }, @Args('me') me: { id: string }) {\n    if (me.id !== user.id) {\n      throw new AccessDenied();\n    }\n    return this.orders.listByUser(user.id);\n  }\n}`, 'listByUser', true],
  ['the loaded rows projected to a field each', `${HEAD}  @ResolveField()\n  async orderIds(@Parent() user: { id: string }) {\n    const rows = await this.orders.listByUser(user.id);\n    return rows.map((row) => row.id);\n  }\n}`, 'listByUser', true],
  ['the loaded rows mapped through a call', `${HEAD}  @ResolveField()\n  async orderIds(@Parent() user: { id: string }) {\n    const rows = await this.orders.listByUser(user.id);\n    return rows.map((row) => this.orders.price(row));\n  }\n}`, 'listByUser', false],
  ['a guard that throws and one that returns a value of its own', `${HEAD}  @ResolveField()\n  async orders(@Parent() user: { id: string }, @Args('me') me: { id: string }) {\n    if (me.id !== user.id) throw new AccessDenied();\n    if (!user.id) return [];\n    return this.orders.listByUser(user.id);\n  }\n}`, 'listByUser', false],
  ['the loaded rows projected through optional chaining', `${HEAD}  @ResolveField()\n  async orderIds(@Parent() user: { id: string }) {\n    const rows = await this.orders.listByUser(user.id);\n    return rows?.map((row) => ({ id: row.id, ...row }));\n  }\n}`, 'listByUser', true],
  ['the bound load returned in parentheses', `${HEAD}  @ResolveField()\n  async order(@Parent() shipment: { id: string }) {\n    const order = await this.orders.load(shipment.id);\n    return (order);\n  }\n}`, 'load', true],
  ['the loaded rows priced in the projection', `${HEAD}  @ResolveField()\n  async totals(@Parent() user: { id: string }) {\n    const rows = await this.orders.listByUser(user.id);\n    return rows.map((row) => row.amount * 1.2 - row.discount);\n  }\n}`, 'listByUser', false],
  ['keyed by an argument, not the parent', `${HEAD}  @ResolveField()\n  order(@Parent() shipment: { orderId: string }, @Args('id') id: string) {\n    return this.orders.load(id);\n  }\n}`, 'load', false],
  ['the loaded row is used before it is returned', `${HEAD}  @ResolveField()\n  async order(@Parent() shipment: { id: string }) {\n    const { order } = await this.orders.loadWithOrder(shipment.id);\n    await this.orders.touch(order);\n    return order;\n  }\n}`, 'loadWithOrder', false],
  ['a guard that returns something other than a relation of the parent', `${HEAD}  @ResolveField()\n  async order(@Parent() shipment: { orderId: string }) {\n    if (!shipment.orderId) return this.orders.empty;\n    return this.orders.load(shipment.orderId);\n  }\n}`, 'load', false],
  ['no field resolver', `${HEAD}  order(@Parent() shipment: { orderId: string }) {\n    return this.orders.load(shipment.orderId);\n  }\n}`, 'load', false],
];

interface Observed {
  readonly callee: string;
  readonly facts: unknown;
  readonly verdict: boolean;
}

function viaEslint(code: string): Observed[] {
  const observed: Observed[] = [];
  const rule: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      return {
        CallExpression(node: TSESTree.CallExpression) {
          // The loads through the injected member; decorators sit outside the method's function in ESTree.
          if (!context.sourceCode.getText(node.callee).startsWith('this.')) return;
          const owner = enclosingFunction(node);
          const facts = owner === undefined ? undefined : eslintFacts(owner, node, context.sourceCode);
          const callee = node.callee.type === AST_NODE_TYPES.MemberExpression && node.callee.property.type === AST_NODE_TYPES.Identifier ? node.callee.property.name : context.sourceCode.getText(node.callee);
          observed.push({ callee, facts, verdict: facts !== undefined && loadsParentRelation(facts) });
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const plugin = { rules: { facts: rule } } as unknown as ESLint.Plugin;
  const messages = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { parity: plugin }, rules: { 'parity/facts': 'error' } }], { filename: 'snippet.ts' });
  expect(messages.filter((message) => message.fatal === true)).toEqual([]);
  return observed;
}

function viaAudit(code: string): Observed[] {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { experimentalDecorators: true } });
  const source = project.createSourceFile('/snippet.ts', code);
  const graph = new CallGraph(project, [source], '/', resolveSettings({}));
  const observed: Observed[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText().startsWith('this.')) {
      let owner = node.parent as ts.Node | undefined;
      while (owner !== undefined && !isFunctionNode(owner)) owner = owner.parent;
      const facts = owner === undefined ? undefined : auditFacts(owner, node, (identifier) => graph.declarationOf(identifier));
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : node.expression.getText();
      observed.push({ callee, facts, verdict: facts !== undefined && loadsParentRelation(facts) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source.compilerNode);
  return observed;
}

describe('field resolvers loading a relation of their parent: the ESLint and the audit adapters agree', () => {
  it.each(SNIPPETS)('%s', (_label, code, callee, expected) => {
    const eslint = viaEslint(code);
    expect(viaAudit(code)).toStrictEqual(eslint);
    expect(eslint.find((entry) => entry.callee === callee)?.verdict).toBe(expected);
  });
});
