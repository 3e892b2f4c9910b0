import type { ChainFact, DeclaredIn } from '../facts.js';
import type { TypeOrValueSpecifier } from '../settings.js';

/**
 * Splits an identifier, property name or header into lower-case words:
 * `userEmail` → [user, email], `email_address` → [email, address], `X-Api-Key` → [x, api, key],
 * `HTTPServer` → [http, server], `accessToken2` → [access, token, 2], `userIDs` → [user, ids].
 */
export function nameParts(name: string): readonly string[] {
  const known = partsCache.get(name);
  if (known !== undefined) return known;
  if (partsCache.size >= PARTS_CACHE_LIMIT) partsCache.clear();
  const parts = Object.freeze(splitName(name));
  partsCache.set(name, parts);
  return parts;
}

/** Names recur (every `userRepository`, `email`, `findMany`); a bounded cache keeps a long editor session's memory flat. */
const partsCache = new Map<string, readonly string[]>();
const PARTS_CACHE_LIMIT = 50_000;

function splitName(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    // A lookahead, not `([A-Z]+)([A-Z][a-z])`: that backtracks quadratically on long upper-case runs.
    // An acronym's plural stays one word (`userIDs` → [user, ids], `secretKIDsToDrop` → [secret, kids, to, drop]);
    // not before a word of its own (`customerSSNAsText` → [customer, ssn, as, text], `DOBIsSet`); `listAPIs` ends in one.
    .replace(/([A-Z])(?=[AIOU](?!s(?![A-Za-z ]))[a-z]|[B-HJ-NP-TV-Z](?!s(?![a-z]))[a-z])/g, '$1 ')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .split(/[^A-Za-z\d]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.toLowerCase());
}

/**
 * A compiled test: does a text contain any of `words` (lower-case), ignoring case? One scan of the
 * text and no lower-cased copy of it, for pre-filters run on every file. Unicode case folding
 * matches everything `text.toLowerCase().includes(word)` would, so no file is skipped that the
 * lower-cased test keeps.
 */
export function mentionsAnyWord(words: readonly string[]): (text: string) => boolean {
  const pattern = new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'iu');
  return (text) => pattern.test(text);
}

/**
 * Cheap text pre-filter for a name pattern from settings: can `lowerText` (a file's text, lower-cased)
 * contain a name the pattern matches? Every literal piece between the `separators` must occur in it.
 */
export function mayMentionPattern(lowerText: string, pattern: string, separators: RegExp): boolean {
  const pieces = pattern.toLowerCase().split(separators).filter((piece) => piece.length > 0);
  return pieces.length === 0 || pieces.every((piece) => lowerText.includes(piece));
}

/** `true` when `name` matches `pattern`, a name with optional `*` wildcards (`*Repository`). */
export function matchesNamePattern(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  const pieces = pattern.split('*');
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last)) return false;
  // Middle pieces in order, without backtracking: linear in the name's length.
  let position = first.length;
  const end = name.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = name.indexOf(piece, position);
    if (found === -1 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}

function specifierNames(spec: Exclude<TypeOrValueSpecifier, string>): readonly string[] {
  return typeof spec.name === 'string' ? [spec.name] : spec.name;
}

/**
 * Matches a setting that names a type or value (plain name or typescript-eslint
 * `TypeOrValueSpecifier`) against a name and, in typed mode, where it is declared.
 * A plain name matches by name alone; a `{ from: 'package' }` specifier needs the declaring
 * package when it is known, and falls back to the name when it is not (untyped linting).
 */
export function matchesSpecifier(spec: TypeOrValueSpecifier, name: string, declaredIn?: DeclaredIn): boolean {
  if (typeof spec === 'string') return spec === name;
  if (!specifierNames(spec).includes(name)) return false;
  if (declaredIn === undefined || declaredIn.unresolved === true) return true;
  switch (spec.from) {
    case 'package':
      return declaredIn.package === spec.package;
    case 'lib':
      return declaredIn.package === 'lib';
    case 'file':
      return (
        declaredIn.package === undefined &&
        (spec.path === undefined || (declaredIn.fileName?.replaceAll('\\', '/').endsWith(spec.path.replace(/^\.\//, '')) ?? false))
      );
  }
}

/** The names of a chain's parts, `this` and unnamed parts (a call's result, `(…)`) left out: `this.users.findOne` → `['users', 'findOne']`. */
export function chainNamesOf(chain: ChainFact): string[] {
  return chain.segments.map((segment) => segment.name).filter((name) => name !== '' && name !== 'this');
}

/** The last named segment of a dotted path or chain (`this.userRepository` → `userRepository`). */
export function lastName(path: readonly string[]): string | undefined {
  for (let index = path.length - 1; index >= 0; index -= 1) {
    const name = path[index];
    if (name !== undefined && name !== '' && name !== 'this') return name;
  }
  return undefined;
}

/**
 * The npm package an import specifier points into (`pino/file` → `pino`, `@nestjs/common/x` →
 * `@nestjs/common`, `node:util` → `util`, `@types/pino` → `pino`); undefined for relative,
 * absolute and alias (`@/…`, `~/…`, `#…`) specifiers, which point into the project itself.
 */
export function packageNameOf(specifier: string | undefined): string | undefined {
  if (specifier === undefined || specifier === '') return undefined;
  if (/^(?:\.|\/|~|#|@\/|[A-Za-z]:[\\/])/.test(specifier)) return undefined;
  const bare = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  const pieces = bare.split('/');
  const name = bare.startsWith('@') ? pieces.slice(0, 2).join('/') : (pieces[0] ?? bare);
  return name.startsWith('@types/') ? name.slice('@types/'.length) : name;
}
