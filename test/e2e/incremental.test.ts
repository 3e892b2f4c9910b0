import { execFileSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryProject } from '../helpers/temp-project.js';
import { runCli } from '../helpers/cli.js';

const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: [] }, include: ['src'] });

const REPOSITORY = `import type { PrismaClient } from '@prisma/client';

export class TicketsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  forAgent(agentId: string): Promise<{ id: string }[]> {
    return this.prisma.ticket.findMany({ where: { agentId } });
  }
}
`;

const SERVICE = `import type { TicketsRepository } from './tickets.repository.js';

export class TicketsService {
  constructor(private readonly tickets: TicketsRepository) {}

  async openCount(agentId: string): Promise<number> {
    return (await this.tickets.forAgent(agentId)).length;
  }
}
`;

function caller(name: string): string {
  return `import type { TicketsService } from './tickets.service.js';

export class ${name} {
  constructor(private readonly tickets: TicketsService) {}

  async load(agentIds: readonly string[]): Promise<number[]> {
    const counts: number[] = [];
    for (const agentId of agentIds) {
      counts.push(await this.tickets.openCount(agentId));
    }
    return counts;
  }
}
`;
}

const root = temporaryProject('changed-since', {
  'tsconfig.json': TSCONFIG,
  'src/tickets.repository.ts': REPOSITORY,
  'src/tickets.service.ts': SERVICE,
  'src/workload.service.ts': caller('WorkloadService'),
  'src/escalation.service.ts': caller('EscalationService'),
});

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: root(), encoding: 'utf8' });
}

function findingsSince(ref: string | undefined): { status: number | null; files: string[]; stderr: string } {
  const run = runCli(['audit', root(), '--no-eslint', '--no-config-lookup', '--rules', 'audit/no-query-in-loop', '--format', 'json', ...(ref === undefined ? [] : ['--changed-since', ref])]);
  if (run.status === 2) return { status: run.status, files: [], stderr: run.stderr };
  const report = JSON.parse(run.stdout) as { findings: { file: string; line: number }[]; changedSince?: string };
  if (ref !== undefined) expect(report.changedSince).toBe(ref);
  return { status: run.status, files: report.findings.map((finding) => `${finding.file}:${String(finding.line)}`), stderr: run.stderr };
}

describe('--changed-since on a git repository', () => {
  it('not a git repository: one line, exit 2', () => {
    const run = findingsSince('main');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`backend-patterns: --changed-since needs a git repository; ${root()} is not in one\n`);
  });

  it('reports only findings in files changed since the ref: committed on the branch, unstaged, untracked', () => {
    git('init', '--quiet');
    git('add', '.');
    git('commit', '--quiet', '-m', 'first');
    // Both loops are findings of the whole project.
    expect(findingsSince(undefined).files).toEqual(['src/escalation.service.ts:9', 'src/workload.service.ts:9']);
    // Nothing changed since HEAD: an empty report, exit 0.
    expect(findingsSince('HEAD')).toEqual({ status: 0, files: [], stderr: '' });

    git('checkout', '--quiet', '-b', 'feature');
    appendFileSync(path.join(root(), 'src', 'workload.service.ts'), '\nexport const WORKLOAD_PAGE = 50;\n');
    git('commit', '--quiet', '-am', 'page size');
    expect(findingsSince('main')).toEqual({ status: 1, files: ['src/workload.service.ts:9'], stderr: '' });

    // An uncommitted edit counts too.
    appendFileSync(path.join(root(), 'src', 'escalation.service.ts'), '\nexport const ESCALATION_HOURS = 4;\n');
    expect(findingsSince('main').files).toEqual(['src/escalation.service.ts:9', 'src/workload.service.ts:9']);
    git('checkout', '--quiet', '--', 'src/escalation.service.ts');

    // A new, untracked file is a change: its loop is reported, found through the unchanged service and repository.
    writeFileSync(path.join(root(), 'src', 'audit.service.ts'), caller('AuditService'));
    expect(findingsSince('main').files).toEqual(['src/audit.service.ts:9', 'src/workload.service.ts:9']);
  });

  it('an unknown ref: one line, exit 2', () => {
    const run = findingsSince('no-such-branch');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("backend-patterns: --changed-since: unknown git ref 'no-such-branch'\n");
  });

  it('cannot be combined with --update-baseline', () => {
    const run = runCli(['audit', root(), '--no-eslint', '--changed-since', 'main', '--baseline', path.join(root(), 'baseline.json'), '--update-baseline']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('backend-patterns: --update-baseline records every finding; it cannot be combined with --changed-since\n');
  });
});
