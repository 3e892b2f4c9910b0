// Shared helpers of the real-code evaluation loop (bench/realworld). Plain Node, no dependencies.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT = path.resolve(HERE, '..', '..');
export const REPOS_DIR = path.join(HERE, '.repos');
export const OUT_DIR = path.join(HERE, 'out');
export const VERDICTS_DIR = path.join(HERE, 'verdicts');
/** Where snapshots live: the agent `fetch` tool's mirror, or any folder of `<owner>+<name>` clones. */
export const MIRROR = process.env.REALWORLD_MIRROR ?? '/work/.mirror';

/**
 * The repositories of the set named by `REALWORLD_SET` (default `repos`: `repos.json`; `holdout`:
 * `holdout.json`, backends measured after a change but never used to shape one).
 * @returns {{name:string, repo:string, commit:string, stack:string, root:string, tsFiles:number}[]}
 */
export function loadRepos() {
  const set = process.env.REALWORLD_SET ?? 'repos';
  if (!/^[\w-]+$/.test(set)) throw new Error(`REALWORLD_SET must be a file name without .json, got ${set}`);
  return JSON.parse(readFileSync(path.join(HERE, `${set}.json`), 'utf8'));
}

/** The git directory of a repository's snapshot, or undefined when it was not fetched. */
export function mirrorGitDir(repo) {
  const base = path.join(MIRROR, repo.replace('/', '+'));
  for (const candidate of [path.join(base, 'repo', '.git'), path.join(base, 'repo'), path.join(base, '.git'), base]) {
    if (existsSync(path.join(candidate, 'HEAD')) && existsSync(path.join(candidate, 'objects'))) return candidate;
  }
  return undefined;
}

export const TS_FILE = /\.(ts|mts|cts)$/;
export const DECLARATION = /\.d\.[mc]?ts$/;
/** Folders never linted. */
export const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', '.git', '.next', 'coverage', '.turbo', 'out']);
/** Test files: counted apart in tsFiles (they are linted all the same, as a user's lint run would). */
export const TEST_FILE = /(\.(spec|test|e2e|e2e-spec)\.[mc]?ts$)|(^|\/)(__tests__|__mocks__|tests?|e2e)\//;

/** The .ts/.mts/.cts files (no declarations) under `dir`, relative to `base`, sorted. */
export function listTsFiles(base, dir) {
  const found = [];
  const visit = (absolute) => {
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = path.join(absolute, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) visit(child);
      } else if (entry.isFile() && TS_FILE.test(entry.name) && !DECLARATION.test(entry.name)) {
        found.push(path.relative(base, child).split(path.sep).join('/'));
      }
    }
  };
  visit(path.join(base, dir));
  return found.sort();
}

export function parseArgs(argv, spec) {
  const options = { _: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (!arg.startsWith('--')) {
      options._.push(arg);
      continue;
    }
    const [key, inline] = arg.slice(2).split('=', 2);
    if (spec[key] === 'boolean') options[key] = true;
    else if (spec[key] === 'string') options[key] = inline ?? argv[(index += 1)];
    else throw new Error(`unknown option --${key}; known: ${Object.keys(spec).map((k) => `--${k}`).join(' ')}`);
  }
  return options;
}

/** The key that joins a finding with a verdict. */
export const findingKey = (f) => `${f.repo}\u0000${f.path}\u0000${f.line}\u0000${f.rule}`;

export function readJsonl(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => [line.trim(), index + 1])
    .filter(([line]) => line !== '' && !line.startsWith('//'))
    .map(([line, number]) => {
      try {
        return JSON.parse(line);
      } catch (error) {
        throw new Error(`${file}:${number}: ${error.message}`);
      }
    });
}

/** Every finding of the latest run of a config: { findings, runs } (runs: the per-repo out files). */
export function loadFindings(config) {
  const dir = path.isAbsolute(config) ? config : path.join(OUT_DIR, config);
  const runs = [];
  const findings = [];
  if (!existsSync(dir)) return { findings, runs };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const run = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    runs.push(run);
    findings.push(...run.findings);
  }
  return { findings, runs };
}

export function loadVerdicts() {
  if (!existsSync(VERDICTS_DIR)) return [];
  return readdirSync(VERDICTS_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readJsonl(path.join(VERDICTS_DIR, f)).map((v) => ({ ...v, file: f })));
}
