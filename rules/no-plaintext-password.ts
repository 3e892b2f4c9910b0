import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { MIDDLEWARE_REQUEST_PARAMS } from '../src/core/catalogs/auth.js';
import { isEncryptCall, isHashCall, isHashName, isHashingEntity, isPasswordFieldName, isPasswordSetterName, isServiceCredential, leavesHashingToOthers, mayHashOutOfSight, mayMentionPasswordField } from '../src/core/classify/hash.js';
import { classifyQuery, isProjectRepositoryCall, type QueryMatch, queryForMessage, readsOneStoredRecord } from '../src/core/classify/query.js';
import type { BackendPatternsSettings } from '../src/core/settings.js';
import { isFunction, walk, type FunctionNode } from '../src/eslint/ast.js';
import { enclosingClass } from '../src/eslint/bindings.js';
import { createRule } from '../src/eslint/create-rule.js';
import { buildChain, propertyName, skipWrappers, type CallLike } from '../src/eslint/facts.js';
import { mayBeQueryCall } from '../src/eslint/db-access.js';
import { entityOf } from '../src/eslint/entities.js';
import { enclosingFunction } from '../src/eslint/functions.js';
import { settingsOf } from '../src/eslint/settings.js';
import { resolverFor, typedContext, type TypedContext } from '../src/eslint/typed.js';

export type Options = [];
export type MessageId = 'plaintextPassword';

/** Keys of a write call whose objects filter or shape the result; a password there is not persisted. */
const NON_PERSISTED_KEYS = new Set(['where', 'select', 'include', 'orderBy', 'omit', 'returning', 'cursor', 'distinct', 'filter', 'projection', 'fields']);
const MAX_DEPTH = 4;

/** A write query, and whether it goes through one of the project's own repositories. */
type WriteMatch = QueryMatch & { readonly throughProjectRepository: boolean };

/** Request objects of the frameworks (`req.body`, `request.body`, `ctx.request.body`, `c.req`): the names middleware give them. */
const REQUEST_ROOTS: ReadonlySet<string> = new Set(MIDDLEWARE_REQUEST_PARAMS);
/** NestJS parameter decorators of request input. */
// NestJS HTTP parameters, GraphQL arguments (`@Args`, type-graphql `@Arg`), microservice and WebSocket payloads.
const REQUEST_DECORATORS: ReadonlySet<string> = new Set(['Body', 'Query', 'Param', 'Headers', 'Args', 'Arg', 'Payload', 'MessageBody']);

export default createRule<Options, MessageId>({
  name: 'no-plaintext-password',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow persisting password-like fields whose value did not pass through a password hash function',
    },
    messages: {
      plaintextPassword:
        "'{{field}}' is written to the database by {{query}} with a value that was not hashed, so a leaked table exposes every password. Hash it first (e.g. await bcrypt.hash({{value}}, 12) or argon2.hash) and store the hash.",
    },
    schema: [],
  },
  create(context) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;
    const reported = new Set<TSESTree.Node>();
    // Most files never name a password field: skip their writes before any (typed) classification.
    if (!mayMentionPasswordField(sourceCode.text, settings)) return {};

    function check(node: CallLike): void {
      if (!mayBeQueryCall(node, settings, sourceCode.ast)) return;
      const info = buildChain(node, { sourceCode, typed });
      const match = classifyQuery(info.fact, { settings, resolve: resolverFor(typed, info.nodes) });
      if (match?.access !== 'write') return;
      const write: WriteMatch = { ...match, throughProjectRepository: isProjectRepositoryCall(match, info.fact, settings, false) };
      // `User.create(…)` on a model whose save hook hashes the password.
      const model = info.nodes[match.operationIndex - 1];
      if (model?.type === AST_NODE_TYPES.Identifier && hashesOnSave(model)) return;
      if (model?.type === AST_NODE_TYPES.NewExpression && model.callee.type === AST_NODE_TYPES.Identifier && hashesOnSave(model.callee)) return;
      const scope = enclosingFunction(node);
      const judge = new ValueJudge(sourceCode, settings, typed, node.range[0]);
      // Every argument of the chain up to the write: `prisma.user.create({ data })`, `db.insert(t).values({…})`, `repo.update(id, {…})`.
      info.calls.forEach((call, index) => {
        // Only the write and the builder steps before it; `.returning()` and the like come after.
        if (call === undefined || call.type === AST_NODE_TYPES.TaggedTemplateExpression || index > match.operationIndex) return;
        for (const arg of call.arguments) inspect(arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg, write, judge, scope, 0);
      });
      // Active record: `user.password = dto.password; await user.save()`.
      const receiver = info.nodes[match.operationIndex - 1];
      if (match.library === 'repository' && receiver?.type === AST_NODE_TYPES.Identifier) inspect(receiver, write, judge, scope, 0);
    }

    function inspect(raw: TSESTree.Node, match: WriteMatch, judge: ValueJudge, scope: TSESTree.Node | undefined, depth: number): void {
      if (depth > MAX_DEPTH) return;
      const node = skipWrappers(raw);
      if (node.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) continue;
          const key = keyOf(property);
          if (key !== undefined && NON_PERSISTED_KEYS.has(key)) continue;
          if (key !== undefined && isPasswordFieldName(key, settings)) {
            // A database's or an SMTP relay's password, kept to sign in there: read back, so not hashed.
            const siblings = node.properties.flatMap((other) => (other.type === AST_NODE_TYPES.Property && other !== property ? [keyOf(other) ?? ''] : []));
            if (judge.isRaw(property.value, 0) && !isServiceCredential(key, siblings, settings)) report(property, key, property.value, match);
            continue;
          }
          inspect(property.value, match, judge, scope, depth + 1);
        }
        return;
      }
      if (node.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of node.elements) if (element !== null) inspect(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, match, judge, scope, depth + 1);
        return;
      }
      if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && hashesOnSave(node.callee)) return;
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
        // `const user = repo.create({ … })` / `new User({ … })`, saved later.
        for (const arg of node.arguments) inspect(arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg, match, judge, scope, depth + 1);
        return;
      }
      if (node.type !== AST_NODE_TYPES.Identifier || hashesOnSave(node)) return;
      // An object built before the write: `const data = { … }` and `data.password = …` in the same function.
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
      if (variable === null) return;
      // `user.setPassword(pw)` / `user.generatePassword()` before the write: the record's own method sets the field.
      if (variable.references.some((reference) => reference.identifier.type === AST_NODE_TYPES.Identifier && setsOwnPassword(reference.identifier, judge.before))) return;
      for (const definition of variable.defs) {
        if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init !== null && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.range[0] < judge.before) {
          inspect(definition.node.init, match, judge, scope, depth + 1);
        }
      }
      for (const reference of variable.references) {
        const member = reference.identifier.parent;
        if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || member.range[0] > judge.before) continue;
        const assignment = member.parent;
        if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== member || assignment.operator !== '=') continue;
        if (scope !== undefined && enclosingFunction(assignment) !== scope) continue;
        const key = propertyName(member);
        if (key !== '' && isPasswordFieldName(key, settings) && !isServiceCredential(key, [], settings) && judge.isRaw(assignment.right, 0)) report(assignment, key, assignment.right, match);
      }
    }

    /** `record.setPassword(…)` (core `isPasswordSetterName`) called on this reference before the write at `before`. */
    function setsOwnPassword(reference: TSESTree.Identifier, before: number): boolean {
      const member = reference.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference || member.range[0] > before) return false;
      const call = member.parent;
      return call.type === AST_NODE_TYPES.CallExpression && call.callee === member && isPasswordSetterName(propertyName(member));
    }

    function hashesOnSave(node: TSESTree.Identifier): boolean {
      const entity = entityOf(node, sourceCode, typed);
      if (isHashingEntity(entity.className, entity.methods, settings)) return true;
      return mayHashOutOfSight(entity) && !comparesPlainPassword();
    }

    let plainComparison: boolean | undefined;
    /**
     * This file itself shows that passwords are stored as written: it compares a stored password
     * field with `===` / `!==` (`user.password === dto.password`) instead of a hash check.
     */
    function comparesPlainPassword(): boolean {
      if (plainComparison !== undefined) return plainComparison;
      let found = false;
      walk(sourceCode.ast, (child) => {
        if (found) return false;
        if (child.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(child.operator)) {
          const names = [child.left, child.right].map((side) => {
            const value = skipWrappers(side);
            return value.type === AST_NODE_TYPES.MemberExpression ? propertyName(value) : value.type === AST_NODE_TYPES.Identifier ? value.name : '';
          });
          if (names.every((name) => name !== '' && isPasswordFieldName(name, settings) && !isHashName(name))) found = true;
        }
        return true;
      });
      plainComparison = found;
      return found;
    }

    function report(node: TSESTree.Node, field: string, value: TSESTree.Node, match: WriteMatch): void {
      if (reported.has(node)) return;
      if (leavesHashingToOthers({ fromRequest: isRequestInput(value, sourceCode), throughProjectRepository: match.throughProjectRepository, fromCallerParameter: isParameterValue(value, sourceCode) })) return;
      reported.add(node);
      const text = sourceCode.getText(value);
      context.report({ node, messageId: 'plaintextPassword', data: { field, query: queryForMessage(match), value: text.length <= 40 ? text : 'password' } });
    }

    return {
      CallExpression: check,
      NewExpression: check,
    };
  },
});

/**
 * A value read from the request itself: a member of `req` / `request` / `ctx` (`req.body.password`),
 * or of a parameter decorated `@Body()` / `@Query()` (`@Body() dto` → `dto.password`).
 */
function isRequestInput(value: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let root = skipWrappers(value);
  let member = false;
  while (root.type === AST_NODE_TYPES.MemberExpression) {
    root = skipWrappers(root.object);
    member = true;
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  if (member && REQUEST_ROOTS.has(root.name)) return true;
  const definition = ASTUtils.findVariable(sourceCode.getScope(root), root.name)?.defs[0];
  if (definition?.type !== TSESLint.Scope.DefinitionType.Parameter) return false;
  const parameter = definition.name.parent;
  const decorated = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter : definition.name;
  return 'decorators' in decorated && decorated.decorators.some((decorator) => {
    const expression = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
    return expression.type === AST_NODE_TYPES.Identifier && REQUEST_DECORATORS.has(expression.name);
  });
}

/** Names of persistence steps for a credential (`setPassword`, `updatePasswordHash`, `storePin`) or of a query helper (`resetPasswordQuery`). */
const PERSISTENCE_STEP = /^(?:set|update|save|store|persist|write)\w*(?:Password|Passwd|Hash|Pin|Passcode|Secret)\w*$|Query$/;
/** Classes of the data layer by name: `AccountRepository`, `UserRepo`, `UserDao`, `UserStore`. */
const DATA_CLASS = /(?:Repository|Repo|Dao|DAO|Store)$/;

/**
 * A parameter passed on whole (`setPassword(id, password)`, `resetPasswordQuery(email, newPassword)`)
 * by a persistence step: a function named for storing a credential or a query, or a method of a
 * data-layer class, which stores what its caller hands it. Not a member of a parameter (`dto.password`)
 * nor a destructured one (`register({ email, password })`), not a parameter with a literal default, not
 * a callback's (a library hands it raw input: passport's `(email, password, done)`), and not one of a
 * function named otherwise (`register(email, password)`, `createUser(…)`), where hashing belongs.
 */
function isParameterValue(value: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const root = skipWrappers(value);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(sourceCode.getScope(root), root.name)?.defs[0];
  if (definition?.type !== TSESLint.Scope.DefinitionType.Parameter) return false;
  const parent = definition.name.parent;
  if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.right.type === AST_NODE_TYPES.Literal) return false;
  const declared = parent.type === AST_NODE_TYPES.AssignmentPattern || parent.type === AST_NODE_TYPES.TSParameterProperty ? parent.parent : parent;
  if (declared.type !== AST_NODE_TYPES.FunctionDeclaration && declared.type !== AST_NODE_TYPES.FunctionExpression && declared.type !== AST_NODE_TYPES.ArrowFunctionExpression) return false;
  const holder = declared.parent;
  if ((holder.type === AST_NODE_TYPES.CallExpression || holder.type === AST_NODE_TYPES.NewExpression) && holder.arguments.includes(declared as TSESTree.CallExpressionArgument)) return false;
  const name =
    declared.id?.name ??
    (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name
    : (holder.type === AST_NODE_TYPES.MethodDefinition || holder.type === AST_NODE_TYPES.Property || holder.type === AST_NODE_TYPES.PropertyDefinition) && holder.key.type === AST_NODE_TYPES.Identifier ? holder.key.name
    : '');
  if (PERSISTENCE_STEP.test(name)) return true;
  let owner: TSESTree.Node | null | undefined = holder;
  while (owner != null && owner.type !== AST_NODE_TYPES.ClassDeclaration && owner.type !== AST_NODE_TYPES.ClassExpression) owner = owner.parent;
  return owner != null && owner.id != null && DATA_CLASS.test(owner.id.name);
}

function keyOf(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
  return undefined;
}

/**
 * Decides whether a value written to a password field is raw: a literal, a password-named input
 * (`dto.password`, `newPassword`), or a variable / member traced in the same function to one,
 * and not hashed on the way (`await bcrypt.hash(pw, 12)`, `data.password = await hash(data.password)`,
 * `hashedPassword`, `input.passwordHash`).
 */
class ValueJudge {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly settings: BackendPatternsSettings,
    private readonly typed: TypedContext | undefined,
    /** Position of the write: assignments after it do not count. */
    readonly before: number,
  ) {}

  isRaw(raw: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const node = skipWrappers(raw);
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return this.isRaw(node.argument, depth);
      case AST_NODE_TYPES.Literal:
        return typeof node.value === 'string' && node.value !== '';
      case AST_NODE_TYPES.TemplateLiteral:
        return node.quasis.some((quasi) => quasi.value.cooked !== '') || node.expressions.some((expression) => this.isRaw(expression, depth + 1));
      case AST_NODE_TYPES.ConditionalExpression:
        return this.isRaw(node.consequent, depth + 1) || this.isRaw(node.alternate, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return this.isRaw(node.left, depth + 1) || this.isRaw(node.right, depth + 1);
      case AST_NODE_TYPES.CallExpression:
        return this.isRawCall(node, depth);
      case AST_NODE_TYPES.Identifier:
        return this.isRawIdentifier(node, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.isRawMember(node);
      default:
        return false;
    }
  }

  private isRawCall(node: TSESTree.CallExpression, depth: number): boolean {
    const chain = buildChain(node, { sourceCode: this.sourceCode, typed: this.typed }).fact;
    if (isHashCall(chain, this.settings)) return false;
    // `await this.generatePassword(pw)`: a function or method of this file whose own body hashes.
    if (this.callsHashingHelper(node)) return false;
    // `this.crypto.encryptPassword(pw)` of another file: its name is all there is (a helper of this file was judged by its body).
    if (isEncryptCall(chain) && this.helperBody(node) === undefined) return false;
    // `dto.password.trim()`: a method of the raw value itself.
    const callee = skipWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type !== AST_NODE_TYPES.ThisExpression && this.isPasswordNamed(callee.object) && this.isRaw(callee.object, depth + 1)) return true;
    // `String(password)`, `normalise(dto.password)`: a helper handed a raw password returns it unhashed.
    return node.arguments.some((arg) => this.isPasswordNamed(arg) && this.isRaw(arg, depth + 1));
  }

  /** The body of the function or method of this file a call runs (a local function or const, a method of the class around it), if any. */
  private helperBody(node: TSESTree.CallExpression): TSESTree.Node | undefined {
    const callee = skipWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const definition = ASTUtils.findVariable(this.sourceCode.getScope(callee), callee.name)?.defs[0];
      if (definition?.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node.body;
      if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init != null && isFunction(definition.node.init)) return definition.node.init.body;
      return undefined;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const owner = enclosingClass(node);
    const receiver = callee.object;
    const ownClass = receiver.type === AST_NODE_TYPES.ThisExpression || (receiver.type === AST_NODE_TYPES.Identifier && owner?.id?.name === receiver.name);
    const name = callee.property.name;
    const method = ownClass ? owner?.body.body.find((member) => (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name) : undefined;
    if (method?.type === AST_NODE_TYPES.MethodDefinition) return method.value.body ?? undefined;
    if (method?.type === AST_NODE_TYPES.PropertyDefinition && method.value != null && isFunction(method.value)) return method.value.body;
    return undefined;
  }

  /**
   * The call runs a function declared in this file (`hashPassword(pw)` of a local function or const,
   * `this.generatePassword(pw)` / `Users.generatePassword(pw)` of a method of the class around it)
   * that returns a hash (`return bcrypt.hash(digest, SALT_WORK_FACTOR)`, or a const holding one);
   * a helper that only hashes on the side (a breach lookup by sha1) returns the password itself.
   */
  private callsHashingHelper(node: TSESTree.CallExpression): boolean {
    const body = this.helperBody(node);
    if (body === undefined) return false;
    // What it returns is the hash: an expression body that hashes, or every `return` a hash call or a const assigned from one.
    if (body.type !== AST_NODE_TYPES.BlockStatement) return this.isHashed(body);
    const returned: TSESTree.Node[] = [];
    walk(body, (child) => {
      if (child.type === AST_NODE_TYPES.ReturnStatement && child.argument != null) returned.push(child.argument);
      return !isFunction(child);
    });
    return returned.length > 0 && returned.every((value) => this.isHashed(value) || this.isHashedConst(value));
  }

  /** An identifier bound to a `const` initialised with a hash call (`const hash = await bcrypt.hash(pw, 10); return hash`). */
  private isHashedConst(raw: TSESTree.Node): boolean {
    const node = skipWrappers(raw.type === AST_NODE_TYPES.AwaitExpression ? raw.argument : raw);
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = ASTUtils.findVariable(this.sourceCode.getScope(node), node.name)?.defs[0];
    return definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init != null && this.isHashed(definition.node.init);
  }

  private isPasswordNamed(raw: TSESTree.Node): boolean {
    const node = skipWrappers(raw);
    const name = node.type === AST_NODE_TYPES.Identifier ? node.name : node.type === AST_NODE_TYPES.MemberExpression ? propertyName(node) : '';
    return name !== '' && isPasswordFieldName(name, this.settings);
  }

  private isRawIdentifier(node: TSESTree.Identifier, depth: number): boolean {
    if (node.name === 'undefined' || isHashName(node.name)) return false;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node.name);
    if (variable === null) return isPasswordFieldName(node.name, this.settings);
    // Reassigned with a hash before the write: `password = await bcrypt.hash(password, 12)`.
    for (const reference of variable.references) {
      if (reference.isWrite() && reference.init !== true && reference.identifier.range[0] < this.before && reference.writeExpr != null && this.isHashed(reference.writeExpr)) return false;
    }
    const definition = variable.defs[0];
    if (definition === undefined) return false;
    if (definition.type === TSESLint.Scope.DefinitionType.Parameter) return isPasswordFieldName(node.name, this.settings);
    if (definition.node.type === AST_NODE_TYPES.VariableDeclarator) {
      const { id, init } = definition.node;
      if (init === null) return false;
      // `const { password } = dto` / `const password = req.body.password`; not a row just read from the store.
      if (id.type === AST_NODE_TYPES.ObjectPattern) return isPasswordFieldName(node.name, this.settings) && !this.isStoreRead(init);
      return this.isRaw(init, depth + 1);
    }
    return false;
  }

  private isRawMember(node: TSESTree.MemberExpression): boolean {
    const name = propertyName(node);
    if (name === '' || isHashName(name) || !isPasswordFieldName(name, this.settings)) return false;
    // `{ password: target.password }` with `target` read from the store in this function: the stored
    // value, in whatever form the store keeps it; copying it writes no new plaintext.
    if (this.readFromStore(node)) return false;
    // `data.password = await hash(data.password)` earlier in the same function.
    const text = this.sourceCode.getText(node);
    const fn = enclosingFunction(node);
    if (fn === undefined) return true;
    return !assignmentsIn(fn).some((assignment) =>
      assignment.range[0] < this.before && assignment.range[0] < node.range[0] && this.sourceCode.getText(assignment.left) === text && this.isHashed(assignment.right));
  }

  /** The member's record is a variable initialised by a DB read (`const target = await prisma.user.findUnique(…)`). */
  private readFromStore(node: TSESTree.MemberExpression): boolean {
    let root: TSESTree.Node = node.object;
    while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = ASTUtils.findVariable(this.sourceCode.getScope(root), root.name)?.defs[0];
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier || definition.node.init == null) return false;
    return this.isStoreRead(definition.node.init);
  }

  /** `await prisma.user.findUnique(…)`, `await this.users.findOne(…)`: a read query, as the shared query knowledge judges it. */
  private isStoreRead(raw: TSESTree.Node): boolean {
    const node = skipWrappers(raw.type === AST_NODE_TYPES.AwaitExpression ? raw.argument : raw);
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const info = buildChain(node, { sourceCode: this.sourceCode, typed: this.typed });
    if (readsOneStoredRecord(info.fact.segments[info.fact.segments.length - 1]?.name ?? '')) return true;
    return classifyQuery(info.fact, { settings: this.settings, resolve: resolverFor(this.typed, info.nodes) })?.access === 'read';
  }

  /** `await bcrypt.hash(pw, 12)`, `hashPassword(pw)`, `argon2.hash(pw)`. */
  private isHashed(raw: TSESTree.Node): boolean {
    const node = skipWrappers(raw.type === AST_NODE_TYPES.AwaitExpression ? raw.argument : raw);
    return node.type === AST_NODE_TYPES.CallExpression && isHashCall(buildChain(node, { sourceCode: this.sourceCode, typed: this.typed }).fact, this.settings);
  }
}

/** Plain assignments in a function's own body (not in nested functions). */
function assignmentsIn(fn: FunctionNode): TSESTree.AssignmentExpression[] {
  const found: TSESTree.AssignmentExpression[] = [];
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') found.push(node);
    return !isFunction(node);
  });
  return found;
}
