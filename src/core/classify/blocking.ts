import {
  BLOCKING_FUNCTIONS,
  BLOCKING_MODULES,
  FS_METADATA_FUNCTIONS,
  LARGE_RANDOM_BYTES,
  NON_BLOCKING_ALTERNATIVES,
  type BlockingFamily,
} from '../catalogs/blocking-calls.js';

export type { BlockingFamily } from '../catalogs/blocking-calls.js';

const FS_METADATA: ReadonlySet<string> = new Set(FS_METADATA_FUNCTIONS);

/**
 * A call whose callee the file binds to a module (SPEC §3 "Evidence before names"): `fs.readFileSync`
 * with `fs` imported or required from `'node:fs'`, or `readFileSync` imported by name.
 */
export interface ModuleCallFact {
  /** The module specifier the callee's root is imported or required from (`node:fs`, `bcrypt`). */
  readonly source: string;
  /** The exported names from the module down to the called function: `['readFileSync']`, `['default', 'hashSync']` is normalised by the adapter to `['hashSync']`. */
  readonly path: readonly string[];
  /** The last argument is a function (a callback form, `randomBytes(16, cb)`). */
  readonly hasCallback: boolean;
  /** The first argument, when it is a number literal. */
  readonly firstNumber?: number;
}

export interface BlockingCallMatch {
  readonly family: BlockingFamily;
  /** The called function's name (`readFileSync`). */
  readonly name: string;
  /** What to call instead, for messages. */
  readonly alternative: string;
}

/** The family of calls a module holds, by its import specifier (`node:fs`, `fs-extra`, `bcryptjs`). */
export function blockingFamilyOf(source: string): BlockingFamily | undefined {
  return Object.hasOwn(BLOCKING_MODULES, source) ? BLOCKING_MODULES[source as keyof typeof BLOCKING_MODULES] : undefined;
}

/**
 * Does this call run synchronous I/O, CPU-heavy crypto, compression or a child process on the
 * event loop? Only a function of the module itself (`fs.readFileSync`, not `fs.promises.readFile`),
 * named in the catalog, counts; `randomBytes` / `randomFillSync` only without a callback and with a
 * large literal size (see `LARGE_RANDOM_BYTES`).
 */
export function classifyBlockingCall(call: ModuleCallFact): BlockingCallMatch | undefined {
  const family = blockingFamilyOf(call.source);
  if (family === undefined || call.path.length !== 1) return undefined;
  const name = call.path[0] ?? '';
  const blocking = BLOCKING_FUNCTIONS[family];
  // One metadata system call (`existsSync`, `statSync`, `unlinkSync`) moves no data: microseconds, not worth a change.
  if (family === 'fs' && FS_METADATA.has(name)) return undefined;
  let matches = blocking === 'any-sync' ? /^[a-z]\w*Sync$/.test(name) : (blocking as readonly string[]).includes(name);
  if (!matches && family === 'crypto' && (name === 'randomBytes' || name === 'randomFillSync')) {
    matches = (name === 'randomFillSync' || !call.hasCallback) && call.firstNumber !== undefined && call.firstNumber >= LARGE_RANDOM_BYTES;
  }
  if (!matches) return undefined;
  const base = name.replace(/Sync$/, '');
  const alternativeName = family === 'child_process' && base === 'spawn' ? 'spawn' : base;
  return { family, name, alternative: NON_BLOCKING_ALTERNATIVES[family].replace('{{name}}', alternativeName) };
}

/** What an adapter reads of a blocking `fs` call for {@link readsBundledFile}. */
export interface FileCallFacts {
  /** The `fs` function called (`readFileSync`). */
  readonly name: string;
  /**
   * The path is built only from where the module or the process is (`__dirname`, `import.meta.dirname`,
   * `process.cwd()`), string literals and constants bound to them: a file that ships with the code.
   */
  readonly staticPath: boolean;
  /** The call runs in a loop or an array callback of its function. */
  readonly inLoop: boolean;
}

/**
 * One synchronous read of a file that ships with the code (`readFileSync(path.join(__dirname,
 * 'templates', 'reset.html'))`, a bundled stylesheet, a build-info file): a few kilobytes the page
 * cache serves in microseconds. On the real backends measured such reads were read on rare paths
 * (an error page, a PDF render, a mail template) and no team would act on them. Reads in a loop, of
 * a path built from a parameter or a request, directory listings and writes are still reported.
 */
export function readsBundledFile(facts: FileCallFacts): boolean {
  return facts.name === 'readFileSync' && facts.staticPath && !facts.inLoop;
}

/**
 * Key derivation and password hashing (crypto, bcrypt, argon2) take tens to hundreds of
 * milliseconds by design and run for requests (sign-in, API-key checks) in nearly every server
 * that calls them, so any serving code counts. File system, compression and process calls are
 * common in start-up code: they count where the code shows that it serves a request (a layer,
 * a middleware, a handler).
 */
export function needsRequestEvidence(family: BlockingFamily): boolean {
  return family === 'fs' || family === 'zlib' || family === 'child_process';
}

/**
 * A function whose own name declares it synchronous (`hashSync`, `compareSync`, `readConfigSync`),
 * as Node's and the libraries' `…Sync` functions do. When its whole body is the one blocking call
 * it is a sync alias of that call under the project's name: blocking is its stated contract, and
 * whether to block is decided where it is called, as for the library function it wraps.
 */
export function isSyncVariantName(name: string): boolean {
  return /^[a-z]\w*Sync$/.test(name);
}

/**
 * A function that loads or registers resource files (`loadTemplates`, `addTranslationFile`,
 * `registerSchemas`, `readManifest`): it runs when the server starts or an operator configures
 * it, not per request.
 */
export function isResourceLoaderName(name: string): boolean {
  return RESOURCE_LOADER_NAME.test(name);
}

/** A verb, then resources in the plural (`loadTemplates`) or a resource kind and its file (`addTranslationFile`), never any noun (`readUserFile`). */
const RESOURCE_LOADER_NAME = new RegExp(
  '^(?:load|preload|register|add|read|compile|recompile)' +
    '(?:(?:Files|Templates|Translations|Locales|Schemas|Plugins|Assets|Fonts|Partials|Views|Manifest)' +
    '|(?:All|Translation|Locale|Template|Email|Mail|Static|Schema|Plugin|I18n|Message|View|Font|Partial|Asset)s?(?:File|Files|Template|Templates|Manifest))$',
);
