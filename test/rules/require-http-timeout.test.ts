import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import rule, { type MessageId, type Options } from '../../rules/require-http-timeout.js';
import { TYPED_PROJECT, runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

const SERVICE = path.join(TYPED_PROJECT, 'layers', 'users.service.ts');

type Case = Invalid<MessageId, Options>;

const AXIOS = '{ timeout: 10_000 }';
const GOT = '{ timeout: { request: 10_000 } }';
const SIGNAL = '{ signal: AbortSignal.timeout(10_000) }';

function missing(code: string, call: string, timeout: string, line: number, column: number, output?: string): Case {
  return {
    code,
    filename: SERVICE,
    errors: [{ messageId: 'missingTimeout', data: { call, timeout }, line, column, suggestions: output === undefined ? [] : [{ messageId: 'suggestSignal', output }] }],
  };
}

const valid: Valid<Options>[] = [
  // An axios instance whose every request in the file sets its own timeout (inline, or a config variable every
  // assignment of which holds one), the instance otherwise only given interceptors.
  `import axios from 'axios';
export class EsploraApi {
  pollConnection = axios.create();
  requestConnection = axios.create({ httpAgent: agent });
  constructor() {
    this.pollConnection.interceptors.request.use((config) => config);
  }
  async tip(host: string) {
    return (await this.pollConnection.get<number>(host + '/blocks/tip/height', { timeout: config.FALLBACK_TIMEOUT })).data;
  }
  async request<T>(url: string, socketPath?: string) {
    let axiosConfig;
    if (socketPath) axiosConfig = { socketPath, timeout: config.REQUEST_TIMEOUT };
    else axiosConfig = { timeout: config.REQUEST_TIMEOUT };
    return (await this.requestConnection.get<T>(url, axiosConfig)).data;
  }
}`,
  // The same, with the instance written to a private field in the constructor.
  `import axios, { type AxiosInstance } from 'axios';
export class IdentityProvider {
  #http: AxiosInstance;
  constructor(options: { issuerUrl: string }) {
    this.#http = axios.create({ baseURL: options.issuerUrl });
  }
  async discovery(url: string, signal?: AbortSignal) {
    const response = await this.#http.get(url, { signal, timeout: 10_000 });
    return response.data;
  }
}`,
  // A page's data hooks (TanStack Query): the browser fetches the app's own API, no request is served here.
  `import { useMutation, useQuery } from '@tanstack/react-query';
export const useInvoices = (page: number) =>
  useQuery({ queryKey: ['invoices', page], queryFn: () => fetch(\`/api/invoices?page=\${page}\`).then((res) => res.json()) });
export const useArchiveInvoice = () =>
  useMutation({ mutationFn: (id: string) => fetch(\`/api/invoices/\${id}/archive\`, { method: 'POST' }) });`,
  // The same with SWR's default import.
  `import useSWR from 'swr';
export function useProfile() {
  return useSWR('/api/me', (url: string) => fetch(url).then((res) => res.json()));
}`,
  // fetch with a signal: AbortSignal.timeout, an AbortController's signal, a caller's signal.
  { filename: SERVICE, code: `export async function rates() { return fetch('https://fx.example/rates', { signal: AbortSignal.timeout(5000) }); }` },
  { filename: SERVICE, code: `export async function rates() {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 5000);
  return fetch('https://fx.example/rates', { method: 'GET', signal: controller.signal });
}` },
  { filename: SERVICE, code: `export async function rates(signal: AbortSignal) { return fetch('https://fx.example/rates', { signal }); }` },
  { filename: SERVICE, code: `const init = { signal: AbortSignal.timeout(3000) };
export async function rates() { return fetch('https://fx.example/rates', init); }` },
  // Options we cannot see into.
  { filename: SERVICE, code: `export async function call(url: string, init: RequestInit) { return fetch(url, init); }` },
  { filename: SERVICE, code: `export async function call(url: string, init: RequestInit) { return fetch(url, { ...init, method: 'POST' }); }` },
  // A deadline raced against the request.
  { filename: SERVICE, code: `import pTimeout from 'p-timeout';
export async function rates() { return pTimeout(fetch('https://fx.example/rates'), { milliseconds: 5000 }); }` },
  { filename: SERVICE, code: `const sleep = (ms: number) => new Promise((_, reject) => setTimeout(reject, ms));
export async function rates() { return Promise.race([fetch('https://fx.example/rates'), sleep(5000)]); }` },
  // A fetch that is not the global one.
  { filename: SERVICE, code: `import { fetch } from './http';
export async function rates() { return fetch('https://fx.example/rates'); }` },
  { filename: SERVICE, code: `export async function rates(fetch: (url: string) => Promise<unknown>) { return fetch('https://fx.example/rates'); }` },
  { filename: SERVICE, code: `import ky from 'ky';
export async function rates() { return ky.get('https://fx.example/rates').json(); }` },
  // axios with a timeout, per call, on the instance, or by default.
  { filename: SERVICE, code: `import axios from 'axios';
export async function rates() { return axios.get('https://fx.example/rates', { timeout: 5000 }); }` },
  { filename: SERVICE, code: `import axios from 'axios';
export async function notify(body: object) { return axios.post('https://hooks.example/x', body, { timeout: 5000, headers: {} }); }` },
  { filename: SERVICE, code: `import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example', timeout: 8000 });
export async function user(id: string) { return api.get('/users/' + id); }` },
  { filename: SERVICE, code: `import axios from 'axios';
axios.defaults.timeout = 10_000;
export async function rates() { return axios.get('https://fx.example/rates'); }` },
  { filename: SERVICE, code: `import axios from 'axios';
export async function call(config: object) { return axios(config); }` },
  // got and undici with their timeout options.
  { filename: SERVICE, code: `import got from 'got';
export async function rates() { return got('https://fx.example/rates', { timeout: { request: 5000 } }).json(); }` },
  { filename: SERVICE, code: `import got from 'got';
const client = got.extend({ prefixUrl: 'https://api.example', timeout: { request: 5000 } });
export async function user(id: string) { return client.get('users/' + id).json(); }` },
  { filename: SERVICE, code: `import { request } from 'undici';
export async function rates() { return request('https://fx.example/rates', { headersTimeout: 5000, bodyTimeout: 5000 }); }` },
  // Start-up code, dev-only branches, CLIs and browser components make no request a server waits on.
  { filename: SERVICE, code: `export async function bootstrap() { const jwks = await fetch('https://issuer.example/jwks'); return jwks.json(); }` },
  { filename: SERVICE, code: `const manifest = await fetch('https://cdn.example/manifest.json');
export default manifest;` },
  { filename: SERVICE, code: `import { Command } from 'commander';
export async function pull(url: string) { return fetch(url); }` },
  { filename: path.join(TYPED_PROJECT, 'layers', 'users.controller.ts'), code: `'use client';
export async function load() { return fetch('/api/users'); }` },
  // A page's state store (zustand) checking for updates from the user's browser.
  { filename: SERVICE, code: `import { create } from 'zustand';
const store = create(() => ({ latest: null }));
export async function checkVersion() {
  const data = await fetch('https://api.example/updates').then((res) => res.json());
  store.setState({ latest: data.latest });
}` },
  // Shared browser-and-server code calling the app's own API: a folder of browser code says so.
  { filename: path.join(TYPED_PROJECT, 'packages', 'sdk', 'universal', 'upload.ts'), mode: 'untyped', code: `export async function upload(form: FormData) { return fetch('/api/files', { method: 'POST', body: form }); }` },
  // A tracking script for visitors' pages, bundled from the server's source tree: the fetch is the visitor's.
  { filename: SERVICE, code: `export async function send(payload: object) {
  const origin = document.currentScript?.getAttribute('data-origin') ?? window.location.origin;
  return fetch(\`\${origin}/api/track\`, { method: 'POST', body: JSON.stringify(payload), keepalive: true });
}` },
  // Next.js's data cache.
  { filename: SERVICE, code: `export async function stars() { return fetch('https://api.github.com/repos/acme/app', { next: { revalidate: 600 } }); }` },
  // setTimeout delays a request; it is no deadline, but a signal is given here.
  { filename: SERVICE, code: `export function later(url: string) { setTimeout(() => fetch(url, { signal: AbortSignal.timeout(1000) }), 500); }` },
  // A static file of the app's own deployment, fetched from its configured base URL: read or cache it, no deadline.
  { filename: SERVICE, code: `import { publicOrigin } from './settings';
export async function stampFont() { return (await fetch(\`\${publicOrigin()}/typefaces/serif.woff2\`)).arrayBuffer(); }` },
  { filename: SERVICE, code: `declare const SITE_ROOT: string;
export async function letterhead() { return fetch(SITE_ROOT + '/img/letterhead.png?v=3'); }` },
];

/**
 * Folders on disk, for the evidence of a file's neighbours: `limits/` keeps a feature's browser half
 * (`client.ts`) beside its server half (`server.ts`); `payments/` holds a `client.ts` alone, the
 * server's own client of a payment API.
 */
const WORKSPACE = mkdtempSync(path.join(os.tmpdir(), 'http-timeout-'));
afterAll(() => {
  rmSync(WORKSPACE, { recursive: true, force: true });
});
for (const file of ['src/limits/client.ts', 'src/limits/server.ts', 'src/payments/client.ts', 'src/payments/index.ts']) {
  mkdirSync(path.dirname(path.join(WORKSPACE, file)), { recursive: true });
  writeFileSync(path.join(WORKSPACE, file), '');
}
const LIMITS_FETCH = `declare const NEXT_PUBLIC_WEBAPP_URL: string;
export const getQuota = async (workspaceId: number) => fetch(\`\${NEXT_PUBLIC_WEBAPP_URL}/api/quota?workspace=\${workspaceId}\`).then((res) => res.json());`;
valid.push({ filename: path.join(WORKSPACE, 'src/limits/client.ts'), code: LIMITS_FETCH, mode: 'untyped' });

const invalid: Case[] = [
  // A config parameter's default is the caller's to replace; a field reached through another object is not followed.
  {
    code: `import axios from 'axios';
export class StatusApi {
  client = axios.create();
  async get(path: string, config = { timeout: 5000 }) {
    return (await this.client.get(path, config)).data;
  }
}`,
    errors: [{ messageId: 'clientWithoutTimeout', data: { call: 'axios.create', timeout: AXIOS }, line: 3, column: 12 }],
  },
  {
    code: `import axios from 'axios';
export class StatusApi {
  client = axios.create();
  async tip() {
    await this.client.get('/tip', { timeout: 5000 });
    const { client } = this;
    return client.get('/status');
  }
}`,
    errors: [{ messageId: 'clientWithoutTimeout', data: { call: 'axios.create', timeout: AXIOS }, line: 3, column: 12 }],
  },
  // A field written in the constructor with one request that sets no timeout: its default matters.
  {
    code: `import axios, { type AxiosInstance } from 'axios';
export class IdentityProvider {
  #http: AxiosInstance;
  constructor(options: { issuerUrl: string }) {
    this.#http = axios.create({ baseURL: options.issuerUrl });
  }
  async discovery(url: string) {
    await this.#http.get(url, { timeout: 10_000 });
    return (await this.#http.get(url + '/jwks')).data;
  }
}`,
    errors: [{ messageId: 'clientWithoutTimeout', data: { call: 'axios.create', timeout: AXIOS }, line: 5, column: 18 }],
  },
  // A public field written in the constructor may be used from other files; a computed \`this[key]\` may reach it: its default matters.
  {
    code: `import axios, { type AxiosInstance } from 'axios';
export class IdentityProvider {
  http: AxiosInstance;
  constructor(options: { issuerUrl: string }) {
    this.http = axios.create({ baseURL: options.issuerUrl });
  }
  async discovery(url: string) {
    return (await this.http.get(url, { timeout: 10_000 })).data;
  }
}`,
    errors: [{ messageId: 'clientWithoutTimeout', data: { call: 'axios.create', timeout: AXIOS }, line: 5, column: 17 }],
  },
  {
    code: `import axios from 'axios';
export class EsploraApi {
  pollConnection = axios.create();
  async tip(host: string, client: 'pollConnection') {
    await this.pollConnection.get(host + '/status', { timeout: 5000 });
    return (await this[client].get(host + '/blocks/tip/height')).data;
  }
}`,
    errors: [{ messageId: 'clientWithoutTimeout', data: { call: 'axios.create', timeout: AXIOS }, line: 3, column: 20 }],
  },
  // The same instance with one request that sets none, or handed elsewhere: its default matters.
  {
    code: `import axios from 'axios';
export class EsploraApi {
  pollConnection = axios.create();
  async tip(host: string) {
    await this.pollConnection.get(host + '/status', { timeout: 5000 });
    return (await this.pollConnection.get<number>(host + '/blocks/tip/height')).data;
  }
}`,
    errors: [{ messageId: 'clientWithoutTimeout', data: { call: 'axios.create', timeout: AXIOS }, line: 3, column: 20 }],
  },
  {
    code: `import axios from 'axios';
const api = axios.create();
export async function tip(host: string) {
  await api.get(host + '/status', { timeout: 5000 });
  return register(api);
}`,
    errors: [{ messageId: 'clientWithoutTimeout', data: { call: 'axios.create', timeout: AXIOS }, line: 2, column: 13 }],
  },
  // A route module holding its server loader beside the page: the loader's fetch runs on the server.
  missing(
    `import { useLoaderData } from 'react-router';
export async function loader() {
  const res = await fetch('https://api.example.com/items');
  return res.json();
}
export default function Items() {
  return useLoaderData();
}`,
    'fetch',
    SIGNAL,
    3,
    21,
    `import { useLoaderData } from 'react-router';
export async function loader() {
  const res = await fetch('https://api.example.com/items', { signal: AbortSignal.timeout(10_000) });
  return res.json();
}
export default function Items() {
  return useLoaderData();
}`,
  ),
  // A `client.ts` with no `server.ts` beside it is the server's own client.
  {
    code: LIMITS_FETCH,
    filename: path.join(WORKSPACE, 'src/payments/client.ts'),
    mode: 'untyped',
    errors: [{ messageId: 'missingTimeout', data: { call: 'fetch', timeout: SIGNAL }, line: 2, column: 56, suggestions: [{ messageId: 'suggestSignal', output: `declare const NEXT_PUBLIC_WEBAPP_URL: string;
export const getQuota = async (workspaceId: number) => fetch(\`\${NEXT_PUBLIC_WEBAPP_URL}/api/quota?workspace=\${workspaceId}\`, { signal: AbortSignal.timeout(10_000) }).then((res) => res.json());` }] }],
  },
  // An RPC client kept beside its RPC server: the pair alone, with no browser-public setting, is server code.
  {
    code: `declare const LEDGER_RPC_URL: string;
export const callLedger = async (body: string) => fetch(LEDGER_RPC_URL, { method: 'POST', body });`,
    filename: path.join(WORKSPACE, 'src/limits/client.ts'),
    mode: 'untyped',
    errors: [{ messageId: 'missingTimeout', data: { call: 'fetch', timeout: SIGNAL }, line: 2, column: 51, suggestions: [{ messageId: 'suggestSignal', output: `declare const LEDGER_RPC_URL: string;
export const callLedger = async (body: string) => fetch(LEDGER_RPC_URL, { signal: AbortSignal.timeout(10_000), method: 'POST', body });` }] }],
  },
  missing(`export async function rates() {
  const res = await fetch('https://fx.example/rates');
  return res.json();
}`, 'fetch', SIGNAL, 2, 21, `export async function rates() {
  const res = await fetch('https://fx.example/rates', { signal: AbortSignal.timeout(10_000) });
  return res.json();
}`),
  missing(`export async function notify(url: string, body: string) {
  await fetch(url, { method: 'POST', body });
}`, 'fetch', SIGNAL, 2, 9, `export async function notify(url: string, body: string) {
  await fetch(url, { signal: AbortSignal.timeout(10_000), method: 'POST', body });
}`),
  missing(`export const ping = (url: string) => fetch(url, {});`, 'fetch', SIGNAL, 1, 38, `export const ping = (url: string) => fetch(url, { signal: AbortSignal.timeout(10_000) });`),
  missing(`export const ping = (url: string) => globalThis.fetch(url);`, 'globalThis.fetch', SIGNAL, 1, 38, `export const ping = (url: string) => globalThis.fetch(url, { signal: AbortSignal.timeout(10_000) });`),
  // setTimeout is no deadline.
  missing(`export function later(url: string) { setTimeout(() => fetch(url), 500); }`, 'fetch', SIGNAL, 1, 55, `export function later(url: string) { setTimeout(() => fetch(url, { signal: AbortSignal.timeout(10_000) }), 500); }`),
  // A const init object without a signal.
  missing(`const init = { headers: { accept: 'application/json' } };
export async function rates() { return fetch('https://fx.example/rates', init); }`, 'fetch', SIGNAL, 2, 40),
  // axios, got, undici, node-fetch.
  missing(`import axios from 'axios';
export async function rates() {
  return axios.get('https://fx.example/rates');
}`, 'axios.get', AXIOS, 3, 10),
  missing(`import axios from 'axios';
export async function notify(body: object) { return axios.post('https://hooks.example/x', body, { headers: { 'x-key': 'k' } }); }`, 'axios.post', AXIOS, 2, 53),
  missing(`const axios = require('axios');
export async function notify(body: object) { return axios({ method: 'post', url: 'https://hooks.example/x', data: body }); }`, 'axios', AXIOS, 2, 53),
  missing(`import got from 'got';
export async function rates() { return got('https://fx.example/rates').json(); }`, 'got', GOT, 2, 40),
  missing(`import { request } from 'undici';
export async function rates() { return request('https://fx.example/rates'); }`, 'request', SIGNAL, 2, 40),
  missing(`import nodeFetch from 'node-fetch';
export async function rates() { return nodeFetch('https://fx.example/rates'); }`, 'nodeFetch', SIGNAL, 2, 40, `import nodeFetch from 'node-fetch';
export async function rates() { return nodeFetch('https://fx.example/rates', { signal: AbortSignal.timeout(10_000) }); }`),
  // Look-alikes of a static asset: a host written out (a third party's file), a computed file name (an upload).
  missing(`export async function stampFont() { return (await fetch('https://typefaces.example/serif.woff2')).arrayBuffer(); }`, 'fetch', SIGNAL, 1, 51,
    `export async function stampFont() { return (await fetch('https://typefaces.example/serif.woff2', { signal: AbortSignal.timeout(10_000) })).arrayBuffer(); }`),
  missing(`declare const BUCKET_URL: string;
export async function avatar(userId: string) { return fetch(\`\${BUCKET_URL}/avatars/\${userId}.png\`); }`, 'fetch', SIGNAL, 2, 55, `declare const BUCKET_URL: string;
export async function avatar(userId: string) { return fetch(\`\${BUCKET_URL}/avatars/\${userId}.png\`, { signal: AbortSignal.timeout(10_000) }); }`),
  // A local filled by a fallback when empty is empty again on the next call: no one-time initialisation.
  missing(`export async function rates(cached?: Response) {
  let res = cached;
  if (!res) {
    res = await fetch('https://fx.example/rates');
  }
  return res.json();
}`, 'fetch', SIGNAL, 4, 17, `export async function rates(cached?: Response) {
  let res = cached;
  if (!res) {
    res = await fetch('https://fx.example/rates', { signal: AbortSignal.timeout(10_000) });
  }
  return res.json();
}`),
  // A client created without a default timeout, at module level or in a class.
  {
    code: `import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example' });
export async function user(id: string) { return api.get('/users/' + id); }`,
    filename: SERVICE,
    errors: [{ messageId: 'clientWithoutTimeout', data: { call: 'axios.create', timeout: AXIOS }, line: 2, column: 13 }],
  },
  {
    code: `import got from 'got';
export class PaymentsClient { private readonly http = got.extend({ prefixUrl: 'https://pay.example' }); }`,
    filename: SERVICE,
    errors: [{ messageId: 'clientWithoutTimeout', data: { call: 'got.extend', timeout: GOT }, line: 2, column: 55 }],
  },
  // Background workers wait on their calls too.
  {
    code: `export async function deliver(url: string, payload: string) { await fetch(url, { method: 'POST', body: payload }); }`,
    filename: path.join(TYPED_PROJECT, 'jobs', 'webhook.ts'),
    mode: 'untyped',
    errors: [{ messageId: 'missingTimeout', data: { call: 'fetch', timeout: SIGNAL }, line: 1, column: 69, suggestions: [{ messageId: 'suggestSignal', output: `export async function deliver(url: string, payload: string) { await fetch(url, { signal: AbortSignal.timeout(10_000), method: 'POST', body: payload }); }` }] }],
  },
];

runRuleTests('require-http-timeout', rule, { valid, invalid });
