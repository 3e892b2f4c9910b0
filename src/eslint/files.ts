import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';

/** The linted file's path relative to ESLint's working directory, with `/` separators (what layer and composition globs match). */
export function relativeFilename(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): string {
  return path.relative(context.cwd, context.filename).replaceAll('\\', '/');
}
