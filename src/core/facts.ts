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
  | { readonly kind: 'identifier'; readonly name: string; readonly typeHint?: TypeHint }
  | { readonly kind: 'member'; readonly path: readonly string[]; readonly typeHint?: TypeHint }
  | { readonly kind: 'call'; readonly chain: ChainFact }
  | { readonly kind: 'new'; readonly className: string; readonly args: readonly ValueFact[] }
  | { readonly kind: 'function' }
  | { readonly kind: 'binary'; readonly operator: string; readonly left: ValueFact; readonly right: ValueFact }
  | { readonly kind: 'other'; readonly typeHint?: TypeHint };

export interface PropertyFact {
  /** Static key (identifier, string or number literal, computed literal); undefined when computed. */
  readonly key: string | undefined;
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
