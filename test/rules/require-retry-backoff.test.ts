import rule, { type MessageId, type Options } from '../../rules/require-retry-backoff.js';
import { runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

type Case = Invalid<MessageId, Options>;

function loop(messageId: 'noDelay' | 'constantDelay' | 'unbounded', line: number, column: number): Case['errors'][number] {
  return { messageId, line, column, suggestions: [] };
}

const SCHEMA_WAIT = `export class BootstrapService {
  async onModuleInit() {
    await this.waitForSchema();
    await this.seedDefaults();
  }
  private async waitForSchema() {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        return await this.dataSource.query('SELECT 1 FROM settings LIMIT 1');
      } catch (err) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
`;

const LOCAL_RERUN = `export async function installWithRetries(install: () => Promise<void>) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await install();
    } catch (err) {
      if (err.code !== 'EAGAIN') throw err;
    }
  }
}`;

const ORDER_POLL = `import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
export class OrderReader {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}
  async getOrderOrThrow(id: string, retries = 3, retryDelay = 25) {
    let lastError: unknown;
    for (let attempt = 0; attempt < retries; attempt++) {
      try {
        return await this.loadOrder(id);
      } catch (err) {
        lastError = err;
        await sleep(retryDelay);
      }
    }
    throw lastError;
  }
`;

const INVOICE_POLL = `import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
export class InvoiceReader {
  constructor(@InjectRepository(Invoice) private readonly invoices: Repository<Invoice>) {}
  async waitForInvoice(number: string) {
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
`;

const valid: Valid<Options>[] = [
  // A try that awaits nothing retries work of this process: each round decodes a shorter buffer, no dependency to pace.
  `export function truncateToBytes(name: string, maxBytes: number) {
  let truncated = new TextEncoder().encode(name).slice(0, maxBytes);
  for (let i = maxBytes; i > 0; i--) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(truncated);
    } catch (e) {
      truncated = truncated.slice(0, -1);
    }
  }
  return '';
}`,
  // A wait drawn at random each round (1 to 5 s): no two waits alike, clients out of step — jitter, not a fixed pause.
  `import { setTimeout } from 'node:timers/promises';
export async function download(url: string) {
  let retries = 3;
  while (retries > 0) {
    try {
      return await fetchFile(url);
    } catch (err) {
      if (err.name === 'NotFound') throw err;
    }
    retries--;
    if (retries > 0) {
      const delay = process.env.NODE_ENV === 'test' ? 1 : 1000 + Math.random() * 4000;
      await setTimeout(delay);
    }
  }
  throw new Error('download failed');
}`,
  // A scheduler's wait (trigger.dev \`wait.for\`) whose seconds double each attempt.
  `import { wait } from '@trigger.dev/sdk';
export async function download(url: string, maxRetries = 3) {
  let delaySeconds = 5;
  for (let attempt = 1; attempt <= maxRetries; attempt++) {
    try {
      return await fetchFile(url);
    } catch (error) {
      if (attempt === maxRetries) throw error;
      await wait.for({ seconds: delaySeconds });
      delaySeconds *= 2;
    }
  }
}`,
  // A start-up wait for the database to come up: one process, before it serves anything.
  `export async function waitForDatabase(connect: () => Promise<void>, timeoutMs = 30000) {
  const started = Date.now();
  for (;;) {
    try {
      return await connect();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}`,
  // The same readiness wait bounded by a stopwatch's elapsed time.
  `export class NodeClient {
  async waitForConnection(retryTimeout = 60000): Promise<void> {
    const timer = stopwatch();
    let lastError: Error;
    do {
      try {
        await this.getInfo();
        return;
      } catch (error) {
        lastError = error;
        await timeout(2500);
      }
    } while (timer.getElapsed() < retryTimeout);
    throw lastError;
  }
}`,
  // One more attempt after refreshing the token, guarded by a flag set once: no open retry, nothing hammered.
  `export async function callProvider(provider: Provider, integration: Integration) {
  let refreshed = false;
  while (true) {
    try {
      return await provider.call(integration.token);
    } catch (err) {
      if (err instanceof RefreshToken && !refreshed) {
        refreshed = true;
        await refreshService.refresh(integration);
        continue;
      }
      throw err;
    }
  }
}`,
  // A sweep over failed jobs: each is retried once and the loop moves on; `retried` counts jobs, not attempts.
  `export async function retryFailedJobs(queue: Queue, log: Logger) {
  const failed = await queue.getFailed();
  let retried = 0;
  for (const job of failed) {
    try {
      await job.retry();
      retried += 1;
    } catch (error) {
      log.error({ err: error, jobId: job.id }, 'retry failed');
    }
  }
  return retried;
}`,
  // Waiting out a 429 for as long as the server's Retry-After asks, within a budget.
  `export async function withRateLimitWait<T>(fn: () => Promise<T>, budgetMs = 60_000): Promise<T> {
  let remainingMs = budgetMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      const limited = parseRateLimit(error);
      if (!limited) throw error;
      const waitMs = limited.retryAfterSeconds * 1000;
      if (waitMs > remainingMs) throw error;
      await sleep(waitMs);
      remainingMs -= waitMs;
    }
  }
}`,
  // A timer promise awaited alone between attempts, growing with the attempt: exponential backoff.
  `import { timeout } from '@acme/common';
export async function withBackoff<T>(op: () => Promise<T>, maxRetries = 3): Promise<T> {
  let retries = 0;
  while (retries < maxRetries) {
    try {
      return await op();
    } catch (error) {
      retries++;
      await timeout(2000 * 2 ** (retries - 1));
    }
  }
  throw new Error('Max retries reached');
}`,
  // A bounded wait at start-up, in a helper only start-up code calls: no traffic to protect.
  `${SCHEMA_WAIT}}`,
  // A command-line tool re-running a local command a few times.
  {
    code: `import { Command } from 'commander';
${LOCAL_RERUN}`,
    mode: 'untyped',
  },
  // Bounded, exponential delay with jitter, only transient errors.
  `for (let attempt = 1; ; attempt += 1) {
  try {
    return await operation();
  } catch (err) {
    if (attempt >= attempts || !isTransient(err)) throw err;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    await sleep(delay + Math.random() * delay * 0.2);
  }
}`,
  `for (let attempt = 0; attempt < 5; attempt++) {
  try {
    return await client.get(url);
  } catch (err) {
    await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
  }
}`,
  `let attempt = 0;
while (attempt < MAX_RETRIES) {
  try {
    await publish(event);
    break;
  } catch (err) {
    attempt++;
    await delay(Math.pow(2, attempt) * 250);
  }
}`,
  // A delay variable that doubles.
  `let wait = 200;
for (let retries = 0; retries < 4; retries++) {
  try {
    return await api.send(message);
  } catch {
    await sleep(wait);
    wait *= 2;
  }
}`,
  `let backoffMs = 100;
for (let i = 0; i < 3; i++) {
  try {
    await notify(user);
    break;
  } catch (err) {
    await setTimeout(backoffMs);
    backoffMs = Math.min(backoffMs * 2, 5000);
  }
}`,
  // A delay schedule indexed by the attempt.
  `const DELAYS = [100, 500, 2000];
for (let attempt = 0; attempt < DELAYS.length + 1; attempt++) {
  try { return await fetchRates(); } catch { await sleep(DELAYS[attempt]); }
}`,
  // A backoff helper called with the attempt.
  `for (let attempt = 1; attempt <= 3; attempt++) {
  try { return await charge(order); } catch (err) { await sleep(backoffFor(attempt)); }
}`,
  `for (let attempt = 1; attempt <= 3; attempt++) {
  try { return await charge(order); } catch (err) { await this.backoff(attempt); }
}`,
  // A wait whose length is decided elsewhere.
  `for (let attempt = 1; attempt <= 3; attempt++) {
  try { return await charge(order); } catch (err) { await this.waitBeforeRetry(); }
}`,
  // A bit shift.
  `for (let tries = 0; tries < 6; tries++) {
  try { return await connect(); } catch { await sleep(50 << tries); }
}`,
  // for…of over attempts: bounded, growing.
  `for (const attempt of [1, 2, 3]) {
  try { return await load(); } catch { await sleep(attempt * 1000); }
}`,
  // Not retry loops.
  `for (const job of jobs) {
  try { await run(job); } catch (err) { logger.error({ err }, 'job failed'); }
}`,
  `while (true) {
  const job = await queue.next();
  try { await handle(job); } catch (err) { logger.error({ err }); }
}`,
  `for (let i = 0; i < items.length; i++) {
  try { await save(items[i]); } catch { continue; }
}`,
  // Helpers with sane options.
  `import pRetry from 'p-retry';
await pRetry(run, { retries: 5, factor: 2, minTimeout: 100, maxTimeout: 5000, randomize: true });`,
  `import retry from 'async-retry';
await retry(async () => fetchRates(), { retries: 3 });`,
  `import { backOff } from 'exponential-backoff';
await backOff(() => send(), { numOfAttempts: 5, timeMultiple: 2, jitter: 'full' });`,
  `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });`,
  `import promiseRetry from 'promise-retry';
await promiseRetry((again) => send().catch(again), { retries: 4, minTimeout: 200, maxTimeout: 2000 });`,
  `import retry from 'retry';
const operation = retry.operation({ retries: 5, factor: 3, randomize: true });`,
  // forever: false and options held in a variable are not judged.
  `import pRetry from 'p-retry';
await pRetry(run, { retries: 3, forever: false });`,
  `import pRetry from 'p-retry';
await pRetry(run, retryOptions);`,
  // Other cockatiel policies take a handler first too.
  `import { circuitBreaker, handleAll, ConsecutiveBreaker } from 'cockatiel';
const breaker = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });`,
  // Custom helpers take their own options.
  `await withRetry(() => fetchRates(), { attempts: Infinity, factor: 1 });`,
  // Look-alikes: RxJS retry(), a look-up in an options object.
  `source$.pipe(retry({ count: Infinity, delay: 1000 }));`,
  `const settings = { retries: Infinity, factor: 1 };`,
  {
    code: `for (let attempt = 1; attempt <= 3; attempt++) {
  try { return await send(); } catch { }
}`,
    options: [{ checkLoops: false }],
  },
  {
    code: `import pRetry from 'p-retry';
await pRetry(run, { retries: Infinity });`,
    options: [{ checkHelperOptions: false }],
  },
  // Bounded: the counter is an argument of a call whose result guards an exit (a wait-time policy).
  `for (let counter = 1; ; counter++) {
  try {
    const response = await agent.fetchHandler(url, request);
    return await parse(response);
  } catch (cause) {
    const waitTime = getRetryWaitTime(cause, options, counter);
    if (waitTime == null) return failure(cause);
    await wait(waitTime, options);
  }
}`,
  // Bounded: the loop tests a flag the catch sets under a comparison of the counter.
  `let retries = 0;
let doneError;
while (!doneError) {
  try {
    return await fn();
  } catch (err) {
    const waitMs = getWaitMs(retries);
    const willRetry = retries < maxRetries && waitMs !== null && retryable(err);
    if (willRetry) {
      retries += 1;
      await wait(waitMs);
    } else {
      doneError = err;
    }
  }
}`,
  // Bounded by a reconnect policy called with the counter; the delay grows through a helper given `retries++`.
  `let retries = 0;
for (;;) {
  try {
    await connect(url);
    throw new Error('closed');
  } catch (error) {
    const willReconnect = shouldReconnect(error, retries);
    if (!willReconnect) throw error;
    await sleep(backoffMs(retries++, maxMs), signal);
  }
}`,
  // Not a retry: a parser loop whose try/catch is a decode fallback nested in a branch.
  `for (let i = 0; ; i++) {
  const key = this.parseString();
  if (i === 0 && key === '$bytes') {
    try {
      return fromBase64(this.readString());
    } catch (cause) {
      this.pos = start;
    }
  }
  if (this.peek() === '}') break;
}`,
  // Not a retry: a batch drain that skips a failed batch and moves on.
  `let batchNumber = 0;
while (true) {
  batchNumber++;
  try {
    const updated = await this.processBatch();
    if (updated < BATCH_SIZE) break;
    await setTimeout(INTER_BATCH_DELAY_MS);
  } catch (error) {
    Logger.error('batch failed', error);
    await this.skipCurrentBatch();
  }
}`,
  // Not a retry: a single-flight wait on another request for the same key.
  `let previous;
while ((previous = this.pending.get(key))) {
  try {
    const { isFresh, value } = await previous;
    if (isFresh) return value;
  } catch {
    // propagated by that flow
  }
}`,
  // Not a retry: a new candidate each round.
  `while (true) {
  const port = await getAvailablePort();
  try {
    await link(ownerPath, join(lockDir, String(port)));
    return port;
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
}`,
  // Not a retry: a duplicate key on an id allocated here moves on to the next id.
  `export async function createUser(mail: string, uname: string) {
  let uid = await nextUid();
  while (true) {
    try {
      await users.insertOne({ _id: uid, mail, uname });
      return uid;
    } catch (e) {
      if (e?.code === 11000 && e.keyPattern?._id) {
        uid++;
        continue;
      }
      throw e;
    }
  }
}`,
  // Not a retry: an interactive set-up asks the person at the terminal for a new connection string each round.
  `export async function askForDatabase() {
  while (true) {
    console.error('Type your MongoDB connection string:');
    try {
      const uri = await readline();
      await MongoClient.connect(uri);
      writeConfig({ url: uri });
      break;
    } catch (e) {
      console.error(e);
    }
  }
}`,
  // Failover: a different host each try, the failed one ruled out.
  `let tries = 0;
let remaining = clients.get();
while (tries < MAX_RETRIES) {
  const client = pickClient(remaining);
  try {
    return await client.call(method, args);
  } catch (err) {
    if (!isUnavailable(err)) throw err;
    tries++;
    remaining = without(remaining, client);
  }
}`,
  // Optimistic concurrency: re-run at once after a unique-constraint race.
  `for (let attempt = 1; ; attempt++) {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof UniqueConstraintError) || attempt >= attempts) throw err;
    Logger.info('database', 'Retrying after unique constraint violation');
  }
}`,
  `let retryCount = 0;
while (retryCount <= 1) {
  try {
    await importRows(await load());
    return;
  } catch (e) {
    if (e.name === 'SequelizeUniqueConstraintError') {
      ++retryCount;
      continue;
    } else {
      throw e;
    }
  }
}`,
  // Compare-and-swap with the bound in the catch's mirror form: go round only on a lost swap below the cap, else rethrow.
  `const maxAttempts = 3;
for (let attempt = 1; ; attempt++) {
  const current = await settings.findById(id);
  try {
    return await settings.updateOne({ _id: id, revision: current.revision }, { $set: { ...patch, revision: current.revision + 1 } });
  } catch (e) {
    if (e instanceof CasConflictError && attempt < maxAttempts) continue;
    throw e;
  }
}`,
  `for (let attempt = 0; ; attempt++) {
  try {
    return await saveDraft(draft);
  } catch (err) {
    if (err instanceof OptimisticConcurrencyError && attempt < 2) {
      draft = await reloadDraft(draft.id);
      continue;
    } else {
      throw err;
    }
  }
}`,
  // A bounded poll that goes round only while the resource answers 409 (still processing): the pace is the caller's.
  `let waited = 0;
let statement;
while (!statement && waited < budgetMs) {
  try {
    statement = await bank.account(id).statement();
    break;
  } catch (err) {
    if (err.response?.status === 409) {
      await sleep(1000);
      waited += 1000;
    } else {
      throw err;
    }
  }
}`,
  // A bounded poll for an order another transaction is still committing: the attempt is a read that throws while it is absent.
  `${ORDER_POLL}  private async loadOrder(id: string) {
    const order = await this.orders.findOne({ where: { id } });
    if (!order) throw new OrderNotFoundError(id);
    return order;
  }
}`,
  // The lookup goes through another reading method of the class (scoped to a channel) before its absence test.
  `${ORDER_POLL}  private async loadOrder(id: string) {
    let order: Order | null;
    if (this.channelId) order = await this.findOneInChannel(id, this.channelId);
    else order = await this.orders.findOne({ where: { id } });
    if (!order) throw new OrderNotFoundError(id);
    return order;
  }
}`,
  // The same poll through a read that fails by itself when the invoice is not there yet.
  `${INVOICE_POLL}        return await this.invoices.findOneOrFail({ where: { number } });
      } catch (err) {
        await sleep(50);
      }
    }
  }
}`,
];

const invalid: Case[] = [
  // More look-alikes: a count of failures stepped after any error, a prompt an LLM call is built from, a picker's value made inside the try.
  {
    code: `export async function connect(url: string) {
  let failures = 0;
  while (true) {
    try {
      logger.info({ failures }, 'connecting');
      return await open(url);
    } catch (e) {
      failures++;
    }
  }
}`,
    errors: [loop('unbounded', 3, 3)],
  },
  {
    code: `export async function summarise(text: string) {
  while (true) {
    const prompt = buildPrompt(text);
    try {
      return await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
    } catch (e) {
      logger.warn({ err: e }, 'rate limited');
    }
  }
}`,
    errors: [loop('unbounded', 2, 3)],
  },
  {
    code: `export async function complete(text: string) {
  while (true) {
    try {
      const completion = await nextCompletion(text);
      return await store.save(completion);
    } catch (e) {
      logger.warn({ err: e }, 'failed');
    }
  }
}`,
    errors: [loop('unbounded', 2, 3)],
  },
  // An LLM client's prompt() is no terminal prompt; a count of conflicts the try only logs is no next value.
  {
    code: `export async function classify(text: string) {
  while (true) {
    try {
      const reply = await llm.prompt(text);
      return JSON.parse(reply);
    } catch (e) {
      logger.warn({ err: e }, 'unparseable');
    }
  }
}`,
    errors: [loop('unbounded', 2, 3)],
  },
  {
    code: `export async function register(mail: string) {
  let conflicts = 0;
  while (true) {
    try {
      logger.info({ conflicts }, 'registering');
      await users.insertOne({ mail });
      return;
    } catch (e) {
      if (e.code === 11000) { conflicts++; continue; }
      throw e;
    }
  }
}`,
    errors: [loop('unbounded', 3, 3)],
  },
  // Look-alikes of a new candidate: the catch counts the attempts the try logs, or the value is read from a config each round.
  {
    code: `export async function connect(url: string) {
  let retries = 0;
  while (true) {
    try {
      logger.info({ retries }, 'connecting');
      return await open(url);
    } catch (e) {
      retries++;
    }
  }
}`,
    errors: [loop('unbounded', 3, 3)],
  },
  {
    code: `export async function connect() {
  while (true) {
    try {
      const url = await readConfig();
      return await open(url);
    } catch (e) {
      logger.warn({ err: e }, 'connect failed');
    }
  }
}`,
    errors: [loop('unbounded', 2, 3)],
  },
  // A random draw made once, before the loop, is one fixed pause; so are a few random milliseconds, and a
  // conditional whose other branch waits a fixed time.
  {
    code: `export async function poll(message: Message) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try { return await deliver(message); } catch { await sleep(attempt === 1 ? Math.random() * 2000 : 5000); }
  }
}`,
    errors: [loop('constantDelay', 2, 3)],
  },
  {
    code: `export async function ping(message: Message) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try { return await deliver(message); } catch { await sleep(Math.random() * 10); }
  }
}`,
    errors: [loop('constantDelay', 2, 3)],
  },
  {
    code: `export async function send(message: Message) {
  const pause = 1000 + Math.random() * 4000;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try { return await deliver(message); } catch { await sleep(pause); }
  }
}`,
    errors: [loop('constantDelay', 3, 3)],
  },
  // A synchronous write retried while the database is busy still hammers it.
  {
    code: `export function insert(db: Database, row: Row) {
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      db.prepare('INSERT INTO events (id) VALUES (?)').run(row.id);
      return;
    } catch (e) {
      if (e.code !== 'SQLITE_BUSY') throw e;
    }
  }
}`,
    errors: [loop('noDelay', 2, 3)],
  },
  // A configured interval waited through a helper named for it (setDelay) is the same wait every round.
  {
    code: `export async function query(path: string) {
  let retry = 0;
  while (retry < config.MAX_RETRY) {
    try { return (await axios.get(path)).data; } catch (e) { retry++; }
    if (retry < config.MAX_RETRY) await setDelay(config.RETRY_INTERVAL);
  }
}`,
    errors: [loop('constantDelay', 3, 3)],
  },
  // Waiting for a job is no start-up wait.
  {
    code: `export async function waitForJob(check: () => Promise<boolean>) {
  for (let attempt = 1; attempt <= 30; attempt++) {
    try { if (await check()) return; } catch { await new Promise((resolve) => setTimeout(resolve, 1000)); }
  }
}`,
    errors: [loop('constantDelay', 2, 3)],
  },
  // The same wait with a constant number of seconds, whatever else its options carry.
  {
    code: `import { wait } from '@trigger.dev/sdk';
export async function download(url: string) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try { return await fetchFile(url); } catch { await wait.for({ seconds: 5, idempotencyKey: 'download-' + attempt }); }
  }
}`,
    errors: [loop('constantDelay', 3, 3)],
  },
  {
    code: `import { wait } from '@trigger.dev/sdk';
export async function download(url: string) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try { return await fetchFile(url); } catch { await wait.for({ seconds: 5 }); }
  }
}`,
    errors: [loop('constantDelay', 3, 3)],
  },
  // The server's Retry-After with a fixed fallback waits a constant second whenever it says nothing.
  {
    code: `export async function call(op: () => Promise<void>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await op(); } catch (e) { await sleep(e.retryAfter ?? 1000); }
  }
}`,
    errors: [loop('constantDelay', 2, 3)],
  },
  // Over the attempts themselves, success leaving after the try: still a retry.
  {
    code: `export async function call(op: () => Promise<void>) {
  let ok = false;
  for (const attempt of [1, 2, 3]) { try { await op(); ok = true } catch { await sleep(1000) } if (ok) return }
}`,
    errors: [loop('constantDelay', 3, 3)],
  },
  // A refresh that goes round again with no limit.
  {
    code: `export async function callProvider(provider: Provider, integration: Integration) {
  while (true) {
    try {
      return await provider.call(integration.token);
    } catch (err) {
      if (err instanceof RefreshToken) {
        await refreshService.refresh(integration);
        continue;
      }
      throw err;
    }
  }
}`,
    errors: [loop('unbounded', 2, 3)],
  },
  // A deadline bounds the rounds (not 'unbounded'), but the pause between them is fixed.
  {
    code: `export async function waitReady(container: Container) {
  const startedAt = Date.now();
  let attempt = 0;
  while (Date.now() - startedAt < 30_000) {
    attempt += 1;
    try {
      const result = await exec(container, ['health']);
      if (result.status === 'ok') return;
    } catch (error) {
      log.debug('probe failed', { attempt });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('not ready');
}`,
    errors: [loop('constantDelay', 4, 3)],
  },
  // A stopwatch's elapsed time against a timeout bounds the rounds too (not 'unbounded'); the fixed pause is still reported.
  {
    code: `export class NodeClient {
  async fetchInfoWithRetry(retryTimeout = 60000): Promise<void> {
    const timer = stopwatch();
    let lastError: Error;
    do {
      try {
        await this.getInfo();
        return;
      } catch (error) {
        lastError = error;
        await timeout(2500);
      }
    } while (timer.getElapsed() < retryTimeout);
    throw lastError;
  }
}`,
    errors: [loop('constantDelay', 5, 5)],
  },
  // An exit guard on a deadline fixed before the loop bounds it; the retry still starts again at once.
  {
    code: `export async function connectWithRetry() {
  const deadline = Date.now() + 30_000;
  while (true) {
    try {
      return await connect();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}`,
    errors: [loop('noDelay', 3, 3)],
  },
  // A timer promise awaited alone is a wait: fixed here.
  {
    code: `import { timer } from '../utils/timer';
export async function send(mail: Mail) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await mailer.send(mail);
    } catch (err) {
      if (attempt < 2) {
        await timer(700);
      }
    }
  }
}`,
    errors: [loop('constantDelay', 3, 3)],
  },
  // Over a list of delays, the attempt leaves on success: a retry with a fixed pause per round.
  {
    code: `export async function sendWithRetry(send: () => Promise<void>) {
  let attempts = 0;
  for (const pause of [500, 500, 500]) {
    try {
      await send();
      return;
    } catch (error) {
      attempts += 1;
      await sleep(500);
    }
  }
}`,
    errors: [loop('constantDelay', 3, 3)],
  },
  // A wait named after the header but fixed in code is still a constant delay.
  {
    code: `const RETRY_AFTER_MS = 1000;
export async function fetchWithRetry(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetch(url, { signal: AbortSignal.timeout(5000) });
    } catch (error) {
      await sleep(1000);
    }
  }
}`,
    errors: [loop('constantDelay', 3, 3)],
  },
  // msleep (a sleep in milliseconds) is a wait: the loop is judged for its constant delay, not for retrying at once.
  {
    code: `export async function connect(config) {
  for (let attempt = 1; attempt <= 30; attempt++) {
    try {
      return await connectDb(config);
    } catch (error) {
      logger.info({ err: error }, 'Could not connect');
    }
    await time.msleep(1000);
  }
  throw new Error('no connection');
}`,
    errors: [loop('constantDelay', 2, 3)],
  },
  // The mirror form bounds the attempts, but a timeout is no lost swap: go round at once is a hammering retry.
  {
    code: `for (let attempt = 1; ; attempt++) {
  try {
    return await ledger.append(entry);
  } catch (e) {
    if (e instanceof TimeoutError && attempt < 5) continue;
    throw e;
  }
}`,
    errors: [loop('noDelay', 1, 1)],
  },
  // A concurrent-modification error of a cloud API says "busy, try again later": contention, not a lost swap to re-read.
  {
    code: `for (let attempt = 1; ; attempt++) {
  try {
    return await orgs.send(new AttachPolicyCommand(input));
  } catch (e) {
    if (e.name === 'ConcurrentModificationException' && attempt < 5) continue;
    throw e;
  }
}`,
    errors: [loop('noDelay', 1, 1)],
  },
  // Going round on a lost swap with no cap at all is still unbounded.
  {
    code: `for (;;) {
  const current = await settings.findById(id);
  try {
    return await settings.updateOne({ _id: id, revision: current.revision }, { $set: patch });
  } catch (e) {
    if (e instanceof CasConflictError) continue;
    throw e;
  }
}`,
    errors: [loop('unbounded', 1, 1)],
  },
  // timeout(promise, ms) races the attempt against a timer: no wait between attempts.
  {
    code: `import { timeout } from '@acme/common';
export async function withTimeouts<T>(op: () => Promise<T>, maxRetries = 3): Promise<T> {
  let retries = 0;
  while (retries < maxRetries) {
    try {
      return await timeout(op(), 2000 * 2 ** retries);
    } catch (error) {
      retries++;
    }
  }
  throw new Error('Max retries reached');
}`,
    errors: [loop('noDelay', 4, 3)],
  },
  // The same loop shape re-running a charge at the payment provider: a retry at a constant pace.
  {
    code: `${ORDER_POLL}  private async loadOrder(id: string) {
    const receipt = await this.gateway.charge(id);
    return receipt;
  }
}`,
    errors: [loop('constantDelay', 7, 5)],
  },
  // A helper that looks the order up and then charges it: each attempt does more than read, so it is a retry.
  {
    code: `${ORDER_POLL}  private async loadOrder(id: string) {
    const order = await this.orders.findOne({ where: { id } });
    if (!order) throw new OrderNotFoundError(id);
    await this.gateway.charge(order.total);
    return order;
  }
}`,
    errors: [loop('constantDelay', 7, 5)],
  },
  // A poll that re-reads at once, with no wait at all, hammers the database for as long as the record is missing.
  {
    code: `${INVOICE_POLL}        return await this.invoices.findOneOrFail({ where: { number } });
      } catch (err) {
        lastSeen = err;
      }
    }
  }
}`,
    errors: [loop('noDelay', 6, 5)],
  },
  // A write beside the read in the attempt: no longer a poll.
  {
    code: `${INVOICE_POLL}        const invoice = await this.invoices.findOneOrFail({ where: { number } });
        return await this.invoices.save({ ...invoice, status: 'sent' });
      } catch (err) {
        await sleep(50);
      }
    }
  }
}`,
    errors: [loop('constantDelay', 6, 5)],
  },
  // A helper that throws when an HTTP answer is empty is no record lookup: its failures include an overloaded server.
  {
    code: `${ORDER_POLL}  private async loadOrder(id: string) {
    const receipt = await this.gateway.fetchReceipt(id);
    if (!receipt) throw new ReceiptMissingError(id);
    return receipt;
  }
}`,
    errors: [loop('constantDelay', 7, 5)],
  },
  // The same loop retrying a rate-limited (429) answer at a constant pace is a retry against an overloaded server.
  {
    code: `let waited = 0;
let statement;
while (!statement && waited < budgetMs) {
  try {
    statement = await bank.account(id).statement();
    break;
  } catch (err) {
    if (err.response?.status === 409 || err.response?.status === 429) {
      await sleep(1000);
      waited += 1000;
    } else {
      throw err;
    }
  }
}`,
    errors: [loop('constantDelay', 3, 1)],
  },
  // The same wait also called while serving a request.
  {
    code: `${SCHEMA_WAIT}  async listSettings() {
    await this.waitForSchema();
    return this.settings.all();
  }
}`,
    errors: [loop('constantDelay', 7, 5)],
  },
  // The same local re-run in server code.
  {
    code: LOCAL_RERUN,
    errors: [loop('noDelay', 2, 3)],
  },
  // No delay.
  {
    code: `for (let attempt = 1; attempt <= 3; attempt += 1) {
  try {
    await messaging.post('/v1/messages', message);
    return;
  } catch (err) {
    logger.warn({ attempt, err }, 'delivery failed');
  }
}`,
    errors: [loop('noDelay', 1, 1)],
  },
  {
    code: `let retries = 0;
while (retries < 5) {
  try { await publish(event); break; } catch { retries++; }
}`,
    errors: [loop('noDelay', 2, 1)],
  },
  {
    code: `let tries = 0;
do {
  try { return await connect(); } catch (err) { tries++; }
} while (tries < 3);`,
    errors: [loop('noDelay', 2, 1)],
  },
  {
    code: `for (const attempt of [1, 2, 3]) {
  try { return await load(); } catch { continue; }
}`,
    errors: [loop('noDelay', 1, 1)],
  },
  {
    code: `async function f() {
  for (let i = 0; i < 3; i++) {
    try { await send(); break; } catch (e) { console.warn(e); }
  }
}`,
    errors: [loop('noDelay', 2, 3)],
  },
  // Constant delay.
  {
    code: `for (let attempt = 0; attempt < 3; attempt++) {
  try { return await client.get(url); } catch { await sleep(1000); }
}`,
    errors: [loop('constantDelay', 1, 1)],
  },
  {
    code: `for (let attempt = 0; attempt < 3; attempt++) {
  try { return await client.get(url); } catch { await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS)); }
}`,
    errors: [loop('constantDelay', 1, 1)],
  },
  {
    code: `let attempt = 0;
while (attempt < this.maxRetries) {
  try { return await this.client.send(cmd); } catch (err) { attempt++; await delay(this.retryDelayMs); }
}`,
    errors: [loop('constantDelay', 2, 1)],
  },
  {
    code: `for (let retry = 1; retry <= 5; retry++) {
  try { return await db.connect(); } catch { await wait(500 + Math.random() * 100); }
}`,
    errors: [loop('constantDelay', 1, 1)],
  },
  {
    code: `import { setTimeout } from 'node:timers/promises';
for (let attempt = 0; attempt < 3; attempt++) {
  try { return await fetchRates(); } catch { await setTimeout(2000); }
}`,
    errors: [loop('constantDelay', 2, 1)],
  },
  {
    code: `for (let attempt = 1; attempt <= 3; attempt++) {
  try {
    return await charge(order);
  } catch (err) {
    const pauseMs = 250;
    await sleep(pauseMs);
  }
}`,
    errors: [loop('constantDelay', 1, 1)],
  },
  // Unbounded.
  {
    code: `while (true) {
  try {
    return await api.fetchToken();
  } catch (err) {
    await sleep(1000 * 2);
  }
}`,
    errors: [loop('unbounded', 1, 1)],
  },
  {
    code: `for (;;) {
  try { await connect(); break; } catch { await sleep(backoffMs); }
}`,
    errors: [loop('unbounded', 1, 1)],
  },
  {
    code: `while (!this.stopped) {
  try { return await broker.connect(); } catch { await sleep(5000); }
}`,
    errors: [loop('unbounded', 1, 1)],
  },
  {
    code: `let attempt = 0;
while (true) {
  try { return await client.call(); } catch (err) { attempt++; logger.warn({ attempt }); await sleep(100 * 2 ** attempt); }
}`,
    errors: [loop('unbounded', 2, 1)],
  },
  // Helpers configured to retry forever.
  {
    code: `import pRetry from 'p-retry';
await pRetry(run, { retries: Infinity });`,
    errors: [{ messageId: 'retriesForever', data: { option: 'retries', helper: 'pRetry()' }, line: 2, column: 21, suggestions: [{ messageId: 'suggestFiniteAttempts', data: { option: 'retries', helper: 'pRetry()' }, output: `import pRetry from 'p-retry';
await pRetry(run, { retries: 5 });` }] }],
  },
  {
    code: `import pRetry from 'p-retry';
await pRetry(run, { forever: true, minTimeout: 100 });`,
    errors: [{ messageId: 'retriesForever', data: { option: 'forever', helper: 'pRetry()' }, line: 2, column: 21, suggestions: [] }],
  },
  {
    code: `import retry from 'async-retry';
await retry(async () => fetchRates(), { retries: Number.POSITIVE_INFINITY });`,
    errors: [{ messageId: 'retriesForever', data: { option: 'retries', helper: 'retry()' }, line: 2, column: 41, suggestions: [{ messageId: 'suggestFiniteAttempts', data: { option: 'retries', helper: 'retry()' }, output: `import retry from 'async-retry';
await retry(async () => fetchRates(), { retries: 5 });` }] }],
  },
  {
    code: `import { backOff } from 'exponential-backoff';
await backOff(() => send(), { numOfAttempts: Infinity });`,
    errors: [{ messageId: 'retriesForever', data: { option: 'numOfAttempts', helper: 'backOff()' }, line: 2, column: 31, suggestions: [{ messageId: 'suggestFiniteAttempts', data: { option: 'numOfAttempts', helper: 'backOff()' }, output: `import { backOff } from 'exponential-backoff';
await backOff(() => send(), { numOfAttempts: 5 });` }] }],
  },
  {
    code: `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: Infinity, backoff: new ExponentialBackoff() });`,
    errors: [{ messageId: 'retriesForever', data: { option: 'maxAttempts', helper: 'retry()' }, line: 2, column: 35, suggestions: [{ messageId: 'suggestFiniteAttempts', data: { option: 'maxAttempts', helper: 'retry()' }, output: `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 5, backoff: new ExponentialBackoff() });` }] }],
  },
  {
    code: `import retry from 'retry';
const operation = retry.operation({ forever: true });`,
    errors: [{ messageId: 'retriesForever', data: { option: 'forever', helper: 'retry.operation()' }, line: 2, column: 37, suggestions: [] }],
  },
  // Helpers configured with a constant delay.
  {
    code: `import pRetry from 'p-retry';
await pRetry(run, { retries: 3, factor: 1 });`,
    errors: [{ messageId: 'constantBackoffOption', data: { option: 'factor', helper: 'pRetry()' }, line: 2, column: 33, suggestions: [{ messageId: 'suggestGrowthFactor', data: { option: 'factor', helper: 'pRetry()' }, output: `import pRetry from 'p-retry';
await pRetry(run, { retries: 3, factor: 2 });` }] }],
  },
  {
    code: `import promiseRetry from 'promise-retry';
await promiseRetry({ retries: 3, minTimeout: 1000, maxTimeout: 1000 }, (again) => send().catch(again));`,
    errors: [{ messageId: 'constantBackoffOption', data: { option: 'maxTimeout', helper: 'promiseRetry()' }, line: 2, column: 52, suggestions: [] }],
  },
  {
    code: `import { backOff } from 'exponential-backoff';
await backOff(() => send(), { numOfAttempts: 5, timeMultiple: 1 });`,
    errors: [{ messageId: 'constantBackoffOption', data: { option: 'timeMultiple', helper: 'backOff()' }, line: 2, column: 49, suggestions: [{ messageId: 'suggestGrowthFactor', data: { option: 'timeMultiple', helper: 'backOff()' }, output: `import { backOff } from 'exponential-backoff';
await backOff(() => send(), { numOfAttempts: 5, timeMultiple: 2 });` }] }],
  },
  {
    code: `import { retry, handleAll, ConstantBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ConstantBackoff(50) });`,
    errors: [{ messageId: 'constantBackoffOption', data: { option: 'backoff', helper: 'retry()' }, line: 2, column: 51, suggestions: [] }],
  },
  {
    code: `import retry from 'async-retry';
await retry(async (bail) => { await send(); }, { retries: 4, factor: 1, minTimeout: 500 });`,
    errors: [{ messageId: 'constantBackoffOption', data: { option: 'factor', helper: 'retry()' }, line: 2, column: 62, suggestions: [{ messageId: 'suggestGrowthFactor', data: { option: 'factor', helper: 'retry()' }, output: `import retry from 'async-retry';
await retry(async (bail) => { await send(); }, { retries: 4, factor: 2, minTimeout: 500 });` }] }],
  },
  {
    code: `import { retry as retryPolicy, handleAll, ConstantBackoff } from 'cockatiel';
const policy = retryPolicy(handleAll, { maxAttempts: 3, backoff: new ConstantBackoff(50) });`,
    errors: [{ messageId: 'constantBackoffOption', data: { option: 'backoff', helper: 'retryPolicy()' }, line: 2, column: 57, suggestions: [] }],
  },
  // Kept: a wait-time policy that does not decide the exit leaves the loop unbounded.
  {
    code: `for (let counter = 1; ; counter++) {
  try {
    return await send(request);
  } catch (cause) {
    const waitTime = getRetryWaitTime(cause, counter);
    await wait(waitTime);
  }
}`,
    errors: [loop('unbounded', 1, 1)],
  },
  // Kept: a flag set regardless of the counter bounds nothing.
  {
    code: `let retries = 0;
let done = false;
while (!done) {
  try {
    await publish(event);
    done = true;
  } catch (err) {
    retries += 1;
    await sleep(1000);
  }
}`,
    errors: [loop('unbounded', 3, 1)],
  },
  // Kept: the same operation each round, even after a value is fetched before the try.
  {
    code: `while (true) {
  const token = await getToken();
  try {
    return await api.call(token);
  } catch (err) {
    logger.warn(err);
  }
}`,
    errors: [loop('unbounded', 1, 1)],
  },
  // Kept: a transient-error filter with continue before the rethrow is a retry, and its fixed delay is reported.
  {
    code: `for (let attempt = 1; attempt <= 3; attempt++) {
  try {
    return await client.get(url);
  } catch (err) {
    if (err.code === 'ECONNRESET') { await sleep(500); continue; }
    throw err;
  }
}`,
    errors: [loop('constantDelay', 1, 1)],
  },
  // Kept: a deadlock retry is no optimistic-concurrency design; it still needs a growing delay.
  {
    code: `for (let attempt = 1; attempt <= 3; attempt++) {
  try {
    return await run();
  } catch (err) {
    if (err.code !== 'P2034') throw err;
  }
}`,
    errors: [loop('noDelay', 1, 1)],
  },
];

runRuleTests('require-retry-backoff', rule, { valid, invalid });
