import { describe, expect, it } from 'vitest';
import { expectParity, type Observed } from './harness.js';

/**
 * Loops, loop exits (`switch` included), retry loops and the per-iteration judgements: for the
 * query of each snippet, both adapters build the same loop fact and core judges both alike.
 */
const SNIPPETS: readonly [string, string, string | undefined][] = [
  ['for…of over rows', 'export async function f(ids) { for (const id of ids) { await userRepository.findById(id); } }', undefined],
  ['classic for', 'export async function f(ids) { for (let i = 0; i < ids.length; i++) { await userRepository.findById(ids[i]); } }', undefined],
  ['for…in', 'export async function f(byId) { for (const id in byId) { await userRepository.findById(id); } }', undefined],
  ['while with a cursor', 'export async function f(q) { while (q.length > 0) { await userRepository.findById(q.pop()); } }', undefined],
  ['do…while', 'export async function f(q) { let id; do { id = q.pop(); await userRepository.findById(id); } while (id); }', undefined],
  ['for await…of', 'export async function f(stream) { for await (const id of stream) { await userRepository.findById(id); } }', undefined],
  ['forEach callback', 'export function f(ids) { ids.forEach(async (id) => { await userRepository.findById(id); }); }', undefined],
  ['reduce callback element name', 'export function f(ids) { return ids.reduce(async (acc, id) => { await acc; return userRepository.findById(id); }, Promise.resolve()); }', undefined],
  ['lodash helper callback', 'import _ from "lodash";\nexport function f(ids) { _.forEach(ids, async (id) => { await userRepository.findById(id); }); }', undefined],
  ['async.eachSeries callback', 'import async from "async";\nexport function f(ids) { async.eachSeries(ids, async (id) => { await userRepository.findById(id); }); }', undefined],
  ['return inside the loop', 'export async function f(ids) { for (const id of ids) { return await userRepository.findById(id); } }', 'exits-loop'],
  ['query then break', 'export async function f(ids) { for (const id of ids) { const u = await userRepository.findById(id); if (u) console.log(u); break; } }', 'exits-loop'],
  ['return from a switch case', 'export async function f(ids) { for (const id of ids) { switch (id.kind) { case "a": return userRepository.findById(id); default: break; } } }', 'exits-loop'],
  ['break leaves only the switch', 'export async function f(ids) { for (const id of ids) { switch (id.kind) { case "a": await userRepository.findById(id); break; default: break; } } }', undefined],
  ['switch on the element itself', 'export function f(claims, user) { return Promise.all(claims.map(async (claim) => { switch (claim) { case "roles": return userRepository.findRoles(user.id); default: return null; } })); }', 'switch-on-element'],
  ['switch on the element with a template case', 'export async function f(kinds, id) { for (const kind of kinds) { switch (kind) { case `a`: await userRepository.findById(id); break; default: break; } } }', undefined],
  ['hand-written retry loop', 'export async function f(id) { for (let attempt = 0; attempt < 3; attempt++) { try { return await userRepository.findById(id); } catch (error) { await sleep(100); } } }', 'retry-loop'],
  ['while(true) retry with a counter', 'export async function f(id) { let tries = 0; while (true) { try { await userRepository.save(id); break; } catch (e) { tries++; if (tries > 3) throw e; } } }', 'retry-loop'],
  ['fixed array literal', 'export async function f() { for (const role of ["admin", "owner"]) { await userRepository.findByRole(role); } }', 'fixed-list'],
  ['module constant list', 'const ROLES = ["admin", "owner"];\nexport async function f() { for (const role of ROLES) { await userRepository.findByRole(role); } }', 'fixed-list'],
  ['Object.keys of a module constant', 'const PHASES = { a: 1, b: 2 };\nexport async function f() { for (const phase of Object.keys(PHASES)) { await userRepository.findByPhase(phase); } }', 'fixed-list'],
  ['local constant is no fixed list of the module', 'export async function f(extra) { const roles = ["admin", ...extra]; for (const role of roles) { await userRepository.findByRole(role); } }', undefined],
  ['memoised by key', 'export async function f(ids) { const cache = {}; for (const id of ids) { if (!cache[id]) cache[id] = await userRepository.findById(id); } }', 'memoised'],
  ['memoised in a Map', 'export async function f(ids) { const seen = new Map(); for (const id of ids) { if (!seen.has(id)) { seen.set(id, await userRepository.findById(id)); } } }', 'memoised'],
  ['DataLoader fallback', 'export async function f(ids, loaders) { for (const id of ids) { const u = loaders ? await loaders.users.load(id) : await userRepository.findById(id); } }', 'dataloader-fallback'],
  ['find callback', 'export function f(ids) { return ids.find(async (id) => userRepository.findById(id)); }', undefined],
  ['event handler is no loop', 'export function f(emitter) { emitter.on("user", async (id) => { await userRepository.findById(id); }); }', undefined],
  ['function defined in a loop is no per-iteration call', 'export function f(ids, later) { for (const id of ids) { later(async () => { await userRepository.findById(id); }); } }', undefined],
  ['immediately invoked function in a loop', 'export async function f(ids) { for (const id of ids) { await (async () => { await userRepository.findById(id); })(); } }', undefined],
];

/** Same-tick Prisma batching and per-element tables, judged on the query and its loop. */
const QUERY_SNIPPETS: readonly [string, string, string | undefined][] = [
  ['Prisma findUnique in a sync map callback', 'import { prisma } from "./db";\nexport function f(ids) { return Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } }))); }', 'same-tick'],
  ['Prisma findUnique after an await in the callback', 'import { prisma } from "./db";\nexport function f(ids) { return Promise.all(ids.map(async (id) => { await check(id); return prisma.user.findUnique({ where: { id } }); })); }', undefined],
  ['Prisma findUnique pushed un-awaited from a for…of', 'import { prisma } from "./db";\nexport function f(ids) { const tasks = []; for (const id of ids) tasks.push(prisma.user.findUnique({ where: { id } })); return Promise.all(tasks); }', 'same-tick'],
  ['Prisma findUnique awaited in a for…of', 'import { prisma } from "./db";\nexport async function f(ids) { for (const id of ids) { await prisma.user.findUnique({ where: { id } }); } }', undefined],
  ['each element is its own table', 'export function f(collections) { return Promise.all(collections.map((collection) => collection.deleteMany({}))); }', 'per-element'],
  ['batched whereIn inside a loop', 'import knex from "knex";\nconst db = knex({});\nexport async function f(chunks) { for (const chunk of chunks) { await db("users").whereIn("id", chunk); } }', 'batched'],
  ['SELECT 1 probe in a loop', 'import { Pool } from "pg";\nconst pool = new Pool();\nexport async function f(replicas) { for (const r of replicas) { await pool.query("SELECT 1"); } }', 'probe'],
  ['draining deletes with a LIMIT', 'import { Pool } from "pg";\nconst pool = new Pool();\nexport async function f() { let n = 1; while (n > 0) { n = (await pool.query("DELETE FROM jobs WHERE id IN (SELECT id FROM jobs LIMIT 500)")).rowCount; } }', 'drain'],
];

const NO_LOOP = new Set(['function defined in a loop is no per-iteration call', 'event handler is no loop']);

function loopOf(observed: readonly Observed[], method: string): Observed | undefined {
  return observed.find((entry) => entry.loop !== undefined && JSON.stringify(entry.chain).includes(`"${method}"`) && entry.verdict !== undefined);
}

describe('loop facts and per-iteration judgements: the ESLint and the audit adapters agree', () => {
  it.each(SNIPPETS)('%s', (_label, code, exemption) => {
    const observed = expectParity(code);
    const query = observed.find((entry) => entry.verdict !== undefined);
    if (NO_LOOP.has(_label)) {
      expect(query?.loop).toBeUndefined();
      return;
    }
    expect(query?.loop).toBeDefined();
    expect((query?.judged as { iteration?: string }).iteration).toBe(exemption);
  });

  it.each(QUERY_SNIPPETS)('%s', (_label, code, exemption) => {
    const observed = expectParity(code);
    const query = loopOf(observed, exemption === 'per-element' ? 'deleteMany' : exemption === 'batched' ? 'whereIn' : exemption === 'probe' || exemption === 'drain' ? 'query' : 'findUnique');
    expect(query).toBeDefined();
    const judged = query?.judged as { iteration?: string; query?: string; inLoop?: string };
    expect(judged.query ?? judged.inLoop).toBe(exemption);
  });
});
