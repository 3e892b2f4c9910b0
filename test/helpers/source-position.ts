/** Line and column (1-based) of the first occurrence of `needle` in `code`: exact report positions without counting by hand. */
export function positionOf(code: string, needle: string): { line: number; column: number } {
  const index = code.indexOf(needle);
  if (index === -1) throw new Error(`'${needle}' is not in the case`);
  const before = code.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
