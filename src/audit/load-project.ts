import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { Project, ts, type SourceFile } from 'ts-morph';
import { InputError } from '../core/errors.js';
import type { Finding } from './findings.js';

/** Files above this size are listed as skipped, not parsed (generated bundles, data dumps). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** The first syntax error of a file (offset, message), or null; remembered by file content between runs. */
export type SyntaxProblem = { readonly start: number; readonly message: string } | null;

/** Remembers the syntax errors of files by content (JavaScript files need the program for them otherwise). */
export interface SyntaxMemo {
  get(file: string, text: string): SyntaxProblem | undefined;
  set(file: string, text: string, problem: SyntaxProblem): void;
}

export interface LoadedProject {
  readonly project: Project;
  /** The compiler options the project was loaded with (the first tsconfig that lists files). */
  readonly compilerOptions: ts.CompilerOptions;
  /** The audited directory, absolute. */
  readonly root: string;
  readonly tsconfig: string;
  /** Source files to analyse (declaration files and unreadable input excluded), sorted by path. */
  readonly files: readonly SourceFile[];
  /** Input that could not be analysed: unreadable, binary, too large, or not parsable. */
  readonly problems: readonly Finding[];
}

/**
 * The project's one program: the language service's, so that what asks the service (find all
 * references) and what asks the checker share one parse of the libraries, one binding and one
 * type checker; `project.getProgram()` would build a second program beside it.
 */
export function programOf(project: Project): ts.Program {
  return project.getLanguageService().compilerObject.getProgram() ?? project.getProgram().compilerObject;
}

/** `a/b.ts` relative to the root, with `/` separators. */
export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function inputProblem(root: string, file: string, message: string, line = 1, column = 1): Finding {
  return { ruleId: 'parse-error', severity: 'error', file: relativePath(root, file), line, column, endLine: line, endColumn: column, message };
}

function diagnosticText(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
}

interface ParsedConfig {
  readonly options: ts.CompilerOptions;
  readonly fileNames: readonly string[];
}

/** Reads a tsconfig and, recursively, the projects it `references` (solution-style configs, monorepo packages). */
function readTsconfig(file: string, seen: Set<string>): ParsedConfig[] {
  const absolute = path.resolve(file);
  if (seen.has(absolute)) return [];
  seen.add(absolute);
  if (!existsSync(absolute)) throw new InputError(`tsconfig not found: ${absolute}`);
  const read = ts.readConfigFile(absolute, (name) => ts.sys.readFile(name));
  if (read.error !== undefined) throw new InputError(`Cannot read ${absolute}: ${diagnosticText(read.error)}`);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(absolute), undefined, absolute);
  // TS18003 "No inputs were found" is normal for a solution-style config with `files: []`.
  const fatal = parsed.errors.find((error) => error.category === ts.DiagnosticCategory.Error && error.code !== 18003);
  if (fatal !== undefined) throw new InputError(`Invalid ${absolute}: ${diagnosticText(fatal)}`);
  const configs: ParsedConfig[] = [{ options: parsed.options, fileNames: parsed.fileNames }];
  for (const reference of parsed.projectReferences ?? []) {
    const target = reference.path;
    const referenced = existsSync(target) && statSync(target).isDirectory() ? path.join(target, 'tsconfig.json') : target;
    configs.push(...readTsconfig(referenced, seen));
  }
  return configs;
}

/** Reads a file for analysis, or says why it cannot be analysed. */
function readSource(file: string): { text: string } | { problem: string } {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    return { problem: `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}` };
  }
  if (size > MAX_FILE_BYTES) return { problem: `Skipped: file is larger than ${String(MAX_FILE_BYTES / 1024 / 1024)} MB` };
  let buffer: Buffer;
  try {
    const handle = openSync(file, 'r');
    try {
      buffer = Buffer.alloc(size);
      readSync(handle, buffer, 0, size, 0);
    } finally {
      closeSync(handle);
    }
  } catch (error) {
    return { problem: `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}` };
  }
  if (buffer.subarray(0, 8192).includes(0)) return { problem: 'Skipped: binary file (contains NUL bytes)' };
  return { text: buffer.toString('utf8') };
}

/**
 * Loads the project of `root` from its tsconfig (`tsconfigPath`, else `<root>/tsconfig.json`),
 * following `references`. Never runs project code. Files that cannot be read or parsed are listed
 * in `problems`; the rest is analysed. `onFilesRead` hears the readable files (and their text) before they are parsed;
 * `syntaxMemo` remembers JavaScript files' syntax errors between runs (`--cache`); `onParsed` hears
 * how many files are parsed.
 * @throws InputError for a missing path, a missing or broken tsconfig.
 */
export function loadProject(rootArgument: string, tsconfigPath?: string, onFilesRead?: (root: string, files: readonly string[], texts: readonly string[]) => void, syntaxMemo?: SyntaxMemo, onParsed?: (done: number, total: number) => void): LoadedProject {
  const root = path.resolve(rootArgument);
  let rootStat;
  try {
    rootStat = statSync(root);
  } catch {
    throw new InputError(`Path not found: ${rootArgument}`);
  }
  if (!rootStat.isDirectory()) throw new InputError(`Not a directory: ${rootArgument} (pass the project's folder)`);
  const tsconfig = path.resolve(tsconfigPath ?? path.join(root, 'tsconfig.json'));
  if (!existsSync(tsconfig)) {
    throw new InputError(tsconfigPath === undefined ? `No tsconfig.json in ${rootArgument}; pass --tsconfig <file>` : `tsconfig not found: ${tsconfigPath}`);
  }
  const configs = readTsconfig(tsconfig, new Set());
  const options = configs.find((config) => config.fileNames.length > 0)?.options ?? configs[0]?.options ?? {};
  const fileNames = [...new Set(configs.flatMap((config) => config.fileNames))]
    .filter((file) => /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/.test(file) && !/\.d\.[cm]?ts$/.test(file))
    .sort();
  const problems: Finding[] = [];
  const sources: { readonly file: string; readonly text: string }[] = [];
  for (const file of fileNames) {
    const read = readSource(file);
    if ('problem' in read) problems.push(inputProblem(root, file, read.problem));
    else sources.push({ file, text: read.text });
  }
  onFilesRead?.(root, sources.map((source) => source.file), sources.map((source) => source.text));
  const project = new Project({ compilerOptions: { ...options, noEmit: true, allowJs: options.allowJs ?? false }, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const files = sources.map((source, index) => {
    if (index % 50 === 49) onParsed?.(index + 1, sources.length);
    return addSourceFile(project, source.file, source.text);
  });
  // The program (module resolution, the libraries' declaration files) is created only when a
  // JavaScript file's syntax needs it: the project checks create it on their first typed question.
  let program: ts.Program | undefined;
  const parsable: SourceFile[] = [];
  for (const file of files) {
    const problem = firstSyntaxProblem(file.compilerNode, () => (program ??= programOf(project)), syntaxMemo);
    if (problem === null) {
      parsable.push(file);
      continue;
    }
    const { line, character } = file.compilerNode.getLineAndCharacterOfPosition(problem.start);
    problems.push(inputProblem(root, file.getFilePath(), `Parsing error: ${problem.message}`, line + 1, character + 1));
  }
  return { project, compilerOptions: options, root, tsconfig, files: parsable, problems };
}

/**
 * Adds a file of the disk to the project with the text read for analysis, parsing it once.
 * (`createSourceFile(file, text, { overwrite: true })` on a path that exists on disk first loads and
 * parses the disk's copy, wraps its nodes, then parses `text` again: three times the work.)
 * The disk's copy is used when it is still the text read; a file changed since is given `text`.
 */
function addSourceFile(project: Project, file: string, text: string): SourceFile {
  const added = project.addSourceFileAtPathIfExists(file);
  // ts-morph strips a byte order mark from the text it parses.
  const expected = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (added !== undefined && added.compilerNode.text === expected) return added;
  return project.createSourceFile(file, text, { overwrite: true });
}

/**
 * The first syntax error of a file, as `program.getSyntacticDiagnostics` gives it: the parser's own
 * for TypeScript files; for JavaScript files also TypeScript-only syntax, which the program reports
 * (remembered by content in `memo`).
 */
function firstSyntaxProblem(file: ts.SourceFile, program: () => ts.Program, memo: SyntaxMemo | undefined): SyntaxProblem {
  const parsed = (file as ts.SourceFile & { readonly parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const isJavaScript = /\.[cm]?jsx?$/.test(file.fileName);
  if (parsed !== undefined && !isJavaScript) {
    const first = parsed[0];
    return first === undefined ? null : { start: first.start, message: diagnosticText(first) };
  }
  const known = memo?.get(file.fileName, file.text);
  if (known !== undefined) return known;
  const diagnostic = program().getSyntacticDiagnostics(file)[0];
  const problem = diagnostic === undefined ? null : { start: diagnostic.start, message: diagnosticText(diagnostic) };
  memo?.set(file.fileName, file.text, problem);
  return problem;
}

/** The text of a file as read for analysis, for code frames and fingerprints (empty when unreadable). */
export function readTextSafely(file: string): string {
  try {
    const text = readFileSync(file);
    return text.subarray(0, 8192).includes(0) || text.length > MAX_FILE_BYTES ? '' : text.toString('utf8');
  } catch {
    return '';
  }
}
