import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import type { EntityMethodFacts } from '../core/classify/hash.js';
import { walk } from './ast.js';
import { dottedName } from './facts.js';
import type { TypedContext } from './typed.js';
import { tsApi } from './typescript.js';

/** An entity / model class as the password rule sees it: its name and its methods' hooks and calls. */
export interface EntityFacts {
  readonly className: string | undefined;
  readonly methods: readonly EntityMethodFacts[];
  /** The class or model is imported (`import`, `require`) from this module specifier. */
  readonly importedFrom?: string;
  /** Its declaration was seen: in this file, or with typed linting wherever it is declared. */
  readonly declarationSeen: boolean;
}

/**
 * The class behind a written value or model: `User` in `User.create(…)`, `X` for a variable
 * initialised with `new X()`. Its methods come from the class declaration in the same file, or,
 * with typed linting, from wherever the value's type is declared; where it is imported from is
 * kept for when neither is visible.
 */
export function entityOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, typed: TypedContext | undefined): EntityFacts {
  let className: string | undefined;
  let methods: EntityMethodFacts[] = [];
  let importedFrom: string | undefined;
  let declarationSeen = false;
  const isProperty = node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.property === node;
  if (node.type === AST_NODE_TYPES.Identifier && !isProperty) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
    const definition = variable?.defs[0]?.node;
    if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init?.type === AST_NODE_TYPES.NewExpression) {
      className = dottedName(definition.init.callee);
    } else if (/^[A-Z]/.test(node.name)) {
      className = node.name;
    }
    if (className !== undefined) {
      const root = className.split('.')[0] ?? className;
      const definition = ASTUtils.findVariable(sourceCode.getScope(node), root)?.defs[0];
      const declaration = definition?.node;
      if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && root === className) {
        methods = estreeMethods(declaration);
        declarationSeen = true;
      }
      if (definition?.type === TSESLint.Scope.DefinitionType.ImportBinding && definition.parent.type === AST_NODE_TYPES.ImportDeclaration) importedFrom = definition.parent.source.value;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclarator && declaration.init != null) importedFrom = requiredModule(declaration.init);
    }
  }
  if (!declarationSeen && typed !== undefined) {
    const fromTypes = typedMethods(typed.typeOf(node));
    if (fromTypes !== undefined) {
      methods = fromTypes;
      declarationSeen = true;
    }
  }
  return { className, methods, declarationSeen, ...(importedFrom === undefined ? {} : { importedFrom }) };
}

/** `require('../models/user')`, `require('./user').User`: the required module. */
function requiredModule(init: TSESTree.Expression): string | undefined {
  let current: TSESTree.Node = init;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  if (current.type !== AST_NODE_TYPES.CallExpression || current.callee.type !== AST_NODE_TYPES.Identifier || current.callee.name !== 'require') return undefined;
  const source = current.arguments[0];
  return source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string' ? source.value : undefined;
}

function estreeMethods(cls: TSESTree.ClassDeclaration): EntityMethodFacts[] {
  return cls.body.body.flatMap((member) => {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.key.type !== AST_NODE_TYPES.Identifier) return [];
    const calledNames: string[] = [];
    walk(member.value.body ?? member.value, (child) => {
      if (child.type === AST_NODE_TYPES.CallExpression) calledNames.push(...dottedName(child.callee).split('.'));
      return true;
    });
    return [{ name: member.key.name, decorators: member.decorators.map((decorator) => dottedName(decorator.expression).split('.').pop() ?? ''), calledNames }];
  });
}

/** Methods of the class declaring `type`, or undefined when no class declaration is known (a Mongoose model, `any`). */
function typedMethods(type: ts.Type): EntityMethodFacts[] | undefined {
  const api = tsApi();
  const declarations = (type.getSymbol()?.getDeclarations() ?? []).filter(api.isClassDeclaration);
  if (declarations.length === 0) return undefined;
  return declarations.flatMap((cls) =>
    cls.members.filter(api.isMethodDeclaration).map((method) => {
      const calledNames: string[] = [];
      const visit = (child: ts.Node): void => {
        if (api.isCallExpression(child)) {
          let callee: ts.Expression = child.expression;
          while (api.isPropertyAccessExpression(callee)) {
            calledNames.push(callee.name.text);
            callee = callee.expression;
          }
          if (api.isIdentifier(callee)) calledNames.push(callee.text);
        }
        api.forEachChild(child, visit);
      };
      if (method.body !== undefined) visit(method.body);
      const decorators = (api.getDecorators(method) ?? []).map((decorator) => {
        const expression = api.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
        return api.isIdentifier(expression) ? expression.text : api.isPropertyAccessExpression(expression) ? expression.name.text : '';
      });
      return { name: api.isIdentifier(method.name) ? method.name.text : '', decorators, calledNames };
    }));
}
