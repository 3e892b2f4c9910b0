/** Lines labelled `// expect: <rule-id>` (several ids may be listed, separated by commas or spaces). */
export function expectedLines(text: string, ruleId: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    const labels = /\/\/\s*expect:\s*([\w/,\s-]+)$/.exec(line)?.[1]?.split(/[\s,]+/) ?? [];
    if (labels.includes(ruleId)) lines.push(index + 1);
  });
  return lines;
}
