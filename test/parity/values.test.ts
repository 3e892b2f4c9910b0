import { describe, it } from 'vitest';
import { expectParity } from './harness.js';

/** Literal values, template parts, object shapes and operators: the arguments core reads. */
const SNIPPETS: readonly [string, string][] = [
  ['upsert flag, retry count and a template message', 'export async function f(x, Model) { await Model.updateOne({ id: x }, { upsert: true, retries: 3, msg: `saved ${x} now` }); }'],
  ['false, null, undefined and void', 'export function f(log) { log.info(false, null, undefined, void 0); }'],
  ['numeric separators, hex and bigint', 'export function f(set) { set.limit(1_000, 0x10, 10n, 1.5); }'],
  ['negative number, typeof and not', 'export function f(a, x) { a.push(-1, typeof x, !x, +x, ~x); }'],
  ['template without substitutions', 'export async function f(pool) { await pool.query(`SELECT * FROM users`); }'],
  ['tagged template with substitutions', 'import { prisma } from "./db";\nexport async function f(id) { return prisma.$queryRaw`SELECT * FROM users WHERE id = ${id}`; }'],
  ['tagged template without substitutions', 'import { prisma } from "./db";\nexport async function f() { return prisma.$queryRaw`SELECT 1`; }'],
  ['Prisma.sql tag inside a call', 'import { Prisma, prisma } from "./db";\nexport async function f(id) { return prisma.$queryRaw(Prisma.sql`SELECT * FROM t WHERE id = ${id}`); }'],
  ['computed keys: literal, member, identifier, template', 'const K = "k";\nexport function f(cache, v) { cache.set({ ["a"]: 1, [Keys.b]: 2, [K]: 3, [`c`]: 4, 5: 5 }, v); }'],
  ['shorthand, spread, methods and accessors', 'export function f(repo, id, user) { repo.save({ id, ...user, toJSON() { return 1; }, get name() { return "n"; } }); }'],
  ['arrays with holes and spreads', 'export function f(repo, ids) { repo.findByIds([1, , ...ids, "x"]); }'],
  ['assignment and comma are other values; a conditional keeps its branches', 'let n = 0;\nexport function f(log, a, b) { log.info((n = 2), (a, n), a ? 1 : 2, n++, ++n, a ? (b ? b.x : null) : `${a}`); }'],
  ['elements taken by a variable key, and other computed accesses', 'export class C { #items = []; f(log, xs, i, k) { log.info(xs[i], xs[i].name.first, this.items[k], this.#items[i], xs?.[i]?.id, xs[i]![k], xs[i + 1], load()[i], xs[i][k].id, xs["a"][i], (xs)[i]); } }'],
  ['binary and logical operators', 'export function f(log, a, b) { log.info(a + b, a ?? "x", a && b, a in b, a instanceof Date); }'],
  ['new with and without arguments', 'export function f(log) { log.info(new Date(), new Error("e"), new Map); }'],
  ['member paths, private names and element access', 'export class C { #secret = 1; f(log, req) { log.info(req.body.user, req["headers"], this.#secret, req.items[0]); } }'],
  ['regex, class expression and arrow values', 'export function f(log) { log.info(/x/g, class {}, () => 1, function g() {}); }'],
  ['nested calls as values', 'export function f(log, user) { log.info(JSON.stringify(user), String(user.id).trim()); }'],
  ['raw SQL with LIMIT inside a write', 'export async function f(db) { await db.query("DELETE FROM events WHERE id IN (SELECT id FROM events LIMIT 1000)"); }'],
];

describe('value facts: the ESLint and the audit adapters agree', () => {
  it.each(SNIPPETS)('%s', (_label, code) => {
    expectParity(code);
  });
});
