import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAudit } from '../audit/audit.js';
import { baselineText } from '../audit/baseline.js';
import { writeFileAtomic } from '../audit/fs-atomic.js';
import { configText, ESLINT_CONFIG_FILES, importLine, NEW_CONFIG_FILE, settingsFor, SIDE_CONFIG_FILE, summaryLines } from './config.js';
import { detectProject, type Detection } from './detect.js';

export interface InitFlags {
  readonly dryRun?: boolean;
  /** Print the detection and the settings as JSON (implies a dry run). */
  readonly json?: boolean;
  /** Record every current finding in this baseline file (`true`: the default name). */
  readonly baseline?: boolean | string;
}

export const DEFAULT_BASELINE_FILE = 'backend-patterns-baseline.json';

/**
 * `backend-patterns init [path]`: detects the project, then writes the ESLint flat config (a new
 * `eslint.config.mjs`, or `eslint.backend-patterns.config.mjs` beside an existing config, which is
 * never touched) or prints it with `--dry-run`, and with `--baseline` records the current findings.
 * @throws InputError on a folder that is not a Node.js project.
 */
export async function runInit(target: string, flags: InitFlags, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const detection = detectProject(target);
  if (flags.json === true) {
    out(`${JSON.stringify({ ...detection, root: undefined, settings: settingsFor(detection) }, null, 2)}\n`);
    return 0;
  }
  const text = configText(detection);
  const existing = ESLINT_CONFIG_FILES.find((name) => existsSync(path.join(detection.root, name)));
  const file = existing === undefined ? NEW_CONFIG_FILE : SIDE_CONFIG_FILE;
  const line = existing === undefined ? undefined : importLine(isCommonJs(detection.root, existing));
  if (flags.dryRun === true) {
    out(`// ${file}${existing === undefined ? '' : ` (${existing} exists and is left as it is)`}\n${text}`);
    if (line !== undefined) out(`\n// Then add this line inside the array that ${existing ?? ''} exports:\n//   ${line}\n`);
    if (flags.baseline !== undefined && flags.baseline !== false) err('backend-patterns: --dry-run writes nothing; run init again without it to record the baseline\n');
    return 0;
  }
  writeFileAtomic(path.join(detection.root, file), text);
  err(`backend-patterns: wrote ${file}\n${summaryLines(detection).map((entry) => `  ${entry}\n`).join('')}`);
  if (line !== undefined) err(`backend-patterns: ${existing ?? ''} is left as it is; add this line inside the array it exports:\n  ${line}\n`);
  if (!detection.typescript) err('backend-patterns: no TypeScript found; the config lints JavaScript with the default parser\n');
  if (flags.baseline !== undefined && flags.baseline !== false) {
    const baselineFile = path.resolve(detection.root, typeof flags.baseline === 'string' ? flags.baseline : DEFAULT_BASELINE_FILE);
    const count = await recordBaseline(detection, baselineFile);
    err(`backend-patterns: baseline ${path.relative(process.cwd(), baselineFile) || baselineFile} records ${String(count)} findings; run \`backend-patterns audit --baseline ${path.relative(detection.root, baselineFile)}\` to report only new ones\n`);
  }
  return 0;
}

/** Audits the project with the settings just written (the `--update-baseline` path) and writes the baseline. */
async function recordBaseline(detection: Detection, file: string): Promise<number> {
  const folder = mkdtempSync(path.join(tmpdir(), 'backend-patterns-init-'));
  try {
    const settingsFile = path.join(folder, 'settings.json');
    writeFileSync(settingsFile, JSON.stringify(settingsFor(detection)));
    const result = await runAudit({ path: detection.root, config: settingsFile, eslint: true, configLookup: false, baseline: file, updateBaseline: true });
    writeFileAtomic(file, baselineText(result.findings.map((finding) => finding.fingerprint)));
    return result.findings.length;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function isCommonJs(root: string, configFile: string): boolean {
  if (/\.c[jt]s$/.test(configFile)) return true;
  if (/\.m[jt]s$/.test(configFile)) return false;
  try {
    return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { type?: unknown }).type !== 'module';
  } catch {
    return false;
  }
}
