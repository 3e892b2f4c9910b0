import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
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
}

/**
 * The class behind a written value or model: `User` in `User.create(…)`, `X` for a variable
 * initialised with `new X()`. Its methods come from the class declaration in the same file, or,
 * with typed linting, from wherever the value's type is declared.
 */
export function entityOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, typed: TypedContext | undefined): EntityFacts {
  let className: string | undefined;
  let methods: EntityMethodFacts[] = [];
  const isProperty = node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.property === node;
  if (node.type === AST_NODE_TYPES.Identifier && !isProperty) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
    const definition = variable?.defs[0]?.node;
    if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init?.type === AST_NODE_TYPES.NewExpression) {
      className = dottedName(definition.init.callee);
    } else if (/^[A-Z]/.test(node.name)) {
      className = node.name;
    }
    if (className !== undefined && !className.includes('.')) {
      const declaration = ASTUtils.findVariable(sourceCode.getScope(node), className)?.defs[0]?.node;
      if (declaration?.type === AST_NODE_TYPES.ClassDeclaration) methods = estreeMethods(declaration);
    }
  }
  if (methods.length === 0 && typed !== undefined) methods = typedMethods(typed.typeOf(node));
  return { className, methods };
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

function typedMethods(type: ts.Type): EntityMethodFacts[] {
  const api = tsApi();
  const declarations = type.getSymbol()?.getDeclarations() ?? [];
  return declarations.filter(api.isClassDeclaration).flatMap((cls) =>
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
