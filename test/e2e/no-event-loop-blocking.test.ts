import { describe, expect, it } from 'vitest';
import { auditWithRule, temporaryProject } from '../helpers/temp-project.js';

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

const root = temporaryProject('event-loop', FILES);

describe('audit with no-event-loop-blocking', () => {
  it('reports the synchronous hash in JSON, and not the read at module load', () => {
    const run = auditWithRule(root(), 'no-event-loop-blocking', 'json');
    expect(run.locations).toEqual(['no-event-loop-blocking src/accounts.service.ts:8']);
    expect(run.messages[0]).toContain("'bcrypt.hashSync' blocks the event loop");
    expect(run.status).toBe(1);
  });

  it('reports it in SARIF with the rule id and location', () => {
    expect(auditWithRule(root(), 'no-event-loop-blocking', 'sarif').locations).toEqual(['no-event-loop-blocking src/accounts.service.ts:8']);
  });
});
