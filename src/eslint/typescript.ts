import { createRequire } from 'node:module';
import type ts from 'typescript';

let api: typeof ts | undefined;

/**
 * The TypeScript compiler API, loaded on first use. Only typed linting needs it, and by then
 * typescript-eslint has already required it, so this is a cache hit. A static ESM
 * `import ts from 'typescript'` would make Node scan the 9 MB CommonJS bundle for export names
 * in every lint process, typed or not (about 0.2 s).
 */
export function tsApi(): typeof ts {
  api ??= createRequire(import.meta.url)('typescript') as typeof ts;
  return api;
}

/** A tsconfig's text as TypeScript parses it (comments, trailing commas), for core's `ConfigTextParser`; undefined when it is no JSON. */
export function parseConfigText(file: string, text: string): unknown {
  const read = tsApi().parseConfigFileTextToJson(file, text);
  return read.error === undefined ? (read.config as unknown) : undefined;
}
