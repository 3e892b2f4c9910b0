import type ts from 'typescript';
import type { DeclaredIn } from '../core/facts.js';
import { memberOfConstructedReceiver } from './declared-class.js';

/**
 * Where the member named by `node` (the property name of `receiver.member`) is declared, for
 * `core/classify/query.ts`'s typed verdicts: the npm package, the declaring class or interface,
 * the file; `unresolved` when the receiver's type is `any`/`unknown`. Shared by typed ESLint
 * (typescript-eslint's compiler) and the audit (ts-morph's), so the compiler API comes in as `api`.
 */
export function declaredInOf(api: typeof ts, program: ts.Program, checker: ts.TypeChecker, node: ts.Node): DeclaredIn | undefined {
  // `byId.get` on `const byId = new Map(…)`: placed by symbol look-ups, without the receiver's type.
  const parent = node.parent;
  const constructed = api.isPropertyAccessExpression(parent) && parent.name === node ? memberOfConstructedReceiver(api, checker, parent.expression, parent.name.text) : undefined;
  let symbol = constructed === undefined ? checker.getSymbolAtLocation(node) : undefined;
  if (symbol !== undefined && (symbol.flags & api.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
  const declaration = constructed ?? symbol?.declarations?.[0];
  if (declaration === undefined) {
    // `any.method()`: the receiver's type tells nothing.
    const receiver = api.isPropertyAccessExpression(parent) ? parent.expression : undefined;
    if (receiver !== undefined && (checker.getTypeAtLocation(receiver).flags & (api.TypeFlags.Any | api.TypeFlags.Unknown)) !== 0) return { unresolved: true };
    return undefined;
  }
  const sourceFile = declaration.getSourceFile();
  const pkg = packageOfFile(sourceFile.fileName, program, sourceFile);
  const typeName = containerName(api, declaration);
  return {
    ...(pkg === undefined ? {} : { package: pkg }),
    ...(typeName === undefined ? {} : { typeName }),
    fileName: sourceFile.fileName,
  };
}

/** `…/node_modules/@scope/pkg/…` → `@scope/pkg`; `@types/pg` → `pg`; TypeScript's lib files → `lib`; project files → undefined. */
export function packageOfFile(fileName: string, program?: ts.Program, sourceFile?: ts.SourceFile): string | undefined {
  const normalised = fileName.replaceAll('\\', '/');
  if (program !== undefined && sourceFile !== undefined && program.isSourceFileDefaultLibrary(sourceFile)) return 'lib';
  const marker = normalised.lastIndexOf('/node_modules/');
  if (marker === -1) return /\/lib\.[\w.]*\.d\.ts$/.test(normalised) && normalised.includes('/typescript/') ? 'lib' : undefined;
  const rest = normalised.slice(marker + '/node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '');
  if (name === 'typescript' && rest.includes('lib')) return 'lib';
  if (name.startsWith('@types/')) {
    const typed = name.slice('@types/'.length);
    return typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
  }
  return name;
}

/** The class, interface or type alias a declaration belongs to. */
function containerName(api: typeof ts, declaration: ts.Declaration): string | undefined {
  // `parent` is typed as always present, but a SourceFile's is undefined at run time.
  let current: ts.Node = declaration.parent;
  for (;;) {
    if ((api.isClassDeclaration(current) || api.isInterfaceDeclaration(current) || api.isClassExpression(current)) && current.name !== undefined) {
      return current.name.text;
    }
    if (api.isTypeAliasDeclaration(current)) return current.name.text;
    if (api.isSourceFile(current) || api.isModuleBlock(current)) return undefined;
    current = current.parent;
  }
}
