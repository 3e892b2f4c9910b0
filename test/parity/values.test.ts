import { describe, expect, it } from 'vitest';
import { expectParity } from './harness.js';

/** Literal values, template parts, object shapes and operators: the arguments core reads. */
const SNIPPETS: readonly [string, string][] = [
  ['upsert flag, retry count and a template message', 'export async function f(x, Model) { await Model.updateOne({ id: x }, { upsert: true, retries: 3, msg: `saved ${x} now` }); }'],
  ['false, null, undefined and void', 'export function f(log) { log.info(false, null, undefined, void 0); }'],
  ['numeric separators, hex and bigint', 'export function f(set) { set.limit(1_000, 0x10, 10n, 1.5); }'],
  ['negative number, typeof and not', 'export function f(a, x) { a.push(-1, -(4), typeof x, !x, +x, ~x); }'],
  ['template without substitutions', 'export async function f(pool) { await pool.query(`SELECT * FROM users`); }'],
  ['tagged template with substitutions', 'import { prisma } from "./db";\nexport async function f(id) { return prisma.$queryRaw`SELECT * FROM users WHERE id = ${id}`; }'],
  ['tagged template without substitutions', 'import { prisma } from "./db";\nexport async function f() { return prisma.$queryRaw`SELECT 1`; }'],
  ['Prisma.sql tag inside a call', 'import { Prisma, prisma } from "./db";\nexport async function f(id) { return prisma.$queryRaw(Prisma.sql`SELECT * FROM t WHERE id = ${id}`); }'],
  ['computed keys: literal, member, identifier, template', 'const K = "k";\nexport function f(cache, v) { cache.set({ ["a"]: 1, [Keys.b]: 2, [K]: 3, [`c`]: 4, 5: 5 }, v); }'],
  ['computed keys picked by a conditional of literals, and one that is not', 'export function f(repo, space, id) { repo.find({ [space ? "teamId" : (id ? "projectId" : `boardId`)]: id, [space ? "a" : id]: 1 }); }'],
  ['shorthand, spread, methods and accessors', 'export function f(repo, id, user) { repo.save({ id, ...user, toJSON() { return 1; }, get name() { return "n"; } }); }'],
  ['arrays with holes and spreads', 'export function f(repo, ids) { repo.findByIds([1, , ...ids, "x"]); }'],
  ['assignment and comma are other values; a conditional keeps its branches', 'let n = 0;\nexport function f(log, a, b) { log.info((n = 2), (a, n), a ? 1 : 2, n++, ++n, a ? (b ? b.x : null) : `${a}`); }'],
  ['elements taken by a variable key, and other computed accesses', 'export class C { #items = []; f(log, xs, i, k) { log.info(xs[i], xs[i].name.first, this.items[k], this.#items[i], xs?.[i]?.id, xs[i]![k], xs[i + 1], load()[i], xs[i][k].id, xs["a"][i], (xs)[i]); } }'],
  ['binary and logical operators', 'export function f(log, a, b) { log.info(a + b, a ?? "x", a && b, a in b, a instanceof Date); }'],
  ['new with and without arguments', 'export function f(log) { log.info(new Date(), new Error("e"), new Map); }'],
  ['member paths, private names and element access', 'export class C { #secret = 1; f(log, req) { log.info(req.body.user, req["headers"], this.#secret, req.items[0]); } }'],
  ['regex, class expression and arrow values', 'export function f(log) { log.info(/x/g, class {}, () => 1, function g() {}); }'],
  ['nested calls as values', 'export function f(log, user) { log.info(JSON.stringify(user), String(user.id).trim()); }'],
  ['raw expressions handed to builder steps: array, object, conditional, callback', 'export function f(qb, knex, c) { qb.select([knex.raw("count(*) as n"), "id"]).update({ at: knex.raw("now()") }).where(c ? knex.raw("a") : knex.raw("b")).leftJoin("t", (j) => j.on(knex.raw("t.id = x.id"))); }'],
  ['a raw expression awaited, given to a plain function, or kept in a variable', 'export async function f(knex, keep) { await knex.raw("select 1"); keep(knex.raw("a")); const e = knex.raw("b"); return e; }'],
  ['SQL text of a builder held in a const and run raw', 'export async function f(knex, prisma, ids) { const sql = knex("orders").whereIn("id", ids).toQuery(); const ddl = knex.schema.alterTable("t", (t) => t.string("a")).toQuery(); let other = knex("t").toQuery(); await prisma.$queryRawUnsafe(sql); await prisma.$executeRawUnsafe(ddl); await prisma.$executeRawUnsafe(other); log.info(sql); }'],
  ['module constants in capitals carry their string (plain, exported, object member, template alias); others do not', 'const TABLE = "feature_types";\nexport const T = { ROLES: "roles", N: 3 };\nlet MUTABLE = "x";\nconst lower = "y";\nexport async function f(db) { await db(TABLE).select("id"); await db.select("id").from(T.ROLES); await db.from(`${T.ROLES} as r`); db(MUTABLE, lower, T.N, T.MISSING); }'],
  ['SQL text held in a local const, given to a raw query call or to another call', 'export async function f(db, keep, rows) { const q = `INSERT INTO t (a) VALUES ($1)`; const s = "SELECT 1"; let m = "x"; for (const r of rows) await db.query(q, [r.a]); keep(q); await db.query(s); await db.query(m); }'],
  ['raw SQL with LIMIT inside a write', 'export async function f(db) { await db.query("DELETE FROM events WHERE id IN (SELECT id FROM events LIMIT 1000)"); }'],
];

describe('value facts: the ESLint and the audit adapters agree', () => {
  it.each(SNIPPETS)('%s', (_label, code) => {
    expectParity(code);
  });
});

describe('what a value goes to: both adapters see the builder step and the builder behind SQL text', () => {
  it('names the builder step a raw expression is handed to, through arrays, objects, conditionals and callbacks', () => {
    const observed = expectParity('export async function f(qb, knex, c, keep) { qb.select([knex.raw("n")]).update({ at: knex.raw("now()") }).where(c ? 1 : knex.raw("b")); qb.leftJoin("t", (j) => j.on(knex.raw("x"))); keep(knex.raw("k")); await knex.raw("a"); }');
    const raws = observed.map((entry) => entry.chain as { segments: { name: string }[]; argumentOf?: string }).filter((chain) => chain.segments.length === 2 && chain.segments[1]?.name === 'raw');
    expect(raws.map((chain) => chain.argumentOf ?? '-')).toEqual(['select', 'update', 'where', 'on', '-', '-']);
  });
  it('carries the builder of a const of SQL text into the raw call that runs it', () => {
    const observed = expectParity('export async function f(knex, prisma, ids) { const sql = knex("orders").whereIn("id", ids).toQuery(); await prisma.$queryRawUnsafe(sql); }');
    const run = observed.map((entry) => entry.chain as { segments: { name: string; call?: { args: { builtFrom?: { segments: { name: string }[] } }[] } }[] }).find((chain) => chain.segments[1]?.name === '$queryRawUnsafe');
    expect(run?.segments[1]?.call?.args[0]?.builtFrom?.segments.map((segment) => segment.name)).toEqual(['knex', 'whereIn', 'toQuery']);
  });
});
