import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName, skipWrappers } from './facts.js';

/**
 * ESTree → the module a callee is bound to (SPEC §3 "Evidence before names"): `fs.readFileSync`
 * with `import fs from 'node:fs'`, `import * as fs`, `const fs = require('fs')`; `readFileSync`
 * imported or destructured from `require('fs')` by name; `require('fs').readFileSync` itself.
 * Rules that judge a library's functions (the event-loop and HTTP-timeout rules) ask this instead
 * of trusting a name.
 */
export interface ModuleBinding {
  /** The import or require specifier (`node:fs`, `axios`). */
  readonly source: string;
  /** Exported names from the module down to the callee: `[]` for the module (or its default export) itself. */
  readonly path: readonly string[];
  /** The name the file calls the root by (`fs`, `axios`, `readFileSync`), for messages. */
  readonly rootName: string;
  /** The root identifier, when the chain starts at one. */
  readonly root?: TSESTree.Identifier;
}

/** `require('x')`, `await import('x')`, `require('x').a.b`: the specifier and the member names after it. */
export function requiredModule(raw: TSESTree.Node): { readonly source: string; readonly path: readonly string[] } | undefined {
  const path: string[] = [];
  let current = skipWrappers(raw);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    path.unshift(propertyName(current));
    current = skipWrappers(current.object);
  }
  if (current.type === AST_NODE_TYPES.AwaitExpression) current = skipWrappers(current.argument);
  let specifier: TSESTree.Node | undefined;
  if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.Identifier && current.callee.name === 'require') specifier = current.arguments[0];
  else if (current.type === AST_NODE_TYPES.ImportExpression) specifier = current.source;
  if (specifier?.type !== AST_NODE_TYPES.Literal || typeof specifier.value !== 'string') return undefined;
  return { source: specifier.value, path: path[0] === 'default' ? path.slice(1) : path };
}

/** What an identifier in scope is bound to, when an import or a `require` of a module binds it. */
export function identifierModuleBinding(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): ModuleBinding | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
  const definition = variable?.defs[0];
  if (variable === null || definition === undefined || variable.defs.length > 1) return undefined;
  const base = { rootName: identifier.name, root: identifier };
  if (definition.type === TSESLint.Scope.DefinitionType.ImportBinding) {
    const declaration = definition.parent;
    const specifier = definition.node;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return undefined;
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      if (specifier.importKind === 'type') return undefined;
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      return { ...base, source: declaration.source.value, path: imported === 'default' ? [] : [imported] };
    }
    if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier || specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { ...base, source: declaration.source.value, path: [] };
    return undefined;
  }
  if (definition.type !== TSESLint.Scope.DefinitionType.Variable || definition.node.init == null) return undefined;
  // A binding written again later may hold anything.
  if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return undefined;
  const required = requiredModule(definition.node.init);
  if (required === undefined) return undefined;
  const { id } = definition.node;
  if (id.type === AST_NODE_TYPES.Identifier) return { ...base, ...required };
  if (id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value !== definition.name) continue;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String(property.key.value);
    return key === '' ? undefined : { ...base, source: required.source, path: [...required.path, key] };
  }
  return undefined;
}

/**
 * The module a callee (`fs.readFileSync`, `axios.get`, `hashSync`, `require('zlib').gzipSync`) is
 * bound to, with the exported path down to the called function; undefined when the file does not
 * bind its root to a module.
 */
export function calleeModuleBinding(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): ModuleBinding | undefined {
  const members: string[] = [];
  let current = skipWrappers(callee);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(current);
    if (name === '') return undefined;
    members.unshift(name);
    current = skipWrappers(current.object);
  }
  if (current.type === AST_NODE_TYPES.Identifier) {
    const binding = identifierModuleBinding(current, sourceCode);
    return binding === undefined ? undefined : { ...binding, path: [...binding.path, ...members] };
  }
  const required = requiredModule(current);
  return required === undefined ? undefined : { source: required.source, path: [...required.path, ...members], rootName: `require('${required.source}')` };
}
