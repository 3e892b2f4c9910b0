/**
 * File globs from settings (`layers.*.files`, `composition.files`), matched without regular
 * expressions: a backtracking regex engine (what picomatch compiles to) can be made to run for
 * minutes by a pattern such as `**\/*a*a*\/**\/*a*b` against a long path. Here a path is matched
 * segment by segment with a table over (pattern segment × path segment), and each segment with
 * the two-pointer wildcard algorithm, so matching is polynomial in the pattern and path lengths
 * whatever the pattern.
 *
 * Supported: `**` as a whole segment (zero or more folders), `*` (any run within a segment, dot
 * files included), `?` (one character), `[abc]` / `[a-z]` / `[!a]` classes, `{a,b}` alternatives
 * (nested too, at most {@link MAX_BRACE_EXPANSIONS} expansions). Backslashes are folder separators
 * (Windows-style settings), never escapes. Not supported, and
 * rejected by settings validation with a clear message: extglobs (`+(a|b)`, `@(…)`, `!(…)`, …)
 * and leading `!` negation.
 */

export const MAX_BRACE_EXPANSIONS = 256;

type Token = { readonly kind: 'char'; readonly char: string } | { readonly kind: 'any' } | { readonly kind: 'star' } | { readonly kind: 'class'; readonly test: (char: string) => boolean };
/** A compiled path segment: `**`, or a test of one folder or file name. */
type Segment = 'globstar' | SegmentTest;
interface SegmentTest {
  readonly test: (name: string) => boolean;
  /** The segment without wildcards: the name it must equal. */
  readonly literal: string | undefined;
}

/** Why a glob cannot be used, or undefined when it can. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.startsWith('!')) return 'negated globs (leading !) are not supported; list the folders to include instead';
  if (/[@!+*?]\(/.test(pattern)) return 'extglobs such as +(a|b) or @(a|b) are not supported; use {a,b}';
  let depth = 0;
  for (const char of pattern) {
    if (char === '{') depth += 1;
    if (char === '}') depth -= 1;
    if (depth < 0) return "unbalanced '}'";
  }
  if (depth !== 0) return "unbalanced '{'";
  if (expandBraces(pattern).length > MAX_BRACE_EXPANSIONS) return `{…} alternatives expand to more than ${String(MAX_BRACE_EXPANSIONS)} patterns`;
  return undefined;
}

/** `a{b,c{d,e}}f` → [abf, acdf, acef]; stops growing past the expansion limit. */
function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open === -1) return [pattern];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let index = open; index < pattern.length; index += 1) {
    const char = pattern[index];
    if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) {
        close = index;
        break;
      }
    } else if (char === ',' && depth === 1) commas.push(index);
  }
  if (close === -1) return [pattern];
  const prefix = pattern.slice(0, open);
  const suffixes = expandBraces(pattern.slice(close + 1));
  const bounds = [open, ...commas, close];
  const alternatives = bounds.slice(1).flatMap((end, index) => expandBraces(pattern.slice((bounds[index] ?? open) + 1, end)));
  const expanded: string[] = [];
  for (const alternative of alternatives) {
    for (const suffix of suffixes) {
      expanded.push(`${prefix}${alternative}${suffix}`);
      if (expanded.length > MAX_BRACE_EXPANSIONS) return expanded;
    }
  }
  return expanded;
}

function classTest(body: string): (char: string) => boolean {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = negated ? body.slice(1) : body;
  const ranges: [string, string][] = [];
  const chars = Array.from(members);
  for (let index = 0; index < chars.length; index += 1) {
    const from = chars[index] ?? '';
    if (chars[index + 1] === '-' && index + 2 < chars.length) {
      ranges.push([from, chars[index + 2] ?? from]);
      index += 2;
    } else ranges.push([from, from]);
  }
  return (char) => ranges.some(([low, high]) => char >= low && char <= high) !== negated;
}

function tokenize(segment: string): Token[] {
  const tokens: Token[] = [];
  const chars = Array.from(segment);
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index] ?? '';
    if (char === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (char === '?') tokens.push({ kind: 'any' });
    else if (char === '[') {
      const close = chars.indexOf(']', index + 2);
      if (close === -1) tokens.push({ kind: 'char', char });
      else {
        tokens.push({ kind: 'class', test: classTest(chars.slice(index + 1, close).join('')) });
        index = close;
      }
    } else tokens.push({ kind: 'char', char });
  }
  return tokens;
}

function tokenMatches(token: Token, char: string): boolean {
  return token.kind === 'any' || (token.kind === 'char' ? token.char === char : token.kind === 'class' && token.test(char));
}

/** Wildcard match of one path segment: greedy with one remembered star, O(pattern × name). */
function matchSegment(tokens: readonly Token[], name: string): boolean {
  const chars = Array.from(name);
  let t = 0;
  let c = 0;
  let starT = -1;
  let starC = 0;
  while (c < chars.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind !== 'star' && tokenMatches(token, chars[c] ?? '')) {
      t += 1;
      c += 1;
    } else if (token?.kind === 'star') {
      starT = t;
      starC = c;
      t += 1;
    } else if (starT !== -1) {
      t = starT + 1;
      starC += 1;
      c = starC;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t += 1;
  return t === tokens.length;
}

function compileOne(pattern: string): readonly Segment[] {
  const segments: Segment[] = [];
  for (const piece of pattern.split('/')) {
    if (piece === '**') {
      if (segments[segments.length - 1] !== 'globstar') segments.push('globstar');
    } else if (piece !== '' || segments.length === 0) segments.push(segmentTest(tokenize(piece)));
  }
  return segments;
}

/**
 * The test for one segment. The common shapes (`name`, `*.service.ts`, `users*`, `*user*`) become
 * string comparisons; the rest use the wildcard algorithm.
 */
function segmentTest(tokens: readonly Token[]): SegmentTest {
  const literalOf = (from: number, to: number): string | undefined => {
    let text = '';
    for (let index = from; index < to; index += 1) {
      const token = tokens[index];
      if (token?.kind !== 'char') return undefined;
      text += token.char;
    }
    return text;
  };
  const whole = literalOf(0, tokens.length);
  if (whole !== undefined) return { test: (name) => name === whole, literal: whole };
  const leadingStar = tokens[0]?.kind === 'star';
  const trailingStar = tokens.length > 1 && tokens[tokens.length - 1]?.kind === 'star';
  const inner = literalOf(leadingStar ? 1 : 0, trailingStar ? tokens.length - 1 : tokens.length);
  if (inner !== undefined) {
    if (leadingStar && trailingStar) return { test: (name) => name.includes(inner), literal: undefined };
    if (leadingStar) return { test: (name) => name.endsWith(inner), literal: undefined };
    if (trailingStar) return { test: (name) => name.startsWith(inner), literal: undefined };
  }
  return { test: (name) => matchSegment(tokens, name), literal: undefined };
}

/**
 * Does the path (split in segments) match? A table over pattern segments × path segments, one row
 * reused in place (a layer glob is tested against every linted file).
 */
function matchSegments(pattern: readonly Segment[], parts: readonly string[]): boolean {
  // `**/x`: the last segment alone decides.
  const [first, second] = pattern;
  if (pattern.length === 2 && first === 'globstar' && second !== undefined && second !== 'globstar') return parts.length > 0 && second.test(parts[parts.length - 1] ?? '');
  // reachable[index]: the pattern so far can consume exactly the first `index` parts.
  const reachable = new Uint8Array(parts.length + 1);
  reachable[0] = 1;
  for (const segment of pattern) {
    if (segment === 'globstar') {
      let seen = 0;
      for (let index = 0; index < reachable.length; index += 1) {
        seen |= reachable[index] ?? 0;
        reachable[index] = seen;
      }
    } else {
      // Right to left, so each cell reads the row before this segment.
      for (let index = parts.length - 1; index >= 0; index -= 1) {
        reachable[index + 1] = reachable[index] === 1 && segment.test(parts[index] ?? '') ? 1 : 0;
      }
      reachable[0] = 0;
    }
  }
  return reachable[parts.length] === 1;
}

/**
 * Compiles a glob (see the module comment) into a path test. Paths use `/`; backslashes and a
 * leading `./` in the path are the caller's to normalise. Throws nothing: an invalid glob (see
 * {@link globProblem}) matches what its literal reading matches.
 */
export function compileGlob(pattern: string): (path: string) => boolean {
  const test = compileGlobParts(pattern);
  return (path) => test(path.split('/'));
}

/** `compileGlob` for a path already split on `/`, for callers that test one path against many globs. */
export function compileGlobParts(pattern: string): (parts: readonly string[]) => boolean {
  const compiled = expandBraces(pattern.replaceAll('\\', '/'))
    .slice(0, MAX_BRACE_EXPANSIONS)
    .map(compileOne)
    .map((segments) => ({
      segments,
      literals: segments.flatMap((segment) => (segment === 'globstar' || segment.literal === undefined || segment.literal === '' ? [] : [segment.literal])),
      last: segments[segments.length - 1],
    }));
  return (parts) => {
    const lastPart = parts[parts.length - 1] ?? '';
    return compiled.some(
      ({ segments, literals, last }) =>
        // Cheap rejections first: a wildcard-free segment must be one of the path's, a final file pattern must match the file name.
        literals.every((literal) => parts.includes(literal)) && (last === undefined || last === 'globstar' || last.test(lastPart)) && matchSegments(segments, parts),
    );
  };
}
