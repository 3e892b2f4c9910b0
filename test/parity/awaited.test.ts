import { describe, expect, it } from 'vitest';
import { expectParity } from './harness.js';


/** Awaited-ness: `await`, `yield`, `.then`, async returns, promise sinks and callback flow. */
const SNIPPETS: readonly [string, string, boolean][] = [
  ['awaited', 'export async function f(id) { await userRepository.findById(id); }', true],
  ['not awaited', 'export function f(id) { userRepository.findById(id); }', false],
  ['returned from an async function', 'export async function f(id) { return userRepository.findById(id); }', true],
  ['returned from a plain function', 'export function f(id) { return userRepository.findById(id); }', false],
  ['async arrow body', 'export const f = async (id) => userRepository.findById(id);', true],
  ['.then on the chain', 'export function f(id) { userRepository.findById(id).then((user) => user); }', true],
  ['yielded', 'export function* f(id) { yield userRepository.findById(id); }', true],
  ['Promise.all over a map callback', 'export function f(ids) { return Promise.all(ids.map((id) => userRepository.findById(id))); }', true],
  ['Promise.all over a block-bodied map callback', 'export function f(ids) { return Promise.all(ids.map((id) => { return userRepository.findById(id); })); }', true],
  ['array of promises in Promise.allSettled', 'export function f(a, b) { return Promise.allSettled([userRepository.findById(a), userRepository.findById(b)]); }', true],
  ['pushed to a list of tasks', 'export function f(ids, tasks) { for (const id of ids) tasks.push(userRepository.findById(id)); }', true],
  ['handed to Promise.resolve', 'export function f(id) { return Promise.resolve(userRepository.findById(id)); }', true],
  ['map callback not consumed as a promise', 'export function f(ids) { const all = ids.map((id) => userRepository.findById(id)); return all; }', false],
  ['Bluebird map callback', 'import Bluebird from "bluebird";\nexport async function f(ids) { await Bluebird.map(ids, (id) => userRepository.findById(id)); }', true],
  ['passed to a plain function', 'export function f(id, keep) { keep(userRepository.findById(id)); }', false],
  ['parenthesised and asserted', 'export async function f(id) { await (userRepository.findById(id) as Promise<unknown>); }', true],
  ['async method in a class', 'export class S { async f(id) { return this.users.findById(id); } }', true],
];

describe('awaited-ness: the ESLint and the audit adapters agree', () => {
  it.each(SNIPPETS)('%s', (_label, code, awaited) => {
    const observed = expectParity(code);
    // The outermost chain that calls `findById` (`repo.findById(id).then(…)` as a whole).
    const chains = observed.map((entry) => entry.chain as { segments: { name: string }[]; awaited: boolean }).filter((chain) => chain.segments.some((segment) => segment.name === 'findById'));
    const outermost = chains.sort((a, b) => b.segments.length - a.segments.length)[0];
    expect(outermost?.awaited).toBe(awaited);
  });
});

/** Kept as a value: a chain that, not awaited, initialises a variable or is assigned to one. */
const ASSIGNED: readonly [string, string, boolean][] = [
  ['const initialiser', "import { Org } from './entity/Org';\nexport function f(name) { const org = Org.create({ name }); return org; }", true],
  ['assignment', "import { Org } from './entity/Org';\nexport function f(name) { let org; org = Org.create({ name }); return org; }", true],
  ['asserted initialiser', "import { Org } from './entity/Org';\nexport function f(name) { const org = Org.create({ name }) as Org; return org; }", true],
  ['awaited initialiser', "import { Org } from './entity/Org';\nexport async function f(name) { const org = await Org.create({ name }); return org; }", false],
  ['statement', "import { Org } from './entity/Org';\nexport function f(name) { Org.create({ name }); }", false],
  ['compound assignment', "import { Org } from './entity/Org';\nexport function f(name, all) { all += Org.create({ name }); return all; }", false],
];

describe('assigned values: the ESLint and the audit adapters agree', () => {
  it.each(ASSIGNED)('%s', (_label, code, assigned) => {
    const observed = expectParity(code);
    const chain = observed.map((entry) => entry.chain as { segments: { name: string }[]; assigned?: boolean }).find((candidate) => candidate.segments.some((segment) => segment.name === 'create'));
    expect(chain?.assigned ?? false).toBe(assigned);
  });
});
