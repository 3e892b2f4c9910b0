import { Linter } from 'eslint';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRulesConfig, lintForCrashes } from './helpers/lint-all.js';

/**
 * Property test: syntactically valid but odd code — empty files, only comments, deeply nested
 * loops, huge template literals, optional chaining everywhere, decorators on everything,
 * `declare` blocks, JSX in .tsx, non-ASCII identifiers — never makes a rule throw. Every generated
 * file must parse (otherwise the generator is wrong, and the test says so). Time per line is the
 * bench's business, not asserted here.
 */
const linter = new Linter({ configType: 'flat' });
const config = allRulesConfig();

const identifier = fc.constantFrom('ユーザー', 'café', 'naïve', 'Ωmega', 'δεδομένα', 'usuário', '$', '_', 'userEmail', 'ids', 'prisma', 'repo', 'logger', 'ℌ', 'x1');
const receiver = fc.constantFrom('prisma.user', 'this.userRepository', 'db', 'knex', 'Model', 'repo', 'logger', 'console', 'redis', 'jwt', 'em', 'pool');
const method = fc.constantFrom('findUnique', 'findMany', 'find', 'save', 'create', 'query', 'info', 'error', 'set', 'verify', 'decode', 'insert', 'del', 'execute');
const loopHead = fc.constantFrom('for (const item of items)', 'for (let i = 0; i < n; i++)', 'while (more)', 'for (const key in record)', 'for await (const row of rows)');

/** One top-level fragment; `index` keeps names unique within a file. */
const fragment = (index: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(''),
    fc.constantFrom('// only a comment', '/* block */', '/** @deprecated doc */', '/* nested // comment */'),
    // Deeply nested loops with a call at the bottom.
    fc.tuple(fc.integer({ min: 1, max: 60 }), loopHead, receiver, method).map(([depth, head, on, call]) =>
      `export async function nested${String(index)}(items: any[], n: number, more: boolean, record: any, rows: any) {\n${`${head} {\n`.repeat(depth)}await ${on}.${call}({ where: { id: 1 } });\n${'}\n'.repeat(depth)}}\n`),
    // Huge template literals, SQL-looking or not, with holes.
    fc.tuple(fc.integer({ min: 1, max: 2_000 }), fc.boolean(), receiver).map(([repeat, sql, on]) =>
      `export const big${String(index)} = ${on}.query(\`${sql ? 'SELECT * FROM users WHERE id = ${id} AND ' : 'text '}${'x = ${x} OR '.repeat(repeat)}1\`);\n`),
    // Optional chaining everywhere.
    fc.tuple(receiver, method, fc.integer({ min: 1, max: 30 })).map(([on, call, depth]) =>
      `export const chained${String(index)} = ${on.replaceAll('.', '?.')}?.${call}?.(a?.b?.[c]?.d)${'?.next?.()'.repeat(depth)};\n`),
    // Decorators on everything.
    fc.tuple(identifier, method).map(([name, call]) =>
      `@Controller('x') @Injectable() export class Decorated${String(index)} {\n  @Inject() @Optional() private readonly ${name}: any;\n  constructor(@Inject('A') @Optional() readonly a: any) {}\n  @Get(':id') @UseGuards(AuthGuard) @Retry({ attempts: 3 }) async handler${String(index)}(@Param('id') id: string, @Body() body: any) {\n    for (const x of body) await this.${name}.${call}(x);\n    return this.a?.${call}?.(id);\n  }\n  @Input() accessor value = 1;\n}\n`),
    // Ambient declarations.
    fc.constantFrom(
      `declare module 'm${String(index)}' { export function query(sql: string): Promise<unknown>; export default class Repo { find(): void } }\n`,
      `declare global { interface Window { logger${String(index)}: { info(x: unknown): void } } }\n`,
      `declare namespace NS${String(index)} { const password: string; function log(...a: unknown[]): void; namespace Inner { let token: string } }\n`,
      `declare function retry${String(index)}<T>(fn: () => Promise<T>): Promise<T>;\ndeclare const db${String(index)}: any;\n`,
      `export declare abstract class Base${String(index)} { abstract save(): Promise<void>; declare readonly x: number }\n`,
    ),
    // Non-ASCII identifiers in query, log and throw positions.
    fc.tuple(identifier, receiver, method).map(([name, on, call]) =>
      `export async function ƒ${String(index)}(${name}: any) {\n  for (const ${name}_ of [${name}]) { await ${on}.${call}(${name}_, { ${name}: ${name}_ }); }\n  if (!${name}) throw \`${name} missing\`;\n  throw { ${name} };\n}\n`),
    // Odd but valid shapes: labelled loops, comma sequences, getters, generators, class static blocks.
    fc.constantFrom(
      `export function* gen${String(index)}(xs: any[]) { outer: for (const x of xs) { inner: while (x) { yield db.query(x); continue outer; } } }\n`,
      `export class Static${String(index)} { static { for (const k of []) void repo.find(k); } get password() { return (0, logger.info)(this); } }\n`,
      `export const seq${String(index)} = (a: any) => (a.b, a.c?.(), void 0, new (class {})(), typeof a, a!.b!.c);\n`,
      `export const anon${String(index)} = async function () { try { await repo.save({}); } catch { throw null; } finally { return; } };\n`,
      `export async function p${String(index)}(ids: string[]) { return Promise.all(ids.map(async (id) => [await prisma.user.findUnique({ where: { id } })])); }\n`,
    ),
  );

const tsFile = fc.integer({ min: 0, max: 8 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => fragment(index))).map((parts) => parts.join('\n')));

const jsxFragment = fc.tuple(identifier, receiver, method, fc.integer({ min: 1, max: 40 })).map(
  ([name, on, call, depth]) =>
    `export function View({ ${name}, items }: { ${name}: any; items: any[] }) {\n  return (\n    <ul data-x={${on}?.${call}}>\n      {items.map((item) => <li key={item.id} onClick={async () => { for (const x of items) await ${on}.${call}(x); }}>{${name}?.email}</li>)}\n      ${'<div>'.repeat(depth)}{\`\${${name}}\`}${'</div>'.repeat(depth)}\n      <>{/* comment */}</>\n    </ul>\n  );\n}\n`,
);

describe('the crash detector', () => {
  it('tells a rule that throws from a file that does not parse', () => {
    const throwing: Linter.Config = {
      plugins: { probe: { rules: { boom: { create: () => ({ CallExpression: () => { throw new TypeError('probe failure'); } }) } } } },
      rules: { 'probe/boom': 'error' },
    };
    const crashed = lintForCrashes(linter, 'f();', 'src/x.ts', [...config, throwing]);
    expect(crashed.crash?.message).toContain('Rule: "probe/boom"');
    expect(crashed.crash?.stack).toContain('probe failure');
    const unparsable = lintForCrashes(linter, 'const = ;', 'src/x.ts', [...config, throwing]);
    expect(unparsable.crash).toBeUndefined();
    expect(unparsable.parseError).toBe('1:6 Parsing error: Variable declaration expected.');
  });
});

describe('odd but valid code never crashes a rule', () => {
  it('.ts files', () => {
    fc.assert(
      fc.property(tsFile, (code) => {
        const outcome = lintForCrashes(linter, code, 'src/services/odd.service.ts', config);
        expect(outcome.parseError, code).toBeUndefined();
        expect(outcome.crash, code).toBeUndefined();
      }),
      { numRuns: 80, seed: 8 },
    );
  });

  it('.tsx files with JSX', () => {
    fc.assert(
      fc.property(tsFile, jsxFragment, (code, jsx) => {
        const outcome = lintForCrashes(linter, `${code}\n${jsx}`, 'src/controllers/view.controller.tsx', config);
        expect(outcome.parseError, jsx).toBeUndefined();
        expect(outcome.crash, jsx).toBeUndefined();
      }),
      { numRuns: 40, seed: 8 },
    );
  });

  it.each([
    ['an empty file', ''],
    ['only whitespace', '\n\n   \t\n'],
    ['only comments', '// a\n/* b */\n/** c */\n'],
    ['a BOM and a hashbang', '\uFEFF#!/usr/bin/env node\nconsole.log(1);\n'],
    ['500 nested loops', `async function f(xs: any[]) {\n${'for (const x of xs) {\n'.repeat(500)}await prisma.user.findMany();\n${'}\n'.repeat(500)}}\n`],
    ['a 200 kB template literal', `db.query(\`SELECT 1 ${'-- padding '.repeat(20_000)}\`);\n`],
    ['a 2,000-link optional chain', `export const x = a${'?.b'.repeat(2_000)}?.findMany();\n`],
    ['a 3,000-term concatenation in a log call', `logger.info('a' ${"+ user.email + 'b' ".repeat(1_500)});\n`],
  ])('%s', (_, code) => {
    const outcome = lintForCrashes(linter, code, 'src/services/odd.service.ts', config);
    expect(outcome.parseError).toBeUndefined();
    expect(outcome.crash).toBeUndefined();
  });
});
