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
  ['the next id after a duplicate key is no retry of the same insert', 'export async function f(uid, mail) { while (true) { try { await usersCollection.insertOne({ _id: uid, mail }); return uid; } catch (e) { if (e.code === 11000) { uid++; continue; } throw e; } } }', 'exits-loop'],
  ['the next id after a duplicate key tested with a template', 'export async function f(uid, mail) { while (true) { try { await usersCollection.insertOne({ _id: uid, mail }); return uid; } catch (e) { if (e.code === `P2002`) { uid++; continue; } throw e; } } }', 'exits-loop'],
  ['a count of conflicts the try only logs is no new candidate', 'export async function f(mail) { let conflicts = 0; while (true) { try { log(conflicts); await usersCollection.insertOne({ mail }); return; } catch (e) { if (e.code === 11000) { conflicts++; continue; } throw e; } } }', 'retry-loop'],
  ['a counter the try logs, stepped after any error, is a retry', 'export async function f(url) { let failures = 0; while (true) { try { log(failures); return await userRepository.save(url); } catch (e) { failures++; } } }', 'retry-loop'],
  ['a value a picker makes first in the try is no new candidate', 'export async function f(text) { while (true) { try { const next = await nextCompletion(text); return await userRepository.save(next); } catch (e) { log(e); } } }', 'retry-loop'],
  ['a prompt\'s answer first in the try is a new candidate', 'export async function f() { while (true) { try { const uri = await readline(); await userRepository.saveConnection(uri); break; } catch (e) { log(e); } } }', 'exits-loop'],
  ['while(true) retry with a counter', 'export async function f(id) { let tries = 0; while (true) { try { await userRepository.save(id); break; } catch (e) { tries++; if (tries > 3) throw e; } } }', 'retry-loop'],
  ['fixed array literal', 'export async function f() { for (const role of ["admin", "owner"]) { await userRepository.findByRole(role); } }', 'fixed-list'],
  ['module constant list', 'const ROLES = ["admin", "owner"];\nexport async function f() { for (const role of ROLES) { await userRepository.findByRole(role); } }', 'fixed-list'],
  ['Object.keys of a module constant', 'const PHASES = { a: 1, b: 2 };\nexport async function f() { for (const phase of Object.keys(PHASES)) { await userRepository.findByPhase(phase); } }', 'fixed-list'],
  ['a try per row whose catch logs', 'export async function f(ids) { for (const id of ids) { try { await userRepository.findById(id); } catch (e) { log(e); } } }', undefined],
  ['a try per row whose catch rethrows', 'export async function f(ids) { for (const id of ids) { try { await userRepository.findById(id); } catch (e) { log(e); throw e; } } }', undefined],
  ['a try per row whose catch rethrows for one case only', 'export async function f(ids) { for (const id of ids) { try { await userRepository.findById(id); } catch (e) { log(e); if (ids.length === 1) { throw e; } } } }', undefined],
  ['imported constant list', 'import { DEFAULT_ROLES } from "./constants/roles";\nexport async function f() { for (const role of DEFAULT_ROLES) { await userRepository.findByRole(role); } }', 'fixed-list'],
  ['a registry imported under a type-like name from a state module is data', 'import { ConnectedClients } from "./realtime/state";\nexport async function f() { for (const [userId] of ConnectedClients) { await userRepository.touch(userId); } }', undefined],
  ['imported list under a type-like name', 'import { ControlCategories } from "./structures/control-categories";\nexport async function f() { for (const category of ControlCategories) { await userRepository.seedCategory(category); } }', 'fixed-list'],
  ['an imported list named like a variable is data', 'import { connectedUsers } from "./sessions";\nexport async function f() { for (const user of connectedUsers) { await userRepository.touch(user.id); } }', undefined],
  ['the values of an imported enum, held in a local const', 'import { Provider } from "@prisma/client";\nexport function f() { const providers = Object.values(Provider); return Promise.all(providers.map(async (provider) => { await userRepository.countByProvider(provider); })); }', 'fixed-list'],
  ['the values of an imported object, iterated directly', 'import { Region } from "./regions";\nexport async function f() { for (const region of Object.keys(Region)) { await userRepository.countByRegion(region); } }', 'fixed-list'],
  ['the values of a parameter object stay data', 'export async function f(byRegion) { const regions = Object.keys(byRegion); for (const region of regions) { await userRepository.countByRegion(region); } }', undefined],
  ['the values of an imported object named like a variable are data', 'import { connectedClients } from "./sockets";\nexport async function f() { for (const client of Object.values(connectedClients)) { await userRepository.countUnread(client.userId); } }', undefined],
  ['imported list under a variable name is data', 'import { defaultRoles } from "./roles";\nexport async function f() { for (const role of defaultRoles) { await userRepository.findByRole(role); } }', undefined],
  ['a parameter named like a constant is data', 'export async function f(ROLES) { for (const role of ROLES) { await userRepository.findByRole(role); } }', undefined],
  ['local constant is no fixed list of the module', 'export async function f(extra) { const roles = ["admin", ...extra]; for (const role of roles) { await userRepository.findByRole(role); } }', undefined],
  ['a counter between module constants', 'const DAYS = 2;\nexport async function f() { for (let day = DAYS; day >= 0; day--) { await userRepository.rollUp(day); } }', 'fixed-list'],
  ['a counter between literals, stepped by two', 'export async function f() { for (let q = 0; q < 8; q += 2) { await userRepository.rollUp(q); } }', 'fixed-list'],
  ['a counter up to a parameter is data', 'export async function f(days) { for (let day = 0; day < days; day++) { await userRepository.rollUp(day); } }', undefined],
  ['a counter over more rounds than a short list', 'export async function f() { for (let day = 0; day < 365; day++) { await userRepository.rollUp(day); } }', undefined],
  ['memoised by key', 'export async function f(ids) { const cache = {}; for (const id of ids) { if (!cache[id]) cache[id] = await userRepository.findById(id); } }', 'memoised'],
  ['memoised in a Map', 'export async function f(ids) { const seen = new Map(); for (const id of ids) { if (!seen.has(id)) { seen.set(id, await userRepository.findById(id)); } } }', 'memoised'],
  ['DataLoader fallback', 'export async function f(ids, loaders) { for (const id of ids) { const u = loaders ? await loaders.users.load(id) : await userRepository.findById(id); } }', 'dataloader-fallback'],
  ['DataLoader fallback written the other way round', 'export async function f(ids, loaders) { for (const id of ids) { if (!loaders) { await userRepository.findById(id); } else { await loaders.users.load(id); } } }', 'dataloader-fallback'],
  ['a then-branch whose else asks no DataLoader', 'export async function f(ids, cached) { for (const id of ids) { if (!cached) { await userRepository.findById(id); } else { await cached.get(id); } } }', undefined],
  ['find callback', 'export function f(ids) { return ids.find(async (id) => userRepository.findById(id)); }', undefined],
  ['event handler is no loop', 'export function f(emitter) { emitter.on("user", async (id) => { await userRepository.findById(id); }); }', undefined],
  ['function defined in a loop is no per-iteration call', 'export function f(ids, later) { for (const id of ids) { later(async () => { await userRepository.findById(id); }); } }', undefined],
  ['a relation of the one row just loaded', 'export async function f(id) { const order = await loadOrder(id); for (const line of order.lines) { await userRepository.findById(line.userId); } }', 'own-list'],
  ['the rows field of an awaited answer', 'export async function f(sql) { const { rows } = await runSql(sql); for (const row of rows) { await userRepository.findById(row.id); } }', undefined],
  ['an element of awaited rows', 'export async function f(sql) { const [rows] = await runSql(sql); for (const row of rows) { await userRepository.findById(row.id); } }', undefined],
  ['a member of this', 'export class S { async f() { for (const task of this.tasks) { await userRepository.findById(task.userId); } } }', 'own-list'],
  ['a list the function fills itself', 'export async function f(ctx) { const ids = []; ids.push(ctx.a); for (const id of ids) { await userRepository.findById(id); } }', 'own-list'],
  ['a list filled, then replaced by fetched rows', 'export async function f(ctx) { let ids = []; ids = await load(ctx); for (const id of ids) { await userRepository.findById(id); } }', undefined],
  ['a helper over one field of a parameter', 'export async function f(post) { const parts = split(post.embed); for (const part of parts) { await userRepository.findById(part.id); } }', 'own-list'],
  ['a helper over a parameter list', 'export async function f(posts) { const parts = split(posts); for (const part of parts) { await userRepository.findById(part.id); } }', undefined],
  ['a field of a parameter', 'export async function f(input) { for (const line of input.lines ?? []) { await userRepository.findById(line.userId); } }', undefined],
  ['filter and destructuring of a parameter', 'export async function f({ items }) { const open = items.filter((i) => i.open); open.forEach(async (item) => { await userRepository.findById(item.id); }); }', undefined],
  ['counted loop over a helper result', 'export async function f(cfg) { const fields = pick(cfg.fields); for (let i = 0; i < fields.length; i++) { await userRepository.findById(fields[i].id); } }', 'own-list'],
  ['Object.values of a member of this', 'export class S { async f() { for (const h of Object.values(this.handlers)) { await userRepository.findById(h.id); } } }', 'own-list'],
  ['a nested loop over each element\'s list', 'export async function f(orders) { for (const order of orders) { for (const line of order.lines) { await userRepository.findById(line.userId); } } }', undefined],
  ['a spread of fetched rows and one more', 'export async function f(id) { const kids = await tree.children(id); for (const node of [...kids, id]) { await userRepository.findById(node); } }', undefined],
  ['a loop that walks its list a chunk at a time', 'export async function f(ids, size) { for (let i = 0; i < ids.length; i += size) { const chunk = ids.slice(i, i + size); await userRepository.archive(chunk); } }', 'chunked'],
  ['a while loop that moves its offset by a chunk', 'export async function f(ids) { let offset = 0; while (offset < ids.length) { await userRepository.archive(ids.slice(offset, offset + 100)); offset = offset + 100; } }', 'chunked'],
  ['a loop numbering its chunks slices one chunk per round', 'export async function f(ids) { const gap = 1000; const times = Math.ceil(ids.length / gap); for (let i = 0; i < times; i++) { const part = ids.slice(i * gap, (i + 1) * gap); await userRepository.archive(part); } }', 'chunked'],
  ['chunks numbered by a counter, the next start written i * k + k', 'export async function f(ids) { for (let i = 0; i * 500 < ids.length; i += 1) { await userRepository.archive(ids.slice(i * 500, i * 500 + 500)); } }', 'chunked'],
  ['a product of another name than the counter takes no chunk', 'export async function f(ids, page, size) { for (let i = 0; i < ids.length; i++) { const part = ids.slice(page * size, page * size + size); await userRepository.findById(part[i]); } }', undefined],
  ['a slice from a chunk start to one before the end takes no chunk', 'export async function f(ids, size, n) { for (let i = 0; i < n; i++) { const rest = ids.slice(i * size, ids.length - 1); await userRepository.findById(rest[0]); } }', undefined],
  ['a slice from a product to the end of the list takes the rest, no chunk', 'export async function f(ids, size) { for (let i = 0; i < ids.length; i++) { const rest = ids.slice(i * size); await userRepository.findById(rest[0]); } }', undefined],
  ['a while loop that takes a chunk off the front of the list it drains', 'export async function f(ids) { const pending = [...ids]; while (pending.length > 0) { const part = pending.splice(0, 100); await userRepository.findByIds(part); } }', 'chunked'],
  ['a drain by a chunk size taken with splice', 'export async function f(ids, size) { while (ids.length) { await userRepository.archive(ids.splice(0, size)); } }', 'chunked'],
  ['a queue drained one item at a time by splice is per item', 'export async function f(queue) { while (queue.length > 0) { const [next] = queue.splice(0, 1); await userRepository.findById(next); } }', undefined],
  ['a splice of another list than the drained one takes no chunk', 'export async function f(ids, other) { while (ids.length > 0) { other.splice(0, 100); await userRepository.findById(ids.pop()); } }', undefined],
  ['a loop over the chunks a chunking helper cut', 'export async function f(ids) { for (const chunk of chunkArray(ids, 50)) { await userRepository.archive(chunk); } }', 'chunked'],
  ['a for await over the batches an async batch iterator cuts', 'export async function f(rows) { for await (const batch of asyncBatchIterate(readRows(rows), 2000, false)) { await userRepository.insertBatch(batch); } }', 'chunked'],
  ['a map over lodash chunks', 'export async function f(ids) { await Promise.all(_.chunk(ids, 100).map((part) => userRepository.archive(part))); }', 'chunked'],
  ['text cut into chunks by a text chunker is written row by row', 'export async function f(content) { for (const chunk of chunkText(content, 1000)) { await documentChunkRepository.create(chunk); } }', undefined],
  ['domain batches parsed from a file are written one by one', 'export async function f(rows) { for (const batch of parseBatches(rows, 10)) { await lotRepository.upsert(batch); } }', undefined],
  ['a list named like chunks but made by no chunking call is walked row by row', 'export async function f(chunks) { for (const chunk of chunks) { await userRepository.findById(chunk.id); } }', undefined],
  ['a step of two takes no chunk', 'export async function f(ids) { for (let i = 0; i < ids.length; i += 2) { await userRepository.findById(ids[i]); } }', undefined],
  ['a step by a chunk with no slice reads one row', 'export async function f(ids, size) { for (let i = 0; i < ids.length; i += size) { await userRepository.findById(ids[i]); } }', undefined],
  ['a query per id of each chunk', 'export async function f(ids, size) { for (let i = 0; i < ids.length; i += size) { const chunk = ids.slice(i, i + size); await Promise.all(chunk.map((id) => userRepository.findById(id))); } }', undefined],
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
  ['dropping leftover working tables one by one', 'import { Pool } from "pg";\nconst pool = new Pool();\nexport async function f(tables) { for (const t of tables) { await pool.query(`DROP TABLE IF EXISTS "${t.name}" CASCADE`); } }', 'schema-statement'],
  ['draining deletes with a LIMIT', 'import { Pool } from "pg";\nconst pool = new Pool();\nexport async function f() { let n = 1; while (n > 0) { n = (await pool.query("DELETE FROM jobs WHERE id IN (SELECT id FROM jobs LIMIT 500)")).rowCount; } }', 'drain'],
];

/**
 * How the query's result and the row steer the loop: probes, keyset pages, updates with the row's
 * own values, ordered operations, loops marked sequential. `[label, code, method of the query, judgement]`.
 */
const STEERING_SNIPPETS: readonly [string, string, string, string | undefined][] = [
  ['a poll whose rounds a counter bounds', 'export async function f() { let ready = false; let attempts = 0; while (!ready && attempts < 10) { attempts++; ready = (await prisma.invoice.count()) >= 0; } }', 'count', 'counted-poll'],
  ['a poll that counts rounds it does not bound', 'export async function f() { let n = 0; let job = await prisma.job.findFirst({ where: { status: "pending" } }); while (job) { n++; job = await prisma.job.findFirst({ where: { status: "pending" } }); } return n; }', 'findFirst', undefined],
  ['an if on the element itself against an enum-like member', 'export async function f(account, removed) { for (const feature of removed) { if (feature === Feature.EXPORTS) { await prisma.exportJob.findMany({ where: { accountId: account.id } }); } } }', 'findMany', 'switch-on-element'],
  ['an if on a property of the element', 'export async function f(invoices) { for (const invoice of invoices) { if (invoice.status === "overdue") { await prisma.reminder.findFirst({ where: { invoiceId: invoice.id } }); } } }', 'findFirst', undefined],
  ['probe for a free slug', 'export async function f(base) { let slug = base; let n = 1; let taken; do { taken = await prisma.team.findUnique({ where: { slug } }); if (taken) slug = `${base}-${++n}`; } while (taken); return slug; }', 'findUnique', 'probe-loop'],
  ['probe in an endless loop that returns', 'export async function f(base) { for (let i = 1; ; i++) { const name = `${base}-${i}`; const hit = await knex("teams").where({ name }).first(); if (!hit) return name; } }', 'first', 'probe-loop'],
  ['a poll whose rounds a deadline bounds', 'export async function f(id) { const started = Date.now(); while (Date.now() - started < 60000) { await sleep(1000); const job = await prisma.exportJob.findFirst({ where: { id } }); if (job.status === "done") return job; } }', 'findFirst', 'counted-poll'],
  ['a poll on a deadline that never waits is not bounded by it', 'export async function f(id) { const started = Date.now(); while (Date.now() - started < 60000) { const job = await prisma.exportJob.findFirst({ where: { id } }); if (job.status === "done") return job; } }', 'findFirst', undefined],
  ['a drain comparing a row field with the clock has no deadline', 'export async function f() { let job = await prisma.job.findFirst({ where: { status: "queued" } }); while (job && job.runAt.getTime() <= Date.now()) { await sleep(10); await handle(job); job = await prisma.job.findFirst({ where: { status: "queued" } }); } }', 'findFirst', undefined],
  ['a walk over a list with a deadline stays per element', 'export async function f(ids, deadline) { for (let i = 0; i < ids.length && Date.now() < deadline; i++) { await prisma.user.findUnique({ where: { id: ids[i] } }); } }', 'findUnique', undefined],
  ['a counted search that returns the first free code', 'export async function f(max) { for (let attempts = 0; attempts < max; attempts++) { const code = randomCode(); const taken = await prisma.product.findFirst({ where: { code } }); if (!taken) return code; } }', 'findFirst', 'counted-poll'],
  ['a counted walk that leaves early on a missing row reads on', 'export async function f(ids) { for (let i = 0; i < ids.length; i++) { const row = await prisma.product.findUnique({ where: { id: ids[i] } }); if (!row) break; } }', 'findUnique', undefined],
  ['a walk stepping its index in the body that leaves early on a missing row reads on', 'export async function f(items) { let i = 0; while (i < items.length) { const product = await prisma.product.findUnique({ where: { id: items[i].productId } }); if (!product) break; i++; } }', 'findUnique', undefined],
  ['a drain whose flag the empty page clears reads one page a round', 'import { Kysely } from "kysely";\nconst db = new Kysely({});\nexport async function f(workspaceId) { let hasMore = true; while (hasMore) { const rows = await db.selectFrom("uploads").select(["id"]).where("workspace_id", "=", workspaceId).limit(100).execute(); if (rows.length === 0) { hasMore = false; break; } await db.deleteFrom("uploads").where("id", "in", rows.map((r) => r.id)).execute(); } }', 'execute', 'keyset-page'],
  ['a batch flushed when full', 'export async function f(players) { let batch = []; for (const p of players) { batch.push(p); if (batch.length >= BATCH_SIZE) { await prisma.archive.createMany({ data: batch }); batch = []; } } }', 'createMany', 'chunked'],
  ['a batch mapped to rows before its write', 'export async function f(players) { let batch = []; for await (const p of players) { batch.push(p); if (batch.length >= 100) { const rows = batch.map((x) => ({ id: x.id })); await prisma.archive.createMany({ data: rows }); batch = []; } } }', 'createMany', 'chunked'],
  ['a batch whose size check is in parentheses', 'export async function f(players) { let batch = []; for (const p of players) { batch.push(p); if ((batch.length >= 100)) { await prisma.archive.createMany({ data: batch }); batch = []; } } }', 'createMany', 'chunked'],
  ['a sliding window trimmed by one is no batch', 'export async function f(rows) { const win = []; for (const r of rows) { win.push(r); if (win.length >= 10) { await prisma.stat.create({ data: { rows: win } }); win.splice(0, 1); } } }', 'create', undefined],
  ['a batch emptied only on a further condition is no batch', 'export async function f(rows) { let batch = []; for (const r of rows) { batch.push(r); if (batch.length >= 10) { await prisma.stat.create({ data: { rows: batch } }); if (r.last) batch = []; } } }', 'create', undefined],
  ['a size check whose branch never empties the list is no batch', 'export async function f(rows) { const seen = []; for (const row of rows) { seen.push(row); if (seen.length >= 10) await prisma.row.update({ where: { id: row.id }, data: { late: true } }); } }', 'update', undefined],
  ['a unique code searched under a flag the answer sets', 'export async function f() { let unique = false; let code; while (!unique) { code = nanoid(); const found = await prisma.invite.findUnique({ where: { code } }); if (!found) unique = true; } return code; }', 'findUnique', 'probe-loop'],
  ['a walk that stops on a flag of the row', 'export async function f(items) { let ok = true; let i = 0; while (ok && i < items.length) { const p = await prisma.product.findUnique({ where: { id: items[i] } }); if (!p) ok = false; i++; } }', 'findUnique', undefined],
  ['a flag the answer sets is no probe key', 'export async function f(ids) { let missing = false; for (let i = 0; i < ids.length && !missing; i++) { const p = await prisma.product.findUnique({ where: { id: ids[i] } }); if (!p) missing = true; } }', 'findUnique', undefined],
  ['a non-empty check is no full batch', 'export async function f(players) { const seen = []; for (const p of players) { seen.push(p.id); if (seen.length > 0) { await prisma.player.update({ where: { id: p.id }, data: { archived: true } }); } } }', 'update', undefined],
  ['probe cleared by a branch on the answer', 'export async function f() { let slug; while (!slug) { slug = randomSlug(); const clash = await prisma.team.findFirst({ where: { slug } }); if (clash) { slug = undefined; } } return slug; }', 'findFirst', 'probe-loop'],
  ['a branch on the row that does not steer the loop', 'export async function f(ids) { let last; for (let i = 0; i < ids.length; i++) { const row = await prisma.team.findUnique({ where: { id: ids[i] } }); if (row) { last = row; } } return last; }', 'findUnique', undefined],
  ['probe in the condition', 'export async function f(base) { let slug = base; let i = 0; while (await prisma.team.findFirst({ where: { slug } })) { slug = `${base}-${++i}`; } return slug; }', 'findFirst', 'probe-loop'],
  ['poll of the same query is no probe', 'export async function f() { while (await prisma.job.count({ where: { done: false } }) > 0) { await runNext(); } }', 'count', undefined],
  ['a page read through a builder kept in a variable', 'import { Kysely } from "kysely";\nconst db = new Kysely({});\nexport async function f() { const qb = db.selectFrom("actor").selectAll().limit(100); let cursor; do { const rows = cursor ? await qb.where("did", ">", cursor.did).execute() : await qb.execute(); cursor = rows.at(-1); } while (cursor); }', 'execute', 'keyset-page'],
  ['a builder variable with no cap reads on', 'import { Kysely } from "kysely";\nconst db = new Kysely({});\nexport async function f() { const qb = db.selectFrom("actor").selectAll(); let cursor; do { const rows = cursor ? await qb.where("did", ">", cursor.did).execute() : await qb.execute(); cursor = rows.at(-1); } while (cursor); }', 'execute', undefined],
  ['linked list walk is no probe', 'export async function f(next) { let row; do { row = await pool.query("SELECT * FROM jobs WHERE id = $1", [next]); next = row.next; } while (next); }', 'query', undefined],
  ['keyset page with the cursor in a builder callback', 'export async function f(db) { let after = ""; do { const page = await db.selectFrom("account").select(["id"]).limit(50).$if(after !== "", (qb) => qb.where("id", ">", after)).execute(); after = page.length > 0 ? page[page.length - 1].id : ""; } while (after); }', 'execute', 'keyset-page'],
  ['Prisma update with the row\'s own values', 'export async function f(items) { for (const item of items) { await prisma.cartItem.update({ where: { id: item.id }, data: { quantity: item.quantity } }); } }', 'update', 'row-own-values'],
  ['Prisma update with one value for all rows', 'export async function f(items, now) { for (const item of items) { await prisma.cartItem.update({ where: { id: item.id }, data: { archivedAt: now } }); } }', 'update', undefined],
  ['Prisma update with the position alone', 'export function f(rows) { return Promise.all(rows.map((row, i) => prisma.task.update({ where: { id: row.id }, data: { position: i } }))); }', 'update', undefined],
  ['Prisma update in a counted loop whose value the indexed row gives, through a conditional and a call', 'export async function f(tx, settings, sealed) { for (let i = 0; i < settings.length; i++) { await tx.setting.update({ where: { key: settings[i].key }, data: { value: sealed.includes(settings[i].key) ? seal(settings[i].value) : settings[i].value } }); } }', 'update', 'row-own-values'],
  ['Prisma update in a counted loop over a field of a parameter, the indexed row kept whole', 'export async function f(tx, input) { for (let i = 0; i < input.settings.length; i++) { await tx.setting.update({ where: { key: input.settings[i].key }, data: input.settings[i] }); } }', 'update', 'row-own-values'],
  ['Prisma update in a counted loop with the position alone', 'export async function f(tx, settings) { for (let i = 0; i < settings.length; i++) { await tx.setting.update({ where: { key: settings[i].key }, data: { position: i } }); } }', 'update', undefined],
  ['Prisma update whose conditional reads the row in its test alone', 'export async function f(tx, settings) { for (let i = 0; i < settings.length; i++) { await tx.setting.update({ where: { key: settings[i].key }, data: { state: settings[i].locked ? "LOCKED" : "OPEN" } }); } }', 'update', undefined],
  ['Prisma update with the element a parallel list holds at the counter', 'export async function f(tx, settings, values) { for (let i = 0; i < settings.length; i++) { await tx.setting.update({ where: { key: settings[i].key }, data: { value: values[i] } }); } }', 'update', 'row-own-values'],
  ['Prisma update whose value the row gives deep inside a call', 'export function f(tx, settings, to) { return Promise.all(settings.filter((s) => s.live).map((setting) => tx.setting.update({ where: { id: setting.id }, data: { options: JSON.stringify({ ...setting.options, region: to }) } }))); }', 'update', 'row-own-values'],
  ['Prisma update whose deep value reads no row', 'export function f(tx, settings, defaults, to) { return Promise.all(settings.map((setting) => tx.setting.update({ where: { id: setting.id }, data: { options: JSON.stringify({ ...defaults, region: to }) } }))); }', 'update', undefined],
  ['Knex update text run raw, the value a parallel list holds at the counter', 'import knex from "knex";\nconst db = knex({});\nexport async function f(prisma, ids, ranks) { for (let i = 0; i < ids.length; i++) { const sql = db("tasks").update({ rank: ranks[i] }).where("id", ids[i]).toQuery(); await prisma.$executeRawUnsafe(sql); } }', '$executeRawUnsafe', 'row-own-values'],
  ['Knex update text run raw, the position alone', 'import knex from "knex";\nconst db = knex({});\nexport async function f(prisma, ids) { for (let i = 0; i < ids.length; i++) { const sql = db("tasks").update({ rank: i }).where("id", ids[i]).toQuery(); await prisma.$executeRawUnsafe(sql); } }', '$executeRawUnsafe', undefined],
  ['the text a schema statement builder returns, run raw per table', 'export class S { async f(tables) { for (const t of tables) { await this.prisma.$executeRawUnsafe(this.sqlDialect.dropTable(t.name)); } } }', '$executeRawUnsafe', 'schema-statement'],
  ['the same text held in a const', 'export class S { async f(names) { for (const name of names) { const sql = this.sqlDialect.duplicateTable("live", "archive", name); await this.prisma.$executeRawUnsafe(sql); } } }', '$executeRawUnsafe', 'schema-statement'],
  ['a row statement builder\'s text', 'export class S { async f(rows) { for (const row of rows) { await this.prisma.$executeRawUnsafe(this.sqlDialect.updateOrderSql(row)); } } }', '$executeRawUnsafe', undefined],
  ['the statements of one schema change, run one after the other', 'export class S { async f(table, from, to) { const statements = this.sqlDialect.renameColumn(table, from, to); for (const statement of statements) { await this.prisma.$executeRawUnsafe(statement); } } }', '$executeRawUnsafe', 'schema-script'],
  ['the sql of Knex toSQL() objects of a schema change', 'export class S { async f(table) { for (const step of this.sqlDialect.alterArchiveColumn(table)) { await this.knex.raw(step.sql); } } }', 'raw', 'schema-script'],
  ['row statements one call built from the rows', 'export class S { async f(rows) { const statements = this.sqlDialect.insertRowsSql(rows); for (const statement of statements) { await this.prisma.$executeRawUnsafe(statement); } } }', '$executeRawUnsafe', undefined],
  ['a write of a table of the round\'s own, text run raw', 'export class S { async f(names, by) { for (const name of names) { const copy = this.archiveName(name); const sql = this.knex(copy).update({ copied_by: by }).toQuery(); await this.prisma.$executeRawUnsafe(sql); } } }', '$executeRawUnsafe', 'per-element-table'],
  ['a write of the round\'s table that keys by the row', 'export class S { async f(rows, by) { for (const row of rows) { const table = this.tableOf(row.kind); const sql = this.knex(table).update({ copied_by: by }).where("id", row.id).toQuery(); await this.prisma.$executeRawUnsafe(sql); } } }', '$executeRawUnsafe', undefined],
  ['the many-to-many relations of a TypeORM entity\'s metadata', 'export async function f(repository) { for (const relation of repository.metadata.manyToManyRelations) { await repository.manager.query(`SELECT * FROM "${relation.joinTableName}"`); } }', 'query', 'own-list'],
  ['relations a request sends', 'export async function f(repository, input) { for (const relation of input.relations) { await repository.manager.query(`SELECT * FROM "${relation.joinTableName}"`); } }', 'query', undefined],
  ['Prisma update with a value looked up by the row\'s key', 'export async function f(lines, priceBySku) { for (const { id, sku } of lines) { await prisma.orderLine.update({ where: { id }, data: { unitPrice: priceBySku[sku] } }); } }', 'update', 'row-own-values'],
  ['Sequelize update through a destructured model, the file importing Sequelize', 'import { Transaction } from "sequelize";\nexport function f(edits, transaction) { return Promise.all(edits.map(async ({ model, changes }) => model.update(pick(changes, FIELDS), { transaction }))); }', 'update', 'row-own-values'],
  ['the same update, the file importing Mongoose', 'import { Types } from "mongoose";\nexport function f(edits, ownerId) { return Promise.all(edits.map(async ({ model, changes }) => model.update(pick(changes, FIELDS), { ownerId }))); }', 'update', undefined],
  ['the same update, the file importing both', 'import { Transaction } from "sequelize";\nimport { Types } from "mongoose";\nexport function f(edits, transaction) { return Promise.all(edits.map(async ({ model, changes }) => model.update(pick(changes, FIELDS), { transaction }))); }', 'update', undefined],
  ['Knex update with a value computed from the row', 'export async function f(accounts) { for (const { id, credits, debits } of accounts) { const balance = credits - debits; await knex("accounts").where({ id }).update({ balance }); } }', 'update', 'row-own-values'],
  ['TypeORM save of an element changed from its own values', 'import { Repository } from "typeorm";\nexport class S { constructor(private readonly plans: Repository<Plan>) {} async f(plans, enabled) { for (const plan of plans) { plan.features = plan.features.filter((x) => enabled.includes(x)); await this.plans.save(plan); } } }', 'save', 'row-own-values'],
  ['TypeORM save of an element given one value for all', 'import { Repository } from "typeorm";\nexport class S { constructor(private readonly mods: Repository<Mod>) {} async f(mods, payment) { for (const mod of mods) { mod.paymentId = payment.id; await this.mods.save(mod); } } }', 'save', undefined],
  ['TypeORM save of a stored row the body holds, changed from the row', 'import { Repository } from "typeorm";\nexport class S { constructor(private readonly shipments: Repository<Shipment>) {} async f(order, carrierIds) { for (const [i, carrierId] of carrierIds.entries()) { const shipment = order.shipments[i]; shipment.carrierId = carrierId; await this.shipments.save(shipment); } } }', 'save', 'row-own-values'],
  ['TypeORM save of a fetched row changed by the row', 'import { Repository } from "typeorm";\nexport class S { constructor(private readonly levels: Repository<Level>) {} async f(moves) { for (const move of moves) { const level = await load(move.sku); level.stock += move.quantity; await this.levels.save(level); } } }', 'save', 'row-own-values'],
  ['TypeORM save of a row an awaited factory builds is an insert', 'import { Repository } from "typeorm";\nexport class S { constructor(private readonly shipments: Repository<Shipment>) {} async f(order, carrierIds) { for (const carrierId of carrierIds) { const shipment = await this.factory.fromOrder(order); shipment.carrierId = carrierId; await this.shipments.save(shipment); } } }', 'save', undefined],
  ['TypeORM save of a row built in the loop is an insert', 'import { Repository } from "typeorm";\nexport class S { constructor(private readonly shipments: Repository<Shipment>) {} async f(order, carrierIds) { for (const carrierId of carrierIds) { const shipment = new Shipment({ orderId: order.id }); shipment.carrierId = carrierId; await this.shipments.save(shipment); } } }', 'save', undefined],
  ['Prisma upsert of the row\'s values whose returned row the iteration reads', 'export async function f(tx, inputs, ids) { for (const input of inputs) { const member = await tx.member.upsert({ where: { email: input.email }, update: { name: input.name }, create: { email: input.email, name: input.name } }); ids.set(input.email, member.id); } }', 'upsert', 'row-own-values'],
  ['Prisma upsert whose returned row nobody reads', 'export async function f(tx, inputs) { for (const input of inputs) { await tx.member.upsert({ where: { email: input.email }, update: { name: input.name }, create: { email: input.email, name: input.name } }); } }', 'upsert', undefined],
  ['Prisma upsert of one value for all, returned row read', 'export async function f(tx, inputs, ids, now) { for (const input of inputs) { const member = await tx.member.upsert({ where: { email: input.email }, update: { seenAt: now }, create: { email: input.email } }); ids.push(member.id); } }', 'upsert', undefined],
  ['Mongoose update with the row\'s own values (bulkWrite exists)', 'import { Player } from "./models/player";\nexport async function f(players) { for (const p of players) { await Player.updateOne({ _id: p.id }, { $set: { rank: p.rank } }); } }', 'updateOne', undefined],
  ['writes dispatched on the element\'s kind', 'export async function f(ops) { for (const op of ops) { if (op.kind === Kind.Add) { await knex("follow").insert({ a: op.actor }); } else if (op.kind === Kind.Remove) { await knex("follow").where({ a: op.actor }).delete(); } } }', 'insert', 'ordered-operations'],
  ['writes in a several-case switch on the element\'s kind', 'export async function f(events) { for (const event of events) { switch (event.type) { case "credit": await knex("entries").insert({ a: event.amount }); break; case "reversal": await knex("entries").where({ id: event.id }).delete(); break; } } }', 'insert', 'ordered-operations'],
  ['a filter is no dispatch', 'export async function f(lines) { for (const line of lines) { if (line.status === "open") await knex("lines").insert({ qty: line.qty }); } }', 'insert', undefined],
  ['a table\'s definition read per table of a warehouse', 'export async function f(pool, tables) { return Promise.all(tables.map(async (table) => { const [res] = await pool.query(`SHOW CREATE TABLE ${table}`); return res; })); }', 'query', 'schema-statement'],
  ['a plural key option given a bundle of ids', 'export async function f(bundles) { for (const bundle of bundles) { await userRepository.findMany({ uuids: bundle, sortBy: "updated_at" }); } }', 'findMany', 'batched'],
  ['a plural key option given a list of one id matches one row', 'export async function f(users) { for (const user of users) { await userRepository.findMany({ memberIds: [user.id] }); } }', 'findMany', undefined],
  ['a plural key option given one id matches one row', 'export async function f(users) { for (const user of users) { await userRepository.findMany({ memberIds: user.id }); } }', 'findMany', undefined],
  ['a list the function caps before the loop', 'export async function f(invites) { if (invites.length > 30) throw new Error("too many"); for (const invite of invites) { await prisma.user.findFirst({ where: { email: invite.email } }); } }', 'findFirst', 'capped-list'],
  ['a cap on the list of a map callback', 'export async function f(input) { if (20 <= input.items.length) { return []; } return Promise.all(input.items.map(async (item) => { await check(item); return prisma.item.findFirst({ where: { sku: item.sku } }); })); }', 'findFirst', 'capped-list'],
  ['a cap too large to promise a handful', 'export async function f(rows) { if (rows.length > 10000) throw new Error("too many"); for (const row of rows) { await prisma.user.findFirst({ where: { id: row.id } }); } }', 'findFirst', undefined],
  ['a cap on another list', 'export async function f(rows, tags) { if (tags.length > 5) throw new Error("too many"); for (const row of rows) { await prisma.user.findFirst({ where: { id: row.id } }); } }', 'findFirst', undefined],
  ['a model held by a value taken from the element', 'export function f(configs, id) { return Promise.all(Object.keys(configs).map(async (key) => { const config = configs[key]; return config.model.count({ where: { [config.field]: id } }); })); }', 'count', 'per-element'],
  ['await marked with eslint-disable-next-line no-await-in-loop', 'export async function f(ids) {\n  for (const id of ids) {\n    // eslint-disable-next-line no-await-in-loop -- one at a time\n    await userRepository.findById(id);\n  }\n}', 'findById', 'sequential-on-purpose'],
  ['await in a block where no-await-in-loop is off', '/* eslint-disable no-await-in-loop */\nexport async function f(ids) {\n  for (const id of ids) {\n    await userRepository.findById(id);\n  }\n}', 'findById', 'sequential-on-purpose'],
  ['a round paced by a timer before other work', 'export async function f(users) { for (const user of users) { const seen = await userRepository.findSent(user.id); if (seen) continue; await new Promise((resolve) => setTimeout(resolve, 1000)); await mailer.send(user.email); } }', 'findSent', 'paced'],
  ['a round paced by sleep()', 'export async function f(users) { for (const user of users) { await sleep(500); await userRepository.touch(user.id); await webhook.post(user.url); } }', 'touch', 'paced'],
  ['a one-millisecond sleep paces nothing', 'export async function f(users) { for (const user of users) { await sleep(1); await userRepository.touch(user.id); await webhook.post(user.url); } }', 'touch', undefined],
  ['a wait() with no duration is no pause', 'export async function f(users) { for (const user of users) { const tx = await chain.send(user.wallet); await tx.wait(); await userRepository.touch(user.id); await webhook.post(user.url); } }', 'touch', undefined],
  ['a pause of a named duration paces the loop', 'const SEND_DELAY_MS = 1000;\nexport async function f(users) { for (const user of users) { await sleep(SEND_DELAY_MS); await userRepository.touch(user.id); await webhook.post(user.url); } }', 'touch', 'paced'],
  ['a pause between writes only is no paced workflow', 'export async function f(ids) { for (const id of ids) { await userRepository.touch(id); await sleep(50); } }', 'touch', undefined],
  ['a pause under a condition does not pace the loop', 'export async function f(users) { for (const user of users) { const seen = await userRepository.findSent(user.id); if (seen) await sleep(100); await mailer.send(user.email); } }', 'findSent', undefined],
  ['directive turned back on before the loop', '/* eslint-disable no-await-in-loop */\nconst a = 1;\n/* eslint-enable no-await-in-loop */\nexport async function f(ids) {\n  for (const id of ids) {\n    await userRepository.findById(id);\n  }\n}', 'findById', undefined],
  ['directive for another rule', 'export async function f(ids) {\n  for (const id of ids) {\n    // eslint-disable-next-line no-console\n    await userRepository.findById(id);\n  }\n}', 'findById', undefined],
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

  it.each(STEERING_SNIPPETS)('%s', (_label, code, method, expected) => {
    const observed = expectParity(code);
    const query = loopOf(observed, method);
    expect(query).toBeDefined();
    const judged = query?.judged as { iteration?: string; query?: string; inLoop?: string };
    expect(judged.iteration ?? judged.query ?? judged.inLoop).toBe(expected);
  });

  it.each(QUERY_SNIPPETS)('%s', (_label, code, exemption) => {
    const observed = expectParity(code);
    const query = loopOf(observed, exemption === 'per-element' ? 'deleteMany' : exemption === 'batched' ? 'whereIn' : exemption === 'probe' || exemption === 'drain' || exemption === 'schema-statement' ? 'query' : 'findUnique');
    expect(query).toBeDefined();
    const judged = query?.judged as { iteration?: string; query?: string; inLoop?: string };
    expect(judged.query ?? judged.inLoop).toBe(exemption);
  });
});

/**
 * The per-query exemptions both engines judge alike on one file, and the per-row try that background
 * work uses to isolate each row. `[label, code, method of the query, judgement, isolated per row]`.
 */
const PER_QUERY_SNIPPETS: readonly [string, string, string, string | undefined][] = [
  ['entities built by a model class collected and saved whole after the loop', 'import { Boost } from "../entities/boost"; export async function f(manager, userId, shares) { const rows = []; for (const [projectId, percentage] of shares.entries()) { rows.push(Boost.create({ userId, projectId, percentage })); } await manager.save(rows); }', 'create', 'built-then-saved'],
  ['model creates pushed and awaited together are one insert each', 'import { Boost } from "../models/boost"; export async function f(userId, shares) { const pending = []; for (const share of shares) { pending.push(Boost.create({ userId, projectId: share.projectId })); } await Promise.all(pending); }', 'create', undefined],
  ['entities saved whole before the loop that builds more', 'import { Boost } from "../entities/boost"; export async function f(manager, shares) { const rows = []; await manager.save(rows); for (const share of shares) { rows.push(Boost.create({ projectId: share.projectId })); } }', 'create', undefined],
  ['Prisma creates pushed for a batch $transaction after the loop', 'export async function f(prisma, projectId, envs) { const ops = []; for (const env of envs) { ops.push(prisma.environment.create({ data: { name: env.name, projectId } })); } await prisma.$transaction([prisma.project.update({ where: { id: projectId }, data: { envCount: envs.length } }), ...ops]); }', 'create', 'batch-transaction'],
  ['Prisma creates pushed and run together by Promise.all', 'export async function f(prisma, projectId, envs) { const ops = []; for (const env of envs) { ops.push(prisma.environment.create({ data: { name: env.name, projectId } })); } await Promise.all(ops); }', 'create', undefined],
  ['TypeORM update with a total computed from the row', 'import { Repository } from "typeorm";\nexport class S { constructor(private readonly carts: Repository<Cart>) {} async f(carts) { for (const cart of carts) { const total = cart.lines.length * cart.price; await this.carts.update(cart.id, { total }); } } }', 'update', 'row-own-values'],
  ['TypeORM update with the same status for all', 'import { Repository } from "typeorm";\nexport class S { constructor(private readonly carts: Repository<Cart>) {} async f(carts) { for (const cart of carts) { await this.carts.update(cart.id, { status: "closed" }); } } }', 'update', undefined],
  ['Drizzle update whose set reads the row', 'export async function f(rows) { for (const row of rows) { await db.update(scores).set({ rank: row.points }).where(eq(scores.id, row.id)); } }', 'set', 'row-own-values'],
  ['uncapped read after the last id is a list walk', 'export async function f(db) { let after = 0; let page; do { page = await db.selectFrom("event").selectAll().where("id", ">", after).execute(); after = page.length > 0 ? page[page.length - 1].id : 0; } while (after > 0); }', 'execute', undefined],
  ['a read in a dispatch on the element\'s kind is no replay', 'export async function f(ops) { for (const op of ops) { if (op.kind === "a") { await knex("a").where({ id: op.id }).first(); } else if (op.kind === "b") { await knex("b").insert({ id: op.id }); } } }', 'first', undefined],
  ['a try per row that logs and goes on', 'export async function f(jobs) { for (const job of jobs) { try { await prisma.job.findUnique({ where: { id: job.id } }); } catch (e) { log(e); } } }', 'findUnique', undefined],
  ['a write of the row\'s values in a try per row that records the failure and goes on', 'export async function f(jobs, failed) { for (const job of jobs) { try { await prisma.jobRun.create({ data: { jobId: job.id, output: job.output } }); } catch (e) { failed.push(job.id); } } }', 'create', 'isolated-row-write'],
  ['a write of one status per id in a try per row is still one updateMany', 'export async function f(ids, failed) { for (const id of ids) { try { await prisma.order.update({ where: { id }, data: { status: "cancelled" } }); } catch (e) { failed.push(id); } } }', 'update', undefined],
  ['a delete per id in a try per row carries no values', 'export async function f(ids) { for (const id of ids) { try { await knex("sessions").where({ id }).del(); } catch (e) { log(e); } } }', 'del', undefined],
  ['a write in a try per row whose catch rethrows', 'export async function f(jobs) { for (const job of jobs) { try { await prisma.job.update({ where: { id: job.id }, data: { done: true } }); } catch (e) { log(e); throw e; } } }', 'update', undefined],
  ['a write in a try per row whose catch rethrows all but one error', 'export async function f(keys) { for (const key of keys) { try { await pool.query("INSERT INTO locks (id) VALUES ($1)", [key]); } catch (e) { if (!isConflict(e)) { throw e; } } } }', 'query', undefined],
  ['a Prisma create that writes its children in the same call', 'export async function f(tx, recipients) { for (const r of recipients) { await tx.recipient.create({ data: { email: r.email, fields: { createMany: { data: r.fields } } } }); } }', 'create', 'nested-create'],
  ['a Prisma create of an element mapped to an object with a nested create', 'export async function f(tx, folders) { const inputs = folders.map((folder) => ({ title: folder.name, documents: { create: folder.documents } })); for (const input of inputs) { await tx.folder.create({ data: { ...input } }); } }', 'create', 'nested-create'],
  ['a Prisma create of an element a method of the class builds, the list assigned once', 'export class S { async f(tx, folders) { let inputs = []; inputs = folders.map((folder) => this.toInput(folder)); await Promise.all(inputs.map((input) => tx.folder.create({ data: input }))); } toInput(folder) { const title = folder.name; return { title, documents: { createMany: { data: folder.documents } } }; } }', 'create', 'nested-create'],
  ['a Prisma create of an element a function builds with two returns', 'function toInput(folder) { if (!folder.documents) return { title: folder.name }; return { title: folder.name, documents: { create: folder.documents } }; }\nexport async function f(tx, folders) { const inputs = folders.map((folder) => toInput(folder)); for (const input of inputs) { await tx.folder.create({ data: input }); } }', 'create', undefined],
  ['a Prisma create over a mapped list the function adds other elements to', 'export async function f(tx, folders, extra) { const inputs = folders.map((folder) => ({ title: folder.name, documents: { create: folder.documents } })); inputs.push(extra); for (const input of inputs) { await tx.folder.create({ data: { ...input } }); } }', 'create', undefined],
  ['a Prisma create of an element mapped to columns only', 'export async function f(tx, folders) { const inputs = folders.map((folder) => ({ title: folder.name })); for (const input of inputs) { await tx.folder.create({ data: { ...input } }); } }', 'create', undefined],
  ['a Prisma create that only connects a relation', 'export async function f(tx, recipients, id) { for (const r of recipients) { await tx.recipient.create({ data: { email: r.email, envelope: { connect: { id } } } }); } }', 'create', undefined],
  ['a write the round follows with an event and a file removal', 'import { Repository } from "typeorm";\nexport class S { constructor(private readonly assets: Repository<Asset>) {} async f(assets) { for (const asset of assets) { await this.assets.remove(asset); await this.storage.deleteFile(asset.path); await this.events.publish(new AssetDeleted(asset.id)); } } }', 'remove', 'workflow-step'],
  ['a write the round follows with a service step, in a map callback', 'export function f(levels, variantId) { return Promise.all(levels.map(async (level) => { await prisma.adjustment.create({ data: { variantId, delta: level.delta } }); await stock.applyDelta(variantId, level.delta); })); }', 'create', 'workflow-step'],
  ['a write that only a log line and a cache entry follow', 'export async function f(tags) { for (const tag of tags) { await prisma.tag.update({ where: { id: tag.id }, data: { reviewed: true } }); await this.logger.info("reviewed"); await redisCache.del(tag.id); } }', 'update', undefined],
  ['a write that the response written follows', 'export async function f(rows, res) { for (const row of rows) { await prisma.contact.create({ data: { email: row.email } }); await res.write(row.email); } }', 'create', undefined],
  ['a write that only a wait follows', 'export async function f(ids) { for (const id of ids) { await prisma.job.update({ where: { id }, data: { status: "queued" } }); await sleep(50); } }', 'update', undefined],
  ['a write that another query follows', 'export async function f(fields, documentId) { for (const field of fields) { await prisma.field.create({ data: { documentId, type: field.type } }); await prisma.auditLog.create({ data: { documentId, kind: field.type } }); } }', 'create', undefined],
  ['a write that awaited work only feeds', 'export async function f(rows) { for (const row of rows) { const invoice = await invoices.fromRow(row); await prisma.invoice.create({ data: invoice }); } }', 'create', undefined],
  ['a read the round follows with a mail stays batchable', 'export async function f(orders) { for (const order of orders) { const customer = await prisma.customer.findFirst({ where: { id: order.customerId } }); await mailer.send(customer.email); } }', 'findFirst', undefined],
  ['a try around the whole loop isolates no row', 'export async function f(jobs) { try { for (const job of jobs) { await prisma.job.findUnique({ where: { id: job.id } }); } } catch (e) { log(e); } }', 'findUnique', undefined],
];

describe('per-query exemptions: the ESLint and the audit adapters agree', () => {
  it.each(PER_QUERY_SNIPPETS)('%s', (_label, code, method, expected) => {
    const observed = expectParity(code);
    const query = loopOf(observed, method);
    expect(query).toBeDefined();
    const judged = query?.judged as { iteration?: string; query?: string; inLoop?: string };
    expect(judged.iteration ?? judged.query ?? judged.inLoop).toBe(expected);
  });
});
