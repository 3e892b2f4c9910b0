/**
 * Test helpers that build the plain facts the engines would produce, from short source-like text.
 *
 * `chain('this.logger.info', [str('hi')])` → segments `this`, `logger`, `info(…)`.
 * Calls in the middle of the chain take their arguments inline:
 * `chain("knex('users').where(id, 1).first")`, `chain('logger.child({}).info', [str('x')])`.
 * Inline arguments understand string literals, numbers, `true`/`false`, `null`, `undefined`, `fn`
 * and `() => …` (a function), `{}`, `[]`, template text in backquotes, and identifiers / member paths.
 * `new X().run` marks the root as `new`.
 */
import type { ChainFact, ChainSegment, PropertyFact, TypeHint, ValueFact, BindingFact } from '../../src/core/facts.js';

export interface ChainOptions {
  readonly rootImport?: string;
  readonly awaited?: boolean;
  readonly binding?: BindingFact;
}

/** Splits `text` on `separator` outside parentheses, brackets, braces and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const char of text) {
    if (quote !== undefined) {
      current += char;
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth += 1;
    else if (char === ')' || char === ']' || char === '}') depth -= 1;
    if (char === separator && depth === 0) {
      pieces.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  pieces.push(current);
  return pieces;
}

/** Parses one inline argument. */
export function parseValue(raw: string): ValueFact {
  const text = raw.trim();
  if (/^'.*'$|^".*"$/.test(text)) return { kind: 'string', text: text.slice(1, -1) };
  if (/^`.*`$/.test(text)) return { kind: 'template', text: text.slice(1, -1), expressions: [] };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'number' };
  if (text === 'true' || text === 'false') return { kind: 'boolean' };
  if (text === 'null') return { kind: 'null' };
  if (text === 'undefined') return { kind: 'undefined' };
  if (text === 'fn' || text.includes('=>') || text.startsWith('function')) return { kind: 'function' };
  if (text === '{}') return { kind: 'object', properties: [], spreads: [] };
  if (text === '[]') return { kind: 'array', elements: [] };
  if (text.includes('(')) return { kind: 'call', chain: chain(text) };
  const path = text.split('.');
  return path.length === 1 ? { kind: 'identifier', name: text } : { kind: 'member', path };
}

function parseSegment(raw: string, lastArgs: readonly ValueFact[] | undefined, isLast: boolean): ChainSegment {
  const open = raw.indexOf('(');
  if (open === -1) {
    if (isLast) return { name: raw, call: { args: lastArgs ?? [] } };
    return { name: raw };
  }
  const name = raw.slice(0, open);
  const inner = raw.slice(open + 1, raw.lastIndexOf(')')).trim();
  const inline = inner === '' ? [] : splitTopLevel(inner, ',').map(parseValue);
  return { name, call: { args: isLast && lastArgs !== undefined ? lastArgs : inline } };
}

/** Builds a `ChainFact`; the last segment is always a call, with `args` when given. */
export function chain(text: string, args?: readonly ValueFact[], options: ChainOptions = {}): ChainFact {
  let source = text.trim();
  const isNew = source.startsWith('new ');
  if (isNew) source = source.slice('new '.length);
  const pieces = splitTopLevel(source, '.');
  const segments = pieces.map((piece, index) => {
    const segment = parseSegment(piece, args, index === pieces.length - 1);
    return index === 0 && isNew ? { ...segment, isNew: true } : segment;
  });
  return {
    segments,
    awaited: options.awaited ?? false,
    ...(options.rootImport === undefined ? {} : { rootImport: options.rootImport }),
    ...(options.binding === undefined ? {} : { binding: options.binding }),
  };
}

export const str = (text: string): ValueFact => ({ kind: 'string', text });
export const num = (): ValueFact => ({ kind: 'number' });
export const bool = (): ValueFact => ({ kind: 'boolean' });
export const nul = (): ValueFact => ({ kind: 'null' });
export const fn = (): ValueFact => ({ kind: 'function' });
export const other = (typeHint?: TypeHint): ValueFact => (typeHint === undefined ? { kind: 'other' } : { kind: 'other', typeHint });

export function id(name: string, typeHint?: TypeHint): ValueFact {
  return typeHint === undefined ? { kind: 'identifier', name } : { kind: 'identifier', name, typeHint };
}

export function member(path: string, typeHint?: TypeHint): ValueFact {
  const segments = path.split('.');
  return typeHint === undefined ? { kind: 'member', path: segments } : { kind: 'member', path: segments, typeHint };
}

/** A value written like source: `ref('user.email')` → member, `ref('email')` → identifier. */
export function ref(path: string): ValueFact {
  return path.includes('.') ? member(path) : id(path);
}

export function call(text: string, args?: readonly ValueFact[], options?: ChainOptions): ValueFact {
  return { kind: 'call', chain: chain(text, args, options) };
}

export function newOf(className: string, args: readonly ValueFact[] = []): ValueFact {
  return { kind: 'new', className, args };
}

export function arr(...elements: ValueFact[]): ValueFact {
  return { kind: 'array', elements };
}

export function tpl(text: string, ...expressions: ValueFact[]): ValueFact {
  return { kind: 'template', text, expressions };
}

export function bin(operator: string, left: ValueFact, right: ValueFact): ValueFact {
  return { kind: 'binary', operator, left, right };
}

/** A property `key: value`; `prop('email')` alone is the shorthand `{ email }`. */
export function prop(key: string | undefined, value?: ValueFact): PropertyFact {
  if (value === undefined) return { key, value: id(key ?? ''), shorthand: true };
  return { key, value, shorthand: false };
}

export function obj(properties: readonly PropertyFact[], spreads: readonly ValueFact[] = []): ValueFact {
  return { kind: 'object', properties, spreads };
}
