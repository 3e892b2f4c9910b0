import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ts } from 'ts-morph';
import { PACKAGE } from '../package-info.js';
import { writeFileAtomic } from './fs-atomic.js';
import { relativePath, type SyntaxMemo, type SyntaxProblem } from './load-project.js';

/**
 * The audit's cache of per-file facts (SPEC §5 "Scale").
 *
 * Where an audit's time goes (measured on novu `apps/api`, 1,060 files, and outline, 772 files, CPU
 * time): parsing the project's files 0.5–0.7 s; creating the program (module resolution, reading
 * the libraries' declaration files) about 3.5 s; binding and the type checker's answers inside the
 * project checks 4–12 s; our own syntactic walks well under a second. So the cache keeps what the
 * type checker answered, not the syntax: for each file, every typed question the project checks asked
 * about its nodes (is this call a query, which project function does it run, what does this name
 * declare, which project module does this import load) with the answer as plain data (a query
 * match, a position in a project file). A warm run parses every file again (cheap; the checks walk
 * syntax trees) and creates the program and the type checker only if some question is not answered
 * by the cache — for a run where no file changed, never.
 *
 * A typed answer about a file depends on more than its text: on every file it imports, directly or
 * not (a method's declaration, a type inferred through another module). So each file's entry is
 * keyed by the hash of its own text and of every file in its import closure; files outside the
 * project reached through imports are followed too (sibling workspace sources by content, files
 * under `node_modules` by size and modification time). Everything that can change every answer at
 * once is the cache's environment, and a different environment discards the whole cache: the tool
 * version, the settings, the compiler options, the list of project files, the project's global
 * scripts and ambient declarations, and the package manifest and lock file.
 */

const FORMAT = 'backend-patterns-facts';
const FORMAT_VERSION = 1;

/** JSON values, as stored. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

interface FileEntry {
  readonly key: string;
  readonly answers: Record<string, Json>;
}

interface StoredSyntax {
  readonly hash: string;
  readonly problem: SyntaxProblem;
}

interface CacheContent {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly tool: string;
  readonly environment: string;
  readonly files: Record<string, FileEntry>;
  /** Answers about nodes of files outside the project (a library declaration's names), by absolute path; keyed by the file's stamp. */
  readonly outside?: Record<string, FileEntry>;
  readonly syntax: Record<string, StoredSyntax>;
}

/** How a typed answer is stored: `encode` gives undefined for an answer that cannot be (it is then asked again each run). */
export interface AnswerCodec<T> {
  encode(value: T): Json | undefined;
  /** The answer, or undefined when the stored form no longer fits (then it is asked again). */
  decode(json: Json): { readonly value: T } | undefined;
}

/** A program and its type checker. */
export interface Compiled {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
}

/** The typed questions of the project checks, answered live or from the cache. */
export interface TypedAnswers {
  ask<T>(question: string, node: ts.Node, compute: () => T, codec: AnswerCodec<T>): T;
  /**
   * The program to answer the question being computed with: the whole project's (`full`), or where
   * few files are extracted again, a program of those files and what they import (`options`: the
   * project's compiler options).
   */
  compilerFor(full: () => Compiled, options: ts.CompilerOptions): Compiled;
  /** A storable reference to a node of a project file (undefined for any other node). */
  nodeRef(node: ts.Node): Json | undefined;
  /** The node a reference names, in this run's syntax trees. */
  nodeAt(ref: Json): ts.Node | undefined;
}

/** What a run did with the cache: the number to look at after a one-file change is `extracted`. */
export interface FactsCacheStats {
  /** Project files. */
  readonly files: number;
  /** Files whose facts came from the cache. */
  readonly cached: number;
  /** Files whose facts were extracted again: new, changed, or one of their imports changed. */
  readonly extracted: number;
  /** Typed questions the type checker answered in this run. */
  readonly liveAnswers: number;
  /** Why the whole cache was set aside, when it was (absent, unreadable, another version, another environment). */
  readonly discarded?: string;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 27);
}

function isCacheContent(value: unknown): value is CacheContent {
  if (typeof value !== 'object' || value === null) return false;
  const content = value as Partial<Record<keyof CacheContent, unknown>>;
  return content.format === FORMAT && typeof content.version === 'number' && typeof content.tool === 'string' && typeof content.environment === 'string' &&
    typeof content.files === 'object' && content.files !== null && typeof content.syntax === 'object' && content.syntax !== null;
}

function isFileEntry(value: unknown): value is FileEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<keyof FileEntry, unknown>>;
  return typeof entry.key === 'string' && typeof entry.answers === 'object' && entry.answers !== null;
}

/** The facts file beside ESLint's cache file: one folder holds both. */
export function factsCacheFile(eslintCacheFile: string): string {
  return `${eslintCacheFile}.facts.json`;
}

/**
 * The cache file of one project, read once at the start of a run. A missing, unreadable, corrupt or
 * foreign file is an empty cache (said in `stats().discarded`), never an error.
 */
export class FactsCache implements SyntaxMemo {
  private readonly previous: CacheContent | undefined;
  private readonly problem: string | undefined;
  private readonly syntax: Record<string, StoredSyntax> = {};
  private store: FactsStore | undefined;

  constructor(readonly file: string, private readonly root: string) {
    let text: string | undefined;
    try {
      text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    } catch (error) {
      this.problem = `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    }
    if (text === undefined) {
      this.problem ??= 'no cache yet';
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.problem = 'not a facts cache (unreadable JSON)';
      return;
    }
    if (!isCacheContent(parsed)) this.problem = 'not a facts cache';
    else if (parsed.version !== FORMAT_VERSION || parsed.tool !== PACKAGE.version) this.problem = `written by backend-patterns ${parsed.tool}`;
    else this.previous = parsed;
  }

  get(file: string, text: string): SyntaxProblem | undefined {
    const stored = this.previous?.syntax[relativePath(this.root, file)];
    const problem = stored?.hash === contentHash(text) ? stored.problem : undefined;
    if (problem !== undefined) this.syntax[relativePath(this.root, file)] = { hash: contentHash(text), problem };
    return problem;
  }

  set(file: string, text: string, problem: SyntaxProblem): void {
    this.syntax[relativePath(this.root, file)] = { hash: contentHash(text), problem };
  }

  /**
   * The typed answers of this run's files: each file's stored answers when its key (its text and its
   * import closure) and the environment are unchanged, else none (the file is extracted again).
   */
  open(files: readonly ts.SourceFile[], options: ts.CompilerOptions, settings: unknown, onKeyed?: (done: number, cached: number) => void): FactsStore {
    const environment = environmentKey(this.root, files, options, settings);
    const keys = dependencyKeys(files, options);
    const previousFiles = this.previous?.environment === environment ? this.previous.files : undefined;
    const previousOutside = previousFiles === undefined ? undefined : this.previous?.outside;
    const discarded = this.problem ?? (this.previous !== undefined && previousFiles === undefined ? 'settings, compiler options, project files, global declarations or installed packages changed' : undefined);
    this.store = new FactsStore(this.root, files, keys, { files: previousFiles, outside: previousOutside }, environment, discarded, onKeyed);
    return this.store;
  }

  /** Writes the cache atomically; a folder that cannot be written leaves the run's result intact. */
  save(): void {
    const content: CacheContent = {
      format: FORMAT,
      version: FORMAT_VERSION,
      tool: PACKAGE.version,
      environment: this.store?.environment ?? '',
      files: this.store?.entries() ?? {},
      outside: this.store?.outsideEntries() ?? {},
      syntax: this.syntax,
    };
    try {
      writeFileAtomic(this.file, JSON.stringify(content));
    } catch {
      // The cache only saves time; an unwritable one costs the next run its speed, not its findings.
    }
  }
}

/** A run's typed answers: served from the cache where a file's entry is valid, else asked live and kept. */
export class FactsStore implements TypedAnswers {
  private readonly byFile = new Map<string, { readonly relative: string; readonly entry: FileEntry; readonly cached: boolean }>();
  private readonly sourceFiles = new Map<string, ts.SourceFile>();
  private readonly nodeIndex = new Map<string, Map<string, ts.Node>>();
  /** Files outside the project that stored answers point into, parsed alone. */
  private readonly outside = new Map<string, ts.SourceFile>();
  private live = 0;

  constructor(
    private readonly root: string,
    files: readonly ts.SourceFile[],
    keys: ReadonlyMap<string, string>,
    previous: { readonly files: Readonly<Record<string, FileEntry>> | undefined; readonly outside: Readonly<Record<string, FileEntry>> | undefined },
    readonly environment: string,
    private readonly discarded: string | undefined,
    onKeyed?: (done: number, cached: number) => void,
  ) {
    this.previousOutside = previous.outside ?? {};
    let cached = 0;
    for (const [index, file] of files.entries()) {
      const relative = relativePath(root, file.fileName);
      const key = keys.get(file.fileName) ?? '';
      const stored = previous.files?.[relative];
      const valid = isFileEntry(stored) && stored.key === key;
      if (valid) cached += 1;
      this.byFile.set(file.fileName, { relative, entry: { key, answers: valid ? { ...stored.answers } : {} }, cached: valid });
      this.sourceFiles.set(relative, file);
      if (index % 100 === 99 || index === files.length - 1) onKeyed?.(index + 1, cached);
    }
  }

  ask<T>(question: string, node: ts.Node, compute: () => T, codec: AnswerCodec<T>): T {
    const file = this.byFile.get(node.getSourceFile().fileName) ?? this.outsideEntry(node.getSourceFile());
    if (file === undefined) {
      this.live += 1;
      return this.computing(node.getSourceFile(), compute);
    }
    const key = `${question}@${String(node.pos)}:${String(node.end)}:${String(node.kind)}`;
    const stored = file.entry.answers[key];
    if (stored !== undefined) {
      const decoded = codec.decode(stored);
      if (decoded !== undefined) return decoded.value;
    }
    this.live += 1;
    const value = this.computing(node.getSourceFile(), compute);
    const encoded = codec.encode(value);
    if (encoded !== undefined) file.entry.answers[key] = encoded;
    return value;
  }

  /** The files of the questions being computed, innermost last. */
  private readonly asking: ts.SourceFile[] = [];
  private partial: Compiled | null | undefined;

  private computing<T>(file: ts.SourceFile, compute: () => T): T {
    this.asking.push(file);
    try {
      return compute();
    } finally {
      this.asking.pop();
    }
  }

  compilerFor(full: () => Compiled, options: ts.CompilerOptions): Compiled {
    const file = this.asking.at(-1);
    if (file === undefined) return full();
    if (this.partial === undefined) this.partial = this.partialProgram(options);
    return this.partial !== null && this.partial.program.getSourceFile(file.fileName) === file ? this.partial : full();
  }

  /**
   * A program whose roots are the files to extract again and the files that declare globals: the
   * type checker then binds those files and what they import, not the whole project, and answers
   * about their nodes as the whole project's checker would (what a file's answers depend on is what
   * keys it). Not worth it where most files are extracted again (null: the whole project's program).
   */
  private partialProgram(options: ts.CompilerOptions): Compiled | null {
    const extracted = [...this.byFile.entries()].filter(([, file]) => !file.cached).map(([fileName]) => fileName);
    if (extracted.length === 0 || extracted.length * 2 > this.byFile.size) return null;
    const project = new Map([...this.sourceFiles.values()].map((file) => [file.fileName, file]));
    const roots = [...new Set([...extracted, ...[...project.values()].filter(declaresGlobals).map((file) => file.fileName)])];
    const host = ts.createCompilerHost(options, true);
    const readSource = host.getSourceFile.bind(host);
    const libFolder = '/node_modules/typescript/lib/';
    host.getDefaultLibLocation = () => libFolder.slice(0, -1);
    host.getDefaultLibFileName = (libOptions) => `${libFolder}${ts.getDefaultLibFileName(libOptions)}`;
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => (fileName.startsWith(libFolder) ? bundledLibText(fileName) !== undefined : fileExists(fileName));
    const readFile = host.readFile.bind(host);
    host.readFile = (fileName) => (fileName.startsWith(libFolder) ? bundledLibText(fileName) : readFile(fileName));
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const known = project.get(fileName);
      if (known !== undefined) return known;
      const lib = fileName.startsWith(libFolder) ? bundledLibText(fileName) : undefined;
      return lib === undefined ? readSource(fileName, languageVersion, onError, shouldCreate) : ts.createSourceFile(fileName, lib, languageVersion, true);
    };
    const program = ts.createProgram({ rootNames: roots, options, host });
    return { program, checker: program.getTypeChecker() };
  }

  private readonly previousOutside: Readonly<Record<string, FileEntry>>;
  private readonly outsideFiles = new Map<string, { readonly entry: FileEntry } | undefined>();

  /** The entry of a file outside the project (by path), valid while the file's stamp is the stored one. */
  private outsideEntry(source: ts.SourceFile): { readonly entry: FileEntry } | undefined {
    if (this.outsideFiles.has(source.fileName)) return this.outsideFiles.get(source.fileName);
    const stamp = fileStamp(source.fileName) ?? (bundledLibText(source.fileName) === source.text ? LIB_STAMP : undefined);
    const stored = this.previousOutside[source.fileName];
    const entry = stamp === undefined ? undefined : { entry: { key: stamp, answers: isFileEntry(stored) && stored.key === stamp ? { ...stored.answers } : {} } };
    this.outsideFiles.set(source.fileName, entry);
    return entry;
  }

  /** The entries of files outside the project, by absolute path. */
  outsideEntries(): Record<string, FileEntry> {
    const entries: Record<string, FileEntry> = {};
    for (const [fileName, file] of this.outsideFiles) if (file !== undefined && Object.keys(file.entry.answers).length > 0) entries[fileName] = file.entry;
    return entries;
  }

  /**
   * `[path relative to the root, pos, end, kind]` for a node of a project file; for a declaration
   * outside the project (the standard library's `Error`, a package's types) `['', absolute path, pos,
   * end, kind, size and modification time]`, found again in a parse of that file alone.
   */
  nodeRef(node: ts.Node): Json | undefined {
    const source = node.getSourceFile();
    const file = this.byFile.get(source.fileName);
    if (file !== undefined) return [file.relative, node.pos, node.end, node.kind];
    const stamp = this.outsideEntry(source)?.entry.key;
    return stamp === undefined ? undefined : ['', source.fileName, node.pos, node.end, node.kind, stamp];
  }

  nodeAt(ref: Json): ts.Node | undefined {
    if (!Array.isArray(ref)) return undefined;
    const [relative, pos, end, kind] = ref as readonly Json[];
    if (ref.length === 6) return this.outsideNodeAt(ref as readonly Json[]);
    if (typeof relative !== 'string' || ref.length !== 4 || typeof pos !== 'number' || typeof end !== 'number' || typeof kind !== 'number') return undefined;
    const file = this.sourceFiles.get(relative);
    return file === undefined ? undefined : this.indexOf(relative, file).get(`${String(pos)}:${String(end)}:${String(kind)}`);
  }

  private outsideNodeAt([, file, pos, end, kind, stamp]: readonly Json[]): ts.Node | undefined {
    if (typeof file !== 'string' || typeof stamp !== 'string' || typeof pos !== 'number' || typeof end !== 'number' || typeof kind !== 'number') return undefined;
    let source = this.outside.get(file);
    if (source === undefined) {
      const text = stamp === LIB_STAMP ? bundledLibText(file) : fileStamp(file) === stamp ? readTextOrUndefined(file) : undefined;
      if (text === undefined) return undefined;
      source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      this.outside.set(file, source);
    }
    return this.indexOf(file, source).get(`${String(pos)}:${String(end)}:${String(kind)}`);
  }

  private indexOf(id: string, file: ts.SourceFile): ReadonlyMap<string, ts.Node> {
    let index = this.nodeIndex.get(id);
    if (index === undefined) {
      const built = new Map<string, ts.Node>();
      const visit = (node: ts.Node): void => {
        const id = `${String(node.pos)}:${String(node.end)}:${String(node.kind)}`;
        if (!built.has(id)) built.set(id, node);
        ts.forEachChild(node, visit);
      };
      visit(file);
      index = built;
      this.nodeIndex.set(id, index);
    }
    return index;
  }

  stats(): FactsCacheStats {
    const cached = [...this.byFile.values()].filter((file) => file.cached).length;
    return { files: this.byFile.size, cached, extracted: this.byFile.size - cached, liveAnswers: this.live, ...(this.discarded === undefined ? {} : { discarded: this.discarded }) };
  }

  /** The entries to store, by relative path. */
  entries(): Record<string, FileEntry> {
    const entries: Record<string, FileEntry> = {};
    for (const file of this.byFile.values()) entries[file.relative] = file.entry;
    return entries;
  }
}

/** Answers computed live every time: the audit without `--cache`. */
export const LIVE_ANSWERS: TypedAnswers = {
  ask: (_question, _node, compute) => compute(),
  compilerFor: (full) => full(),
  nodeRef: () => undefined,
  nodeAt: () => undefined,
};

function readTextOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The standard library's declaration files live in memory, bundled with ts-morph's TypeScript (whose version keys the cache). */
const LIB_STAMP = `lib@${ts.version}`;
let bundledLibs: ReadonlyMap<string, string> | undefined;

function bundledLibText(file: string): string | undefined {
  if (!file.includes('/typescript/lib/lib.')) return undefined;
  if (bundledLibs === undefined) {
    // ts-morph's own copy of @ts-morph/common, which holds the texts it gives its compiler.
    const fromTsMorph = createRequire(createRequire(import.meta.url).resolve('ts-morph'));
    const common = fromTsMorph('@ts-morph/common') as { getLibFiles(): readonly { fileName: string; text: string }[] };
    bundledLibs = new Map(common.getLibFiles().map((lib) => [path.posix.basename(lib.fileName), lib.text]));
  }
  return bundledLibs.get(path.posix.basename(file));
}

/** Size and modification time: enough to tell that a file outside the project changed. */
function fileStamp(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return `${String(stat.size)}:${String(stat.mtimeMs)}`;
  } catch {
    return undefined;
  }
}

const LOCK_FILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];

/** The manifest and lock file that say which packages (and so which declaration files) are installed: the nearest ones from `root` up. */
function installedPackagesKey(root: string): string[] {
  const found: string[] = [];
  let manifest = false;
  let lock = false;
  for (let folder = root; ; folder = path.dirname(folder)) {
    const candidates = manifest ? LOCK_FILES : ['package.json', ...LOCK_FILES];
    for (const name of candidates) {
      const file = path.join(folder, name);
      if (!existsSync(file)) continue;
      try {
        found.push(`${name}:${contentHash(readFileSync(file, 'utf8'))}`);
      } catch {
        found.push(`${name}:unreadable`);
      }
      if (name === 'package.json') manifest = true;
      else lock = true;
    }
    if (lock || path.dirname(folder) === folder) break;
  }
  return found;
}

/** A file that declares globals: a script (no import or export), or one with `declare global` / `declare module '…'`. */
function declaresGlobals(file: ts.SourceFile): boolean {
  if (!ts.isExternalModule(file)) return true;
  return file.statements.some((statement) => ts.isModuleDeclaration(statement) && (ts.isStringLiteral(statement.name) || (statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0));
}

function environmentKey(root: string, files: readonly ts.SourceFile[], options: ts.CompilerOptions, settings: unknown): string {
  const hash = createHash('sha256');
  // Settings may carry patterns or functions from a JavaScript config: their source text keys them.
  const plain = (_key: string, value: unknown): unknown => (value instanceof RegExp || typeof value === 'function' ? String(value) : value);
  hash.update(JSON.stringify({
    tool: PACKAGE.version,
    format: FORMAT_VERSION,
    typescript: ts.version,
    settings: settings ?? null,
    options,
    files: files.map((file) => relativePath(root, file.fileName)),
    globals: files.filter(declaresGlobals).map((file) => `${relativePath(root, file.fileName)}:${contentHash(file.text)}`),
    packages: installedPackagesKey(root),
  }, plain));
  return hash.digest('base64url');
}

/** Every module specifier a file names: imports, re-exports, `import x = require()`, `require()`, `import()`, `import('…')` types, augmentations. */
export function moduleSpecifiers(file: ts.SourceFile): string[] {
  const found: string[] = [];
  const literal = (node: ts.Node | undefined): void => {
    if (node !== undefined && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const deep = /\brequire\s*\(|\bimport\s*\(/.test(file.text);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) literal(node.name);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) literal(node.arguments[0]);
    // Without `require(` or `import(` in the text, every other specifier is in a top-level statement or a `declare module` block.
    if (deep || ts.isModuleDeclaration(node) || ts.isModuleBlock(node)) ts.forEachChild(node, visit);
  };
  for (const statement of file.statements) visit(statement);
  for (const reference of file.referencedFiles) found.push(reference.fileName.startsWith('.') ? reference.fileName : `./${reference.fileName}`);
  return found;
}

/**
 * Each project file's key: the hash of its text and of every file in its import closure (project
 * files by content; other files by content, following their imports, except those under
 * `node_modules`, by size and modification time — the lock file stands for their installs).
 */
export function dependencyKeys(files: readonly ts.SourceFile[], options: ts.CompilerOptions): Map<string, string> {
  const project = new Map(files.map((file) => [file.fileName, file]));
  const resolution = ts.createModuleResolutionCache(process.cwd(), (name) => name, options);
  const own = new Map<string, string>();
  const edges = new Map<string, readonly string[]>();
  const resolveAll = (fileName: string, specifiers: readonly string[]): string[] => {
    const targets = new Set<string>();
    for (const specifier of specifiers) {
      const resolved = ts.resolveModuleName(specifier, fileName, options, ts.sys, resolution).resolvedModule?.resolvedFileName;
      if (resolved !== undefined) targets.add(path.resolve(resolved));
    }
    return [...targets].sort();
  };
  const visitOutside = (fileName: string): void => {
    if (own.has(fileName)) return;
    if (fileName.split(path.sep).includes('node_modules') || fileName.includes('/node_modules/')) {
      own.set(fileName, `${fileName}@${fileStamp(fileName) ?? 'missing'}`);
      edges.set(fileName, []);
      return;
    }
    let text = '';
    try {
      text = readFileSync(fileName, 'utf8');
    } catch {
      text = '\u0000unreadable';
    }
    own.set(fileName, `${fileName}#${contentHash(text)}`);
    edges.set(fileName, []);
    const info = ts.preProcessFile(text, true, true);
    const specifiers = [...info.importedFiles, ...info.referencedFiles.map((reference) => ({ fileName: reference.fileName.startsWith('.') ? reference.fileName : `./${reference.fileName}` }))].map((entry) => entry.fileName);
    const targets = resolveAll(fileName, specifiers);
    edges.set(fileName, targets);
    for (const target of targets) if (!project.has(target)) visitOutside(target);
  };
  for (const file of files) {
    own.set(file.fileName, `${file.fileName}#${contentHash(file.text)}`);
  }
  for (const file of files) {
    const targets = resolveAll(file.fileName, moduleSpecifiers(file));
    edges.set(file.fileName, targets);
    for (const target of targets) if (!project.has(target)) visitOutside(target);
  }
  const keys = new Map<string, string>();
  for (const file of files) {
    const closure = new Set<string>([file.fileName]);
    const stack = [file.fileName];
    for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
      for (const target of edges.get(current) ?? []) {
        if (closure.has(target)) continue;
        closure.add(target);
        stack.push(target);
      }
    }
    const hash = createHash('sha256');
    for (const member of [...closure].sort()) hash.update(`${own.get(member) ?? member}\n`);
    keys.set(file.fileName, hash.digest('base64url').slice(0, 27));
  }
  return keys;
}

const NONE = null;

/** Plain data answers (a query match), `undefined` stored as null. */
export function plainCodec<T>(): AnswerCodec<T | undefined> {
  return {
    encode: (value) => (value === undefined ? NONE : (JSON.parse(JSON.stringify(value)) as Json)),
    decode: (json) => ({ value: json === NONE ? undefined : (json as T) }),
  };
}

/** A node of a project file (stored by position); an answer outside the project is not stored. */
export function nodeCodec<T extends ts.Node>(answers: TypedAnswers, accepts: (node: ts.Node) => node is T): AnswerCodec<T | undefined> {
  return {
    encode: (value) => (value === undefined ? NONE : answers.nodeRef(value)),
    decode: (json) => {
      if (json === NONE) return { value: undefined };
      const node = answers.nodeAt(json);
      return node !== undefined && accepts(node) ? { value: node } : undefined;
    },
  };
}

/** The declaration a name refers to, of whatever kind (stored by position, in or outside the project). */
export function declarationCodec(answers: TypedAnswers): AnswerCodec<ts.Declaration | undefined> {
  return nodeCodec(answers, (node): node is ts.Declaration => node.kind !== ts.SyntaxKind.Unknown);
}

/** A codec of `A` seen as `B` (a function node as the call graph's `FunctionInfo`). */
export function mappedCodec<A, B>(codec: AnswerCodec<A>, toStored: (value: B) => A, fromStored: (value: A) => B): AnswerCodec<B> {
  return {
    encode: (value) => codec.encode(toStored(value)),
    decode: (json) => {
      const decoded = codec.decode(json);
      return decoded === undefined ? undefined : { value: fromStored(decoded.value) };
    },
  };
}

/** Aliases followed, as callers of `symbolAt` do (an import → what it imports). */
const MAX_ALIAS_HOPS = 8;

/**
 * The symbol of a name, stored as what it finally stands for: its flags and its declarations once
 * aliases are followed. A stored symbol comes back as a record of those two fields alone, for
 * callers that follow aliases and read declarations (the layer check's imports).
 */
export function symbolCodec(answers: TypedAnswers, checker: () => ts.TypeChecker): AnswerCodec<ts.Symbol | undefined> {
  return {
    encode: (symbol) => {
      if (symbol === undefined) return NONE;
      let final = symbol;
      for (let hops = 0; (final.flags & ts.SymbolFlags.Alias) !== 0 && hops < MAX_ALIAS_HOPS; hops += 1) final = checker().getAliasedSymbol(final);
      if ((final.flags & ts.SymbolFlags.Alias) !== 0) return undefined;
      const declarations = (final.declarations ?? []).map((declaration) => answers.nodeRef(declaration));
      if (declarations.some((ref) => ref === undefined)) return undefined;
      return { flags: final.flags, declarations: declarations as Json[] };
    },
    decode: (json) => {
      if (json === NONE) return { value: undefined };
      if (typeof json !== 'object' || Array.isArray(json)) return undefined;
      const stored = json as { readonly flags?: Json; readonly declarations?: Json };
      if (typeof stored.flags !== 'number' || !Array.isArray(stored.declarations)) return undefined;
      const declarations = (stored.declarations as readonly Json[]).map((ref) => answers.nodeAt(ref));
      if (declarations.some((node) => node === undefined)) return undefined;
      return { value: { flags: stored.flags, declarations: declarations as ts.Declaration[] } as unknown as ts.Symbol };
    },
  };
}

/** The `--debug` line of a run with `--cache`. */
export function describeFactsCache(stats: FactsCacheStats, file: string): string {
  const count = (value: number): string => value.toLocaleString('en-US');
  const discarded = stats.discarded === undefined ? '' : ` (cache set aside: ${stats.discarded})`;
  return `facts cache ${file}: ${count(stats.files)} files, ${count(stats.extracted)} extracted, ${count(stats.cached)} from the cache, ${count(stats.liveAnswers)} typed questions asked${discarded}`;
}
