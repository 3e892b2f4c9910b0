import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

/**
 * The audit merges the per-file rule's findings: a service that hashes a password with the
 * synchronous bcrypt API is reported at the call, in JSON and in SARIF; the template it reads once
 * at module load is not.
 */
const FILES: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ name: 'accounts-api', private: true, dependencies: { express: '*', bcrypt: '*' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src'] }),
  'src/accounts.service.ts': `import bcrypt from 'bcrypt';
import { readFileSync } from 'node:fs';

const welcome = readFileSync('templates/welcome.html', 'utf8');

export class AccountsService {
  register(email: string, password: string) {
    const passwordHash = bcrypt.hashSync(password, 12);
    return { email, passwordHash, welcome };
  }
}
`,
};

let root = '';

beforeAll(() => {
  buildOnce();
  root = mkdtempSync(path.join(tmpdir(), 'backend-patterns-event-loop-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}, 120_000);

afterAll(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

describe('audit with no-event-loop-blocking', () => {
  it('reports the synchronous hash in JSON, and not the read at module load', () => {
    const run = runCli(['audit', root, '--no-config-lookup', '--rules', 'no-event-loop-blocking', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; message: string }> };
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${String(finding.line)}`)).toEqual(['no-event-loop-blocking src/accounts.service.ts:8']);
    expect(report.findings[0]?.message).toContain("'bcrypt.hashSync' blocks the event loop");
    expect(run.status).toBe(1);
  });

  it('reports it in SARIF with the rule id and location', () => {
    const run = runCli(['audit', root, '--no-config-lookup', '--rules', 'no-event-loop-blocking', '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.map((result) => `${result.ruleId} ${result.locations[0]?.physicalLocation.artifactLocation.uri ?? ''}:${String(result.locations[0]?.physicalLocation.region.startLine)}`)).toEqual([
      'no-event-loop-blocking src/accounts.service.ts:8',
    ]);
  });
});
