import type { DbLibrary } from './catalogs/db-clients.js';

/**
 * Engine-free facts. The ESLint side (ESTree) and the audit side (ts-morph) each turn their own
 * AST into these small plain objects and ask `core/classify` to judge them, so that a concept is
 * defined once for both engines.
 */

/** The shape of an argument or of any other value, as far as the classifiers need it. */
export type ValueFact =
  | { readonly kind: 'string'; readonly text: string }
  | {
      readonly kind: 'template';
      /** The quasis joined with `?` where an expression stands. */
      readonly text: string;
      readonly expressions: readonly ValueFact[];
      /** The literal pieces around the expressions (one more than the expressions), when known. */
      readonly quasis?: readonly string[];
      /** Name of the tag of a tagged template (`sql`, `Prisma.sql`), if any. */
      readonly tag?: string;
    }
  | {
      readonly kind: 'number';
      /** The literal's value, when it is a number literal (`3`, `1_000`). */
      readonly value?: number;
    }
  | {
      readonly kind: 'boolean';
      /** The literal's value, when it is `true` or `false`. */
      readonly value?: boolean;
    }
  | { readonly kind: 'null' }
  | { readonly kind: 'undefined' }
  | { readonly kind: 'array'; readonly elements: readonly ValueFact[] }
  | {
      readonly kind: 'object';
      readonly properties: readonly PropertyFact[];
      /** Spread elements (`...user`), in order. */
      readonly spreads: readonly ValueFact[];
    }
  | {
      readonly kind: 'identifier';
      readonly name: string;
      readonly typeHint?: TypeHint;
      /**
       * The SQL text of a raw call (`$queryRawUnsafe(sql)`, `knex.raw(sql)`) held in a `const` that a
       * query builder turned into text (`const sql = knex('t').whereIn('id', ids).toQuery()`) or a
       * schema statement builder returned (`const sql = this.dialect.dropTable(t)`): that builder's
       * chain, the query the text is. Absent otherwise.
       */
      readonly builtFrom?: ChainFact;
      /**
       * The SQL text argument of a raw query call (`db.query(q, params)`) held in a `const` in scope
       * (`const q = \`INSERT INTO …\``): the string's text, or the template's quasis joined with `?`.
       */
      readonly sqlText?: string;
      /** For a constant named in capitals (`TABLE`), the string a module-level `const` binds it to (`'feature_types'`). */
      readonly constText?: string;
    }
  | {
      readonly kind: 'member';
      readonly path: readonly string[];
      readonly typeHint?: TypeHint;
      /** For `T.PERMISSIONS` of a module-level `const T = { PERMISSIONS: 'permissions' }`: that string. */
      readonly constText?: string;
    }
  | { readonly kind: 'call'; readonly chain: ChainFact }
  | { readonly kind: 'new'; readonly className: string; readonly args: readonly ValueFact[] }
  | { readonly kind: 'function' }
  | { readonly kind: 'binary'; readonly operator: string; readonly left: ValueFact; readonly right: ValueFact }
  | {
      readonly kind: 'other';
      readonly typeHint?: TypeHint;
      /** `c ? a : b`: the values it may take, the branches (the test aside). */
      readonly branches?: readonly ValueFact[];
      /** `xs[i]`, `this.items[key].name`: an element taken by a variable key, from a list or map named by a member path. */
      readonly element?: ElementAccess;
      /**
       * A value nested too deep to describe (`JSON.stringify({ ...row.options, key })` inside a
       * write's `data`): the names it reads — references outside nested functions and types, not
       * property names — sorted, at most `MAX_READS`. Absent when it reads none, and for other values.
       */
      readonly reads?: readonly string[];
    };

/** The most names a value too deep to describe keeps (`ValueFact` `reads`). */
export const MAX_READS = 16;

/** `xs[i].name`: the path of the list (`['xs']`, `['this', 'items']`), the variable that keys it, the members read after it. */
export interface ElementAccess {
  readonly list: readonly string[];
  readonly index: string;
  readonly path: readonly string[];
}

export interface PropertyFact {
  /** Static key (identifier, string or number literal, computed literal); undefined when computed. */
  readonly key: string | undefined;
  /** A computed key that picks one of several literal names (`[isSpace ? 'spaceId' : 'baseId']`): those names. */
  readonly keyChoices?: readonly string[];
  readonly value: ValueFact;
  readonly shorthand: boolean;
}

/** What typed linting knows about a value's type; absent without type information. */
export interface TypeHint {
  readonly isArray?: boolean;
  /** boolean, number, bigint, Date, enum member: values that cannot carry PII text. */
  readonly isScalarNonText?: boolean;
  readonly isAny?: boolean;
  /**
   * The property names of an object type (bounded), so that PII checks judge an object by what it
   * holds (`{ id, email }`) rather than by its variable's name. Absent for primitives and arrays.
   */
  readonly propertyNames?: readonly string[];
}

/** One step of a call / member chain: `prisma` `user` `findMany(...)`. */
export interface ChainSegment {
  /** Identifier or property name; `this` for `this`; `` for anything else (a parenthesised call, …). */
  readonly name: string;
  /** Present when this step is called: `knex('users')` has name `knex` and call args. */
  readonly call?: {
    readonly args: readonly ValueFact[];
    /** A tagged template call: `` prisma.$queryRaw`…` `` */
    readonly tagged?: boolean;
  };
  /** `new X()` as the root of the chain. */
  readonly isNew?: boolean;
}

/**
 * A call with the member chain leading to it, root first. `this.userRepository.findById(id)` is
 * `this` → `userRepository` → `findById(id)`; `knex('users').where('id', id).first()` is
 * `knex(…)` → `where(…)` → `first()`.
 */
export interface ChainFact {
  readonly segments: readonly ChainSegment[];
  /** The chain's value is awaited, `.then`-ed, yielded or returned from an async function. */
  readonly awaited: boolean;
  /** Module the root identifier was imported from (`'./models/user'`, `'typeorm'`), if imported. */
  readonly rootImport?: string;
  /**
   * The method whose call takes the chain's value as an argument: directly, as an element of an
   * array literal, a property value of an object literal or a branch of `c ? a : b` / `a ?? b` given
   * to it (`select` for `qb.select([knex.raw('count(*) as n')])`, `on` for `join.on(knex.raw(…))`).
   * Absent when the value goes anywhere else (a variable, an `await`, a plain function's call);
   * `[]` for a method named by a computed key (`qb[whereMethod](knex.raw(…))`).
   */
  readonly argumentOf?: string;
  /**
   * The chain's value, as it is (not awaited), initialises a variable or is assigned to one
   * (`const org = Org.create({ name })`): the code keeps it as a value.
   */
  readonly assigned?: boolean;
  /** The chain's value is an expression of a template literal (`` `COALESCE(${db.raw('??', [col])}, '')` ``): turned into text, not run. */
  readonly interpolated?: boolean;
  /**
   * What the chain's receiver is bound to in its own file: the root identifier, or `this.x` for a
   * chain rooted at `this`. Absent when the root is neither (a call, a literal).
   */
  readonly binding?: BindingFact;
  /**
   * The database libraries the chain's file imports from (core `importedDbLibraries`), sorted; absent
   * when it imports none. Decides a model's library when only its name says it is one (`model.update`).
   */
  readonly fileLibraries?: readonly DbLibrary[];
}

/**
 * The untyped evidence for what a name is (SPEC §3 "Evidence before names"): how the file
 * itself introduces it — an import and its module, a local class or enum, a variable, parameter
 * or class member with its annotated type, initialiser and decorators. Both engines build it from
 * syntax alone, the same way; `core/classify/evidence.ts` judges it.
 */
export interface BindingFact {
  readonly kind: 'import' | 'class' | 'enum' | 'function' | 'variable' | 'parameter' | 'field' | 'unbound';
  /** Segments of the chain the binding names: 1 for `x`, 2 for `this.x`. */
  readonly length: 1 | 2;
  /** import: the module specifier. */
  readonly source?: string;
  /** import: the exported name (`default`, `*` for a namespace import). */
  readonly importedName?: string;
  /** import: `import type` / `import { type X }`. */
  readonly typeOnly?: boolean;
  /** variable / parameter / field: the annotated type's name (`UserRepository`, `Repository`, `Model`), last part of a qualified name. */
  readonly typeName?: string;
  /** Where `typeName` comes from: an import's module, or `local` when declared in this file. */
  readonly typeSource?: string;
  /** Names of the annotated type's arguments (`Repository<User>` → `User`). */
  readonly typeArguments?: readonly string[];
  /** variable / field: a `new X(…)` or `f(…)` initialiser (or constructor assignment), dotted callee name and its root's import. */
  readonly initializer?: {
    readonly kind: 'new' | 'call';
    /** The dotted callee; a part after a call keeps its leading dot (`getManager().getRepository(X)` → `.getRepository`). */
    readonly name: string;
    readonly source?: string;
    /**
     * A chain of several calls (a query builder kept in a variable, `db.selectFrom('t').selectAll().limit(50)`):
     * the method names called along it, in order. Absent for a single call.
     */
    readonly calls?: readonly string[];
    /**
     * A call of a method of the same class (`this.baseQueryBuilder()`) whose body returns a call chain, directly
     * or through one `const` (`return this.users.createQueryBuilder('u')`): that chain's callee and calls, as `name` and `calls` spell them.
     */
    readonly returned?: { readonly name: string; readonly calls?: readonly string[] };
    /**
     * The class member whose method the chain (or `returned`'s) calls first, `this.<member>.<method>(…)…`:
     * the binding of `users` in `this.users.createQueryBuilder('u').where(…)`.
     */
    readonly receiver?: BindingFact;
  };
  /** parameter / field: decorator names as called (`InjectRepository`, `InjectModel`). */
  readonly decorators?: readonly string[];
  /** class: the base class name and its import (or `local`). */
  readonly extendsName?: string;
  readonly extendsSource?: string;
  /** class: decorator names (`Entity`, `Table`, `Schema`). */
  readonly classDecorators?: readonly string[];
}

/**
 * Where typed linting says a called method is declared. `package` is the npm package name
 * (`typeorm`, `@prisma/client`), `lib` for TypeScript's own lib files, undefined for the project's
 * own files.
 */
export interface DeclaredIn {
  readonly package?: string;
  /** Name of the class or interface that declares the member (`Repository`, `UserRepository`). */
  readonly typeName?: string;
  readonly fileName?: string;
  /** The receiver's type is `any`/`unknown`/unresolved: types tell nothing. */
  readonly unresolved?: boolean;
}

/** Lazily asks the engine where the member at segment `index` is declared (typed mode only). */
export type ResolveDeclaredIn = (index: number) => DeclaredIn | undefined;

/** SPEC §3 loop kinds: the loop statements, and the callback of an iteration call (`xs.map(cb)`). */
export type LoopKind = 'for' | 'for-in' | 'for-of' | 'for-await-of' | 'while' | 'do-while' | 'callback';

/**
 * Where a call runs inside its innermost loop, as far as the per-iteration judgements need it
 * (`core/classify/loop.ts`). Both engines build it from their own AST, the same way.
 */
export interface LoopFact {
  readonly kind: LoopKind;
  /** callback: the iteration method (`map`, `forEach`, `eachSeries`, `pMap`) and its style. */
  readonly iteration?: { readonly method: string; readonly style: 'array' | 'helper' };
  /** callback: the iteration call is itself handed to `Promise.all`/`allSettled`. */
  readonly insidePromiseCombinator?: boolean;
  /** Loop statements: the loop ends right after the call on every path (`return await q()`, `q(); break;`, also inside a `switch`). */
  readonly exitsAfter: boolean;
  /** Loop statements: a hand-written retry loop (`core/classify/retry.ts`). */
  readonly retry: boolean;
  /** The loop walks a fixed list written in the code: an array literal, a module-level constant, `Object.keys` of one. */
  readonly fixedList: boolean;
  /** The call sits in `if (!cache[k]) cache[k] = …` / `if (!seen.has(k)) seen.set(k, …)`: once per distinct key. */
  readonly memoised: boolean;
  /** The call is the fallback branch of a DataLoader (`loaders ? loaders.x.load(id) : q(id)`). */
  readonly dataLoaderFallback: boolean;
  /** Names bound to the current element (`x` in `for (const x of xs)` and in `xs.map((x) => …)`; `reduce`'s second parameter). */
  readonly elementNames: readonly string[];
  /**
   * The call sits in a literal `case` of a `switch` on the current element itself
   * (`claims.map((claim) => { switch (claim) { case 'roles': … } })`), or in the branch of an `if`
   * that compares the element itself with a literal or an enum-like member (`if (feature ===
   * Feature.EXPORTS)`): each branch runs once per distinct value, a dispatch over kinds rather than a query per row.
   */
  readonly switchOnElement: boolean;
  /**
   * Every iteration issues the call in the same tick: before any `await` of a synchronous array
   * callback, or un-awaited from a loop statement whose body awaits nothing.
   */
  readonly sameTick: boolean;
  /**
   * Loop statements whose condition (or the `if` that leaves an endless loop) reads the call's result:
   * `probe` when each round asks for a key the loop body changes, not taken from the result (a search
   * for a free slug: `do { match = await q(slug); slug = next(slug) } while (match)`); `cursor` when the
   * next round's key comes from the result (a linked list, a keyset page's last row); `poll` when the
   * same call runs every round until its result says stop. Absent otherwise.
   */
  readonly nextRoundFromResult?: 'probe' | 'cursor' | 'poll';
  /**
   * A `poll` loop whose condition reads a counter the loop steps (`while (!ready && attempts < max)`
   * with `attempts++`): its rounds are attempts, bounded by the condition. Absent otherwise.
   */
  readonly roundsCounted?: boolean;
  /**
   * Names that hold the current row or a value computed from it, sorted: the element's bindings and
   * the loop body's variables whose value reads them (not a counter or a callback's index alone).
   */
  readonly rowNames: readonly string[];
  /** The loop's counters: a `for (let i = 0; …)` counter, an iteration callback's index parameter (`(item, index) => …`). */
  readonly counterNames?: readonly string[];
  /**
   * Elements, and locals of the loop body holding a stored row of it (`core/classify/loop.ts`
   * `holdsStoredRow`: `const level = await repo.findOne(…)`, `let line = order.lines[i]`), whose
   * properties the loop body sets from the row's own values (`role.permissions = role.permissions.filter(…)`), sorted.
   */
  readonly changedElements: readonly string[];
  /**
   * The call sits in one branch of a dispatch on the element's kind — an `if … else if` chain or a
   * `switch` with several cases comparing an element's property with a constant (`op.type === Op.ADD`):
   * the loop applies a list of operations of different kinds in their order.
   */
  readonly dispatchOnElementKind: boolean;
  /**
   * The function refuses a longer list before the loop walks it: `if (inputs.length > 30) throw …`
   * (the cap, or the smallest of several). Absent when the code states no bound.
   */
  readonly listCap?: number;
  /**
   * The call runs in a `try` of the loop body whose `catch` throws on no path (nested functions
   * aside): every row's failure is caught — logged or recorded — and the loop goes on with the next.
   */
  readonly rowFailureCaught: boolean;
  /**
   * The loop sits in a `catch` block of its function, or in a callback handed to `.catch(…)`: it runs only
   * when something failed (undoing or cleaning up after it). Absent otherwise.
   */
  readonly onErrorPath?: boolean;
  /**
   * Loop statements: the loop walks a list a chunk at a time — a counter stepped by more than one
   * (`i += size`, `offset = offset + size`) and a slice of the list taken from it (`ids.slice(i, i + size)`).
   */
  readonly chunked: boolean;
  /**
   * The call's value is stored (`const saved = await q()`) in a name that a later statement of the
   * loop body reads: the iteration goes on with what the call returned (its id, its row). Absent otherwise.
   */
  readonly resultReadLater?: boolean;
  /**
   * The call's promise, not awaited, is pushed onto a list (`ops.push(prisma.env.create(…))`) that
   * the function around the loop hands to a batch transaction (`prisma.$transaction(ops)`,
   * `$transaction([first, ...ops])`): the rows go in one transaction, as the batched form advises. Absent otherwise.
   */
  readonly batchedInTransaction?: boolean;
  /**
   * The call's value, not awaited, is pushed onto a list (`rows.push(Boost.create({ … }))`) that the
   * function writes whole after the loop, in one call (`manager.save(rows)`, `manager.save(Boost, rows)`,
   * `repository.insert(rows)`: `WHOLE_LIST_WRITES`), never awaits (`Promise.all(rows)`, `await rows`), in a
   * file that imports TypeORM (`WHOLE_LIST_WRITER_PACKAGE`): the call built an entity in memory, and the
   * rows go in one write. Absent otherwise.
   */
  readonly savedTogether?: boolean;
  /** The statement that runs the call is marked as sequential on purpose (`// eslint-disable-next-line no-await-in-loop`). */
  readonly sequentialOnPurpose: boolean;
  /**
   * Loop statements: every round pauses on purpose — a statement of the loop body of its own awaits a
   * timer (`await sleep(1000);`, `await new Promise((resolve) => setTimeout(resolve, 1000));`), not
   * under a condition — and awaits other work than queries and waits (a mail send, an API call, a
   * function of the file that does one, whatever it also queries): a throttled per-item workflow.
   * Absent otherwise.
   */
  readonly paced?: boolean;
  /**
   * After the call, the round that runs it awaits another call that is no query (core
   * `isOtherWorkCall`: not a wait, not a `Promise` combinator): a service method, an external
   * request, an event publish — the next step of a per-element workflow. Absent otherwise.
   */
  readonly awaitsWorkAfter?: boolean;
  /**
   * The object each element of the walked list is, when the function builds that list by mapping
   * every item to one object: `xs.map((x) => ({ … }))`, or to the object that the single `return` of
   * a function or method of the same file gives (`xs.map((x) => this.toCreateInput(x))`), the list
   * held in a `const` or in a variable assigned once, with no element added in place (`push`). Absent otherwise.
   */
  readonly elementObject?: ValueFact;
  /**
   * The list the loop walks, traced through the function's own declarations (`core/classify/loop.ts`
   * `listOrigin` judges it): the iterable of a `for…of`/`for…in`, the receiver of `xs.map(cb)`, the
   * first argument of `_.map(xs, cb)`, `xs` of `for (…; i < xs.length; …)`. Absent for other loops.
   */
  readonly walkedList?: ListExpr;
  /**
   * A `for` loop that counts through a list (`for (let i = 0; i < xs.length; i++)`): the list's path
   * (`['xs']`, `['this', 'items']`) and the counter; `xs[i]` is the row. Absent for other loops.
   */
  readonly rowIndex?: { readonly list: readonly string[]; readonly counter: string };
}

/**
 * Where a list comes from, as the syntax of its function shows it (both engines build it the same
 * way, following `const` declarations and destructuring back to their initialisers, a few steps deep).
 */
export type ListExpr =
  /** A parameter of a function (or a part of one destructured in the parameter list). */
  | { readonly kind: 'parameter' }
  /** The value of an `await`: rows or an object fetched from elsewhere. */
  | { readonly kind: 'awaited' }
  /** `this`. */
  | { readonly kind: 'this' }
  /** An array literal (`[a, b]`, `[]`) or a `new Set()`/`new Map()`/`new Array()` without arguments: its spreads are `parts`. */
  | { readonly kind: 'literal'; readonly parts: readonly ListExpr[] }
  /** `object.property`, `object[key]` (no `property`), an element or a destructured property of `object`. */
  | { readonly kind: 'member'; readonly object: ListExpr; readonly property?: string }
  /** A call: `receiver.method(…args)`, or `method(…args)` without receiver; `new X(…)` as a call of `X`. */
  | { readonly kind: 'call'; readonly method: string; readonly receiver?: ListExpr; readonly args: readonly ListExpr[] }
  /** One of several values: the branches of `c ? a : b`, the operands of `a ?? b`. */
  | { readonly kind: 'either'; readonly options: readonly ListExpr[] }
  /** Anything the syntax does not trace: an import, a global, a reassigned variable, a deeper chain. */
  | { readonly kind: 'unknown' };

/** A name written in capitals (`TABLE`, `T`, `PERMISSIONS`): by convention a constant, the only names whose module-level string value the adapters look up. */
export const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;
