import type ts from 'typescript';

/**
 * Where the class or type a receiver is declared with lives, found by symbol look-ups only: the
 * receiver is a variable, parameter or field (`byId`, `this.prisma`) whose declaration names its
 * type (`prisma: PrismaClient`) or constructs it (`const byId = new Map(…)`). Asking the checker
 * for the receiver's type instead can mean inferring it through an ORM's generic types, the most
 * expensive thing the type checker does; a method called on such a receiver is declared with that
 * class. `member` is the called member's name; the answer is undefined unless the class itself
 * declares it.
 *
 * Shared by the ESLint side (typescript-eslint's compiler) and the audit (ts-morph's), so the
 * compiler API comes in as `api`.
 */
export function declaredClassOfReceiver(
  api: typeof ts,
  checker: ts.TypeChecker,
  receiver: ts.Expression,
  member: string,
): { readonly name: string; readonly declarations: readonly ts.Declaration[] } | undefined {
  let expression: ts.Expression = receiver;
  while (api.isParenthesizedExpression(expression) || api.isNonNullExpression(expression)) expression = expression.expression;
  const nameNode = api.isIdentifier(expression) ? expression : api.isPropertyAccessExpression(expression) && expression.expression.kind === api.SyntaxKind.ThisKeyword ? expression.name : undefined;
  if (nameNode === undefined) return undefined;
  const declaration = checker.getSymbolAtLocation(nameNode)?.valueDeclaration;
  if (declaration === undefined || !(api.isVariableDeclaration(declaration) || api.isPropertyDeclaration(declaration) || api.isParameter(declaration))) return undefined;
  let typeName: ts.Node | undefined;
  if (declaration.type !== undefined) {
    typeName = api.isTypeReferenceNode(declaration.type) ? declaration.type.typeName : undefined;
  } else if (declaration.initializer !== undefined) {
    let initializer = declaration.initializer;
    while (api.isParenthesizedExpression(initializer) || api.isAsExpression(initializer) || api.isSatisfiesExpression(initializer)) initializer = initializer.expression;
    typeName = api.isNewExpression(initializer) ? initializer.expression : undefined;
  }
  if (typeName === undefined) return undefined;
  const nameOfType = api.isQualifiedName(typeName) ? typeName.right : api.isPropertyAccessExpression(typeName) ? typeName.name : typeName;
  if (!api.isIdentifier(nameOfType)) return undefined;
  let symbol = checker.getSymbolAtLocation(nameOfType);
  if (symbol !== undefined && (symbol.flags & api.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
  const declarations = symbol?.declarations ?? [];
  // Only a member the class or interface declares itself: an inherited one, or a name the type does
  // not have at all (`Cache` from lib.dom for an unresolved import), is left to the checker.
  if (declarations.length === 0 || symbol?.members?.has(api.escapeLeadingUnderscores(member)) !== true) return undefined;
  return { name: nameOfType.text, declarations };
}
