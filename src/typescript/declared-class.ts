import type ts from 'typescript';

/**
 * Where a member called on a receiver is declared, found by symbol look-ups only, for receivers
 * bound to a constructed object: `const byId = new Map(…)`, `private readonly cache = new LRUCache(…)`.
 * Asking the checker for the receiver's type instead can mean inferring it through an ORM's generic
 * types, the most expensive thing the type checker does. Only `new X(…)` initializers count: a
 * declared type (`store: Repository<User>`) can be narrowed at the call (`instanceof MemoryStore`),
 * a constructed object cannot become another class. The member must be declared by `X` itself
 * (not inherited), and its own declaration is returned.
 *
 * Shared by the ESLint side (typescript-eslint's compiler) and the audit (ts-morph's), so the
 * compiler API comes in as `api`.
 */
export function memberOfConstructedReceiver(api: typeof ts, checker: ts.TypeChecker, receiver: ts.Expression, member: string): ts.Declaration | undefined {
  const declaration = receiverDeclaration(api, checker, receiver);
  if (declaration === undefined || declaration.initializer === undefined) return undefined;
  const initializer = skipExpressionWrappers(api, declaration.initializer);
  if (!api.isNewExpression(initializer)) return undefined;
  const classSymbol = symbolOfName(api, checker, initializer.expression);
  return classSymbol?.members?.get(api.escapeLeadingUnderscores(member))?.declarations?.[0];
}

/** The variable, parameter or field a receiver (`byId`, `this.prisma`, an imported `prisma`) refers to, by its symbol. */
export function receiverDeclaration(api: typeof ts, checker: ts.TypeChecker, receiver: ts.Expression): ts.VariableDeclaration | ts.PropertyDeclaration | ts.ParameterDeclaration | undefined {
  const expression = skipExpressionWrappers(api, receiver);
  const nameNode = api.isIdentifier(expression) ? expression : api.isPropertyAccessExpression(expression) && expression.expression.kind === api.SyntaxKind.ThisKeyword ? expression.name : undefined;
  if (nameNode === undefined) return undefined;
  const declaration = symbolOfName(api, checker, nameNode)?.valueDeclaration;
  return declaration !== undefined && (api.isVariableDeclaration(declaration) || api.isPropertyDeclaration(declaration) || api.isParameter(declaration)) ? declaration : undefined;
}

/** The symbol an entity name (`Map`, `ioredis.Redis`, `Cache`) stands for, aliases followed. */
export function symbolOfName(api: typeof ts, checker: ts.TypeChecker, name: ts.Node): ts.Symbol | undefined {
  const nameNode = api.isQualifiedName(name) ? name.right : api.isPropertyAccessExpression(name) ? name.name : name;
  if (!api.isIdentifier(nameNode)) return undefined;
  const symbol = checker.getSymbolAtLocation(nameNode);
  return symbol !== undefined && (symbol.flags & api.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol;
}

function skipExpressionWrappers(api: typeof ts, node: ts.Expression): ts.Expression {
  let current = node;
  while (api.isParenthesizedExpression(current) || api.isNonNullExpression(current) || api.isAsExpression(current) || api.isSatisfiesExpression(current)) current = current.expression;
  return current;
}
