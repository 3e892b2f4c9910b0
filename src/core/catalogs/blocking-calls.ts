/**
 * Synchronous calls that block the event loop, per module. Plain data; `classify/blocking.ts`
 * matches a call's module and exported name against it.
 *
 * Node's own guide: "Don't block the event loop" (https://nodejs.org/en/learn/asynchronous-work/dont-block-the-event-loop)
 * names the synchronous `fs`, `crypto` (`pbkdf2Sync`, `scryptSync`, `randomBytes` without a
 * callback), `zlib` and `child_process` APIs as the calls a server must not make while serving.
 */

export type BlockingFamily = 'fs' | 'crypto' | 'zlib' | 'child_process' | 'bcrypt' | 'argon2';

/** Module specifiers whose exports we judge, and the family of calls they hold. */
export const BLOCKING_MODULES = {
  fs: 'fs',
  'node:fs': 'fs',
  'fs-extra': 'fs',
  'graceful-fs': 'fs',
  crypto: 'crypto',
  'node:crypto': 'crypto',
  zlib: 'zlib',
  'node:zlib': 'zlib',
  child_process: 'child_process',
  'node:child_process': 'child_process',
  bcrypt: 'bcrypt',
  bcryptjs: 'bcrypt',
  '@node-rs/bcrypt': 'bcrypt',
  '@node-rs/argon2': 'argon2',
} as const satisfies Readonly<Record<string, BlockingFamily>>;

/**
 * Exported functions that always block, by family. For `fs` and `zlib` every `…Sync` export does
 * (https://nodejs.org/api/fs.html#synchronous-api, https://nodejs.org/api/zlib.html#convenience-methods);
 * the other families list them: crypto's key derivation and key / prime generation
 * (https://nodejs.org/api/crypto.html), `child_process`'s synchronous process creation
 * (https://nodejs.org/api/child_process.html#synchronous-process-creation), bcrypt / bcryptjs
 * `hashSync` / `compareSync` (https://github.com/kelektiv/node.bcrypt.js#api), `@node-rs`'s
 * `hashSync` / `verifySync`. `genSaltSync` is left out: it only reads a few random bytes.
 */
export const BLOCKING_FUNCTIONS = {
  fs: 'any-sync',
  zlib: 'any-sync',
  crypto: ['pbkdf2Sync', 'scryptSync', 'generateKeyPairSync', 'generateKeySync', 'generatePrimeSync', 'checkPrimeSync'],
  child_process: ['execSync', 'execFileSync', 'spawnSync'],
  bcrypt: ['hashSync', 'compareSync', 'verifySync'],
  argon2: ['hashSync', 'verifySync'],
} as const satisfies Readonly<Record<BlockingFamily, 'any-sync' | readonly string[]>>;

/**
 * `fs` functions that touch one directory entry and move no file contents: a single metadata
 * system call (https://nodejs.org/api/fs.html#synchronous-api: `existsSync`, `statSync`,
 * `unlinkSync`, `mkdirSync`…), microseconds on the disk a server writes its temporary files to;
 * fs-extra's `pathExistsSync` / `ensureDirSync` are `existsSync` / `mkdirSync({ recursive })`.
 * Reading, writing, copying, listing a directory or removing a tree (`rmSync`, `removeSync`)
 * still blocks for as long as the data is large.
 */
export const FS_METADATA_FUNCTIONS = [
  'existsSync', 'statSync', 'lstatSync', 'fstatSync', 'accessSync', 'unlinkSync', 'mkdirSync', 'renameSync', 'chmodSync', 'chownSync',
  'lchownSync', 'utimesSync', 'realpathSync', 'readlinkSync', 'symlinkSync', 'linkSync', 'closeSync', 'mkdtempSync', 'pathExistsSync', 'ensureDirSync',
] as const;

/**
 * `crypto.randomBytes(size)` / `randomFillSync(buffer)` without a callback block only for large
 * sizes: "This should normally never take longer than a few milliseconds" for the entropy, and the
 * docs ask to partition *large* requests (https://nodejs.org/api/crypto.html#cryptorandombytessize-callback).
 * A 16- or 32-byte token is microseconds of work, so only a size at or above this many bytes,
 * written as a number, is reported.
 */
export const LARGE_RANDOM_BYTES = 65_536;

/** The asynchronous form to use instead, per family (`{{name}}` is the call's name without `Sync`). */
export const NON_BLOCKING_ALTERNATIVES = {
  fs: "'{{name}}' from 'node:fs/promises'",
  zlib: "the callback or stream form ('{{name}}' with promisify, or a zlib stream)",
  crypto: "the callback form ('{{name}}' with promisify) that runs on the thread pool",
  child_process: "'{{name}}' with a callback (or promisify(execFile)), or move the work to a job",
  bcrypt: "the promise form 'await bcrypt.{{name}}(…)' that runs on the thread pool",
  argon2: "the promise form 'await {{name}}(…)'",
} as const satisfies Readonly<Record<BlockingFamily, string>>;
