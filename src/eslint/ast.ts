import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

/** An identifier that names a member or an object key (`user.name`, `{ name: … }`), not a value it reads. */
export function isNamePosition(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  return (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier && !parent.computed) || (parent.type === AST_NODE_TYPES.Property && parent.key === identifier && !parent.shorthand);
}

/** `null` or `undefined` written as such. */
export function isNullish(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/**
 * `build()` once per linted file, remembered in `cache`: the per-file indexes (layers, nodes, chains,
 * error classes, cache clients) are shared by every rule that lints the file.
 */
export function oncePerFile<T>(cache: WeakMap<TSESTree.Program, T>, program: TSESTree.Program, build: () => T): T {
  const known = cache.get(program);
  if (known !== undefined) return known;
  const value = build();
  cache.set(program, value);
  return value;
}

const programFiles = new WeakMap<TSESTree.Program, string>();

/** Remembers the file a program was parsed from (every rule's `create` does, see `createRule`): core judgements that read the disk need it. */
export function registerProgramFile(program: TSESTree.Program, filename: string): void {
  if (!programFiles.has(program)) programFiles.set(program, filename);
}

/** The file `program` was parsed from, once a rule linting it has started. */
export function programFile(program: TSESTree.Program): string | undefined {
  return programFiles.get(program);
}

/** Keys that only hold types: no call, loop or value lives under them, so walks skip them. */
const TYPE_KEYS: ReadonlySet<string> = new Set(['typeAnnotation', 'returnType', 'typeArguments', 'typeParameters', 'superTypeArguments', 'implements']);
/** Declarations that are types through and through: walks visit the node and not its children. */
const TYPE_ONLY: ReadonlySet<string> = new Set([AST_NODE_TYPES.TSInterfaceDeclaration, AST_NODE_TYPES.TSTypeAliasDeclaration]);

/** Child keys per node type, from typescript-eslint's visitor keys, without the type-only ones. */
const childKeys = new Map<string, readonly string[]>();

function keysOf(node: TSESTree.Node): readonly string[] {
  const known = childKeys.get(node.type);
  if (known !== undefined) return known;
  const keys = TYPE_ONLY.has(node.type)
    ? []
    : ((visitorKeys as Readonly<Record<string, readonly string[] | undefined>>)[node.type] ?? fallbackKeys(node)).filter((key) => !TYPE_KEYS.has(key));
  childKeys.set(node.type, keys);
  return keys;
}

/** A node type typescript-eslint does not know (another parser's extension): its own keys that hold nodes. */
function fallbackKeys(node: TSESTree.Node): string[] {
  return Object.keys(node).filter((key) => key !== 'parent' && key !== 'loc' && key !== 'range');
}

/** Pre-order walk over child nodes; `visit` returns false to skip a node's children. Type annotations are not entered. */
export function walk(node: TSESTree.Node, visit: (node: TSESTree.Node) => boolean): void {
  if (!visit(node)) return;
  const record = node as unknown as Readonly<Record<string, unknown>>;
  for (const key of keysOf(node)) {
    const value = record[key];
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (isNode(item)) walk(item, visit);
    } else if (isNode(value)) {
      walk(value, visit);
    }
  }
}

/** Some node of `root` (itself included) satisfies `predicate`; functions, `root` too, are not entered. */
export function containsOutsideFunctions(root: TSESTree.Node, predicate: (node: TSESTree.Node) => boolean): boolean {
  let found = false;
  walk(root, (node) => {
    if (found || isFunction(node)) return false;
    if (predicate(node)) found = true;
    return !found;
  });
  return found;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** `return …`, `throw …`, or a block whose last statement always exits. */
export function alwaysExits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : undefined;
  return last !== undefined && alwaysExits(last);
}
