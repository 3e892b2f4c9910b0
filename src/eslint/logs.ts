import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { parseRedactPath } from '../core/classify/log.js';
import { packageNameOf } from '../core/classify/names.js';
import type { PiiStep } from '../core/classify/pii.js';
import { importSourceOf, propertyName, skipWrappers } from './facts.js';

/** The facts' width bound (see `valueFact`): steps index into the first items only. */
const MAX_ITEMS = 64;

function enter(node: TSESTree.Node): TSESTree.Node {
  let current = skipWrappers(node);
  while (current.type === AST_NODE_TYPES.AwaitExpression) current = skipWrappers(current.argument);
  return current;
}

function unspread(node: TSESTree.Node): TSESTree.Node {
  return node.type === AST_NODE_TYPES.SpreadElement ? node.argument : node;
}

function child(node: TSESTree.Node, next: PiiStep): { node: TSESTree.Node; property?: TSESTree.Property | TSESTree.SpreadElement } | undefined {
  switch (next.kind) {
    case 'property':
    case 'spread': {
      if (node.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const items = node.properties.slice(0, MAX_ITEMS);
      if (next.kind === 'property') {
        const property = items.filter((item) => item.type === AST_NODE_TYPES.Property)[next.index];
        return property === undefined ? undefined : { node: property.value, property };
      }
      const spread = items.filter((item) => item.type === AST_NODE_TYPES.SpreadElement)[next.index];
      return spread === undefined ? undefined : { node: spread.argument, property: spread };
    }
    case 'element': {
      if (node.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
      const element = node.elements.slice(0, MAX_ITEMS).filter((item) => item !== null)[next.index];
      return element === undefined ? undefined : { node: unspread(element) };
    }
    case 'expression': {
      const template = node.type === AST_NODE_TYPES.TaggedTemplateExpression ? node.quasi : node;
      const expression = template.type === AST_NODE_TYPES.TemplateLiteral ? template.expressions[next.index] : undefined;
      return expression === undefined ? undefined : { node: expression };
    }
    case 'left':
    case 'right':
      if (node.type !== AST_NODE_TYPES.BinaryExpression && node.type !== AST_NODE_TYPES.LogicalExpression) return undefined;
      return { node: next.kind === 'left' ? node.left : node.right };
    case 'argument': {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return undefined;
      const argument = node.arguments[next.index];
      return argument === undefined ? undefined : { node: unspread(argument) };
    }
    case 'receiver': {
      if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = skipWrappers(node.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression ? { node: callee.object } : undefined;
    }
  }
}

/**
 * The node a PII hit's steps lead to from the walked value, and the object property (or spread)
 * that holds it when the hit is that property's whole value.
 */
export function nodeAtSteps(value: TSESTree.Node, steps: readonly PiiStep[]): { node: TSESTree.Node; property?: TSESTree.Property | TSESTree.SpreadElement } {
  let node = value;
  let property: TSESTree.Property | TSESTree.SpreadElement | undefined;
  for (const next of steps) {
    const found = child(enter(node), next);
    if (found === undefined) break;
    node = found.node;
    property = found.property;
  }
  return property === undefined ? { node } : { node, property };
}

/** Packages whose factory takes pino's options (`redact` among them). */
const PINO_FACTORIES: Readonly<Record<string, string>> = { pino: 'pino', pinoHttp: 'pino-http' };

function stringItems(node: TSESTree.Node | undefined): string[] {
  const array = node === undefined ? undefined : skipWrappers(node);
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return [];
  return array.elements.flatMap((element) => (element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' ? [element.value] : []));
}

function optionValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = property.key.type === AST_NODE_TYPES.Identifier && !property.computed ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
    if (name === key) return property.value;
  }
  return undefined;
}

/**
 * The `redact` paths of a pino logger created by this call (`pino({ redact: ['a.b'] })`,
 * `pino({ redact: { paths: [...] } })`, `pinoHttp({ redact })`), parsed; empty for other calls.
 * Only literal paths written in the call count.
 */
export function pinoRedactPaths(node: TSESTree.CallExpression, names: readonly string[], sourceCode: Readonly<TSESLint.SourceCode>): string[][] {
  const options = node.arguments[0] === undefined ? undefined : skipWrappers(node.arguments[0]);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const callee = skipWrappers(node.callee);
  const root = callee.type === AST_NODE_TYPES.Identifier ? callee : callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier ? callee.object : undefined;
  if (root === undefined || (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) !== 'default')) return [];
  const imported = packageNameOf(importSourceOf(root, sourceCode));
  const isPino = imported === undefined ? Object.hasOwn(PINO_FACTORIES, names[0] ?? '') : Object.values(PINO_FACTORIES).includes(imported);
  if (!isPino) return [];
  const redact = optionValue(options, 'redact');
  const list = redact === undefined ? [] : skipWrappers(redact).type === AST_NODE_TYPES.ObjectExpression ? stringItems(optionValue(skipWrappers(redact) as TSESTree.ObjectExpression, 'paths')) : stringItems(redact);
  return list.flatMap((path) => {
    const keys = parseRedactPath(path);
    return keys === undefined ? [] : [keys];
  });
}
