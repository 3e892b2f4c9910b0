import rule, { type MessageId, type Options } from '../../rules/no-retry-around-db-write.js';
import noQueryInLoop from '../../rules/no-query-in-loop.js';
import { runRuleTests, type Invalid, type Valid } from '../helpers/rule-tester.js';

type Case = Invalid<MessageId, Options>;

function error(query: string, retry: string, line: number, column: number, more = ''): Case['errors'][number] {
  return { messageId: 'writeInRetry', data: { query: query.startsWith("'") ? query : `'${query}'`, more, retry }, line, column, suggestions: [] };
}

const LOOP = 'a hand-written retry loop';

const valid: Valid<Options>[] = [
  // An SDK's repository object retried is an external call, not our DB write.
  `import pRetry from 'p-retry';
import { EventRepository } from '@vendor/analytics-sdk';
export class TrackingService {
  constructor(private readonly events: EventRepository) {}
  async track(event: Event) {
    await pRetry(() => this.events.save(event), { retries: 3 });
  }
}`,
  // Retried reads.
  `import pRetry from 'p-retry';
const user = await pRetry(() => prisma.user.findUnique({ where: { id } }), { retries: 3 });`,
  `import retry from 'async-retry';
const rows = await retry(async () => pool.query('SELECT * FROM orders WHERE id = $1', [id]), { retries: 2 });`,
  `const products = await withRetry(() => this.productRepository.findByIds(ids), { attempts: 3 });`,
  // Retried external calls: HTTP, queues, mail.
  `import pRetry from 'p-retry';
const response = await pRetry(() => fetch('https://api.example.com/rates'), { retries: 5 });`,
  `const charge = await withRetry(() => this.gateway.post('/v1/charges', body), { attempts: 4 });`,
  `import { backOff } from 'exponential-backoff';
await backOff(() => sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body })));`,
  `import promiseRetry from 'promise-retry';
await promiseRetry((retry) => mailer.sendMail({ to, subject }).catch(retry), { retries: 3 });`,
  `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });
await policy.execute(() => axios.get('/inventory'));`,
  // Write outside the retried callback.
  `import pRetry from 'p-retry';
const rate = await pRetry(() => ratesClient.get('/eur'), { retries: 3 });
await prisma.rate.create({ data: { currency: 'EUR', value: rate } });`,
  // Idempotent writes: upsert on a unique key, ON CONFLICT DO NOTHING, INSERT IGNORE.
  `import pRetry from 'p-retry';
await pRetry(() => prisma.user.upsert({ where: { email }, create: { email }, update: {} }), { retries: 3 });`,
  `await withRetry(() => pool.query('INSERT INTO events (id, payload) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, payload]));`,
  `await withRetry(() => conn.execute('INSERT IGNORE INTO processed_messages (message_id) VALUES (?)', [messageId]));`,
  `await withRetry(() => db.insert(payments).values({ idempotencyKey: key, amount }).onConflictDoNothing());`,
  `await withRetry(() => knex('events').insert({ id, payload }).onConflict('id').ignore());`,
  `await withRetry(() => Order.updateOne({ externalId }, { $set: { status } }, { upsert: true }));`,
  // Not a retry: a loop over items whose catch moves on.
  `for (const order of orders) {
  try {
    await prisma.invoice.create({ data: { orderId: order.id } });
  } catch (err) {
    logger.warn({ err }, 'skip');
  }
}`,
  // A loop whose catch always rethrows does not retry.
  `for (let attempt = 0; attempt < 3; attempt++) {
  try {
    await prisma.audit.create({ data });
    break;
  } catch (err) {
    throw err;
  }
}`,
  // Writes in the catch of a retry loop are not retried.
  `for (let attempt = 1; attempt <= 3; attempt++) {
  try {
    return await http.post('/hooks', body);
  } catch (err) {
    await prisma.deliveryFailure.create({ data: { attempt } });
  }
}`,
  // Look-alikes: RxJS retry(3), queue.retry(jobId), retryCount().
  `source$.pipe(retry(3)).subscribe(() => repo.save(entity));`,
  `await queue.retry(jobId); await prisma.job.update({ where: { id: jobId }, data: { retried: true } });`,
  `const n = retryCount(job); await prisma.job.update({ where: { id }, data: { n } });`,
  // A function of the file that no retry runs.
  `async function saveOrder(order) { await prisma.order.create({ data: order }); }
await pRetry(() => fetchQuote(), { retries: 2 });
await saveOrder(order);`,
  // Whole-transaction retry, allowed by option.
  {
    code: `import pRetry from 'p-retry';
await pRetry(() => prisma.$transaction(async (tx) => {
  await tx.account.update({ where: { id }, data: { balance: { decrement: 10 } } });
}), { retries: 3 });`,
    options: [{ allowTransactionRetry: true }],
  },
  {
    code: `await withRetry(() => knex.transaction(async (trx) => { await trx('ledger').insert(entry); }));`,
    options: [{ allowTransactionRetry: true }],
  },
  // A retried unit that is exactly one transaction: a failed attempt is rolled back as a whole.
  `import pRetry from 'p-retry';
await pRetry(() => prisma.$transaction(async (tx) => {
  await tx.account.update({ where: { id }, data: { balance: { decrement: 10 } } });
}), { retries: 3 });`,
  `let retryCount = 0;
while (retryCount < MAX_RETRIES) {
  try {
    await this.prisma.$transaction(async (tx) => {
      await tx.collection.delete({ where: { id } });
      await tx.collection.updateMany({ where: { parentId }, data: { orderIndex: { decrement: 1 } } });
    });
    break;
  } catch (error) {
    retryCount++;
    await delay(retryCount * 100);
  }
}`,
  // Retried only on errors after which the write was not applied: lock, deadlock, busy, serialization, a swap race.
  `import { withBusyRetry } from '../retry';
await withBusyRetry(() => db.insert(reports).values({ serviceId, at }));`,
  `await withDeadlockRetry(async () => { await prisma.order.update({ where: { id }, data }); });`,
  `for (let attempt = 1; attempt <= 3; attempt++) {
  try {
    await prisma.order.update({ where: { id }, data });
    break;
  } catch (error) {
    if (error.code !== 'P2034' || attempt === 3) throw error;
  }
}`,
  `for (let attempt = 0; attempt < 5; attempt++) {
  try {
    db.prepare('INSERT INTO events (id) VALUES (?)').run(id);
    break;
  } catch (err) {
    if (err.code === 'SQLITE_BUSY') { await sleep(25 * 2 ** attempt); continue; }
    throw err;
  }
}`,
  `import pRetry from 'p-retry';
await pRetry(() => pool.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, id]), {
  retries: 3,
  shouldRetry: (error) => error.code === '40001' || error.code === '40P01',
});`,
  `import { retry } from '@atproto/common-web';
await retry(() => this.repository.putRecord({ repo, rkey: 'self', record, swapRecord: cid }), {
  maxRetries: 5,
  retryable: (e) => e instanceof PutRecord.InvalidSwapError,
});`,
  // Decorators that are not retries.
  `class Jobs {
  @RetryCount(3)
  async run() { await this.jobRepository.save(job); }
}`,
  // A read through a retry decorator.
  `class Catalog {
  @Retry({ maxAttempts: 3 })
  async load(id) { return this.productRepository.findById(id); }
}`,
];

const invalid: Case[] = [
  // Evidence before names: receivers the class declares as repositories, whatever their name.
  {
    code: `import pRetry from 'p-retry';
export class PaymentsService {
  constructor(@InjectRepository(Payment) private readonly payments: Repository<Payment>) {}
  async record(payment: Payment) {
    await pRetry(() => this.payments.insert(payment), { retries: 3 });
  }
}`,
    errors: [error("'this.payments.insert' ('payments': @InjectRepository)", 'pRetry(…)', 5, 24)],
  },
  {
    code: `import pRetry from 'p-retry';
export class LedgerService {
  private readonly entries = new LedgerDao(pool);
  async book(entry: Entry) {
    await pRetry(() => this.entries.insert(entry), { retries: 3 });
  }
}`,
    errors: [error("'this.entries.insert' ('entries': class member new LedgerDao(…))", 'pRetry(…)', 5, 24)],
  },
  {
    code: `import pRetry from 'p-retry';
const order = await pRetry(() => prisma.order.create({ data }), { retries: 3 });`,
    errors: [error('prisma.order.create', 'pRetry(…)', 2, 34)],
  },
  {
    code: `import retry from 'async-retry';
await retry(async (bail) => {
  await pool.query('INSERT INTO payments (order_id, amount) VALUES ($1, $2)', [orderId, amount]);
}, { retries: 5 });`,
    errors: [error('pool.query', 'retry(…)', 3, 9)],
  },
  {
    code: `import promiseRetry from 'promise-retry';
await promiseRetry((retry) => orderRepository.save(order).catch(retry), { retries: 3 });`,
    errors: [error('orderRepository.save', 'promiseRetry(…)', 2, 31)],
  },
  {
    code: `import { backOff } from 'exponential-backoff';
await backOff(() => knex('payments').insert({ orderId, amount }));`,
    errors: [error("knex('payments').insert", 'backOff(…)', 2, 21)],
  },
  {
    code: `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });
await policy.execute(() => User.create({ email }));
import { User } from '../entities/user.entity';`,
    errors: [error("'User.create' ('User': import from '../entities/user.entity')", 'policy.execute(…)', 3, 28)],
  },
  {
    // A cockatiel receiver built by `wrap(…)`: no retry word anywhere in the file.
    code: `import { wrap } from './fault';
await wrap(timeoutPolicy, bulkhead).execute(() => prisma.user.create({ data: { email } }));`,
    errors: [error('prisma.user.create', 'wrap.execute(…)', 2, 51)],
  },
  {
    code: `await withRetry(() => this.orderRepository.create({ userId, total }), { attempts: 3 });`,
    errors: [error('this.orderRepository.create', 'withRetry(…)', 1, 23)],
  },
  {
    code: `await retryWithBackoff(async () => { await db.insert(payments).values({ orderId, amount }); });`,
    errors: [error('db.insert(…).values', 'retryWithBackoff(…)', 1, 44)],
  },
  {
    code: `import again from 'p-retry';
await again(() => prisma.payment.update({ where: { id }, data: { status: 'captured' } }));`,
    errors: [error('prisma.payment.update', 'again(…)', 2, 19)],
  },
  // Kept: a transaction retried together with another step is not one transaction (without the option).
  {
    code: `import pRetry from 'p-retry';
await pRetry(async () => {
  await prisma.$transaction(async (tx) => {
    await tx.account.update({ where: { id }, data: { balance: { decrement: 10 } } });
  });
  await notifyLedger(id);
}, { retries: 3 });`,
    errors: [error('tx.account.update', 'pRetry(…)', 4, 11)],
  },
  // Kept: a loop whose catch retries every error, next to one whose filter is unrelated to locks.
  {
    code: `for (let attempt = 1; attempt <= 3; attempt++) {
  try {
    await prisma.payment.create({ data: payment });
    break;
  } catch (err) {
    if (err.code === 'ECONNRESET') { await sleep(100 * 2 ** attempt); continue; }
    throw err;
  }
}`,
    errors: [error('prisma.payment.create', LOOP, 3, 11)],
  },
  // Kept: a helper retrying on any error, whatever else it is named for.
  {
    code: `await retryWithBackoff(() => prisma.invoice.create({ data }), { retries: 3, onFailedAttempt: (e) => log.warn(e) });`,
    errors: [error('prisma.invoice.create', 'retryWithBackoff(…)', 1, 30)],
  },
  // Transaction option: a write outside any transaction is still reported.
  {
    code: `await withRetry(async () => { await prisma.ledger.create({ data: entry }); });`,
    options: [{ allowTransactionRetry: true }],
    errors: [error('prisma.ledger.create', 'withRetry(…)', 1, 37)],
  },
  // The retried function is declared elsewhere in the file and passed by name.
  {
    code: `import pRetry from 'p-retry';
async function recordPayment() {
  await pool.query('INSERT INTO payments (id) VALUES ($1)', [id]);
}
await pRetry(recordPayment, { retries: 3 });`,
    errors: [error('pool.query', "'recordPayment' (retried by pRetry(…) on line 5)", 3, 9)],
  },
  {
    code: `import { Order } from './models';
const persist = async () => { await Order.create(order); };
await withRetry(persist);`,
    errors: [error("'Order.create' ('Order': import from './models')", "'persist' (retried by withRetry(…) on line 3)", 2, 37)],
  },
  {
    code: `class Checkout {
  async place(order) {
    return withRetry(() => this.persist(order), { attempts: 3 });
  }
  private async persist(order) {
    await this.orderRepository.insert(order);
  }
}`,
    errors: [error('this.orderRepository.insert', "'persist' (retried by withRetry(…) on line 3)", 6, 11)],
  },
  // Retry decorators.
  {
    code: `class Payments {
  @Retry({ maxAttempts: 3 })
  async capture(id) {
    await this.paymentRepository.update(id, { status: 'captured' });
  }
}`,
    errors: [error('this.paymentRepository.update', 'a method decorated @Retry()', 4, 11)],
  },
  {
    code: `class Imports {
  @Retryable
  async store(rows) { await this.dataSource.query('DELETE FROM staging WHERE batch = $1', [batch]); }
}`,
    errors: [error('this.dataSource.query', 'a method decorated @Retryable', 3, 29)],
  },
  // Hand-written retry loops.
  {
    code: `for (let attempt = 1; attempt <= 3; attempt++) {
  try {
    await pool.query('INSERT INTO orders (id, total) VALUES ($1, $2)', [id, total]);
    break;
  } catch (err) {
    await sleep(100 * 2 ** attempt);
  }
}`,
    errors: [error('pool.query', LOOP, 3, 11)],
  },
  {
    code: `while (true) {
  try {
    return await prisma.order.create({ data });
  } catch (err) {
    logger.warn({ err }, 'retrying');
  }
}`,
    errors: [error('prisma.order.create', LOOP, 3, 18)],
  },
  {
    code: `let retries = 0;
do {
  try {
    await orderRepository.save(order);
    return;
  } catch (err) {
    retries++;
  }
} while (retries < 5);`,
    errors: [error('orderRepository.save', LOOP, 4, 11)],
  },
  {
    code: `for (const attempt of [1, 2, 3]) {
  try {
    await Payment.create({ orderId, attempt });
    break;
  } catch {
    continue;
  }
}
import { Payment } from '../payments/payment.entity';`,
    errors: [error("'Payment.create' ('Payment': import from '../payments/payment.entity')", LOOP, 3, 11)],
  },
  {
    code: `let attempts = 0;
while (attempts < 3) {
  try {
    await knex('ledger').update({ balance }).where({ id });
    break;
  } catch (err) {
    attempts += 1;
  }
}`,
    errors: [error("knex('ledger').update(…).where", LOOP, 4, 11)],
  },
  // Writes nested in a callback inside the retried function.
  {
    code: `await withRetry(async () => {
  await Promise.all(items.map((item) => prisma.orderItem.create({ data: item })));
});`,
    errors: [error('prisma.orderItem.create', 'withRetry(…)', 2, 41)],
  },
  // Several writes: one finding per retry construct, at the first, counting the others; the read is not one.
  {
    code: `await pRetry(async () => {
  const user = await prisma.user.findUnique({ where: { id } });
  await prisma.order.create({ data: { userId: user.id } });
  await prisma.user.update({ where: { id }, data: { orders: { increment: 1 } } });
});`,
    errors: [error('prisma.order.create', 'pRetry(…)', 3, 9, ' (and 1 more write)')],
  },
  {
    code: `await pRetry(async () => {
  await prisma.order.create({ data: order });
  await prisma.stock.update({ where: { sku }, data: { n: { decrement: 1 } } });
  await prisma.audit.create({ data: entry });
});
await withRetry(() => prisma.outbox.create({ data: message }));`,
    errors: [error('prisma.order.create', 'pRetry(…)', 2, 9, ' (and 2 more writes)'), error('prisma.outbox.create', 'withRetry(…)', 6, 23)],
  },
  // MikroORM and Mongoose writes.
  {
    code: `await withRetry(() => em.persistAndFlush(order));`,
    errors: [error('em.persistAndFlush', 'withRetry(…)', 1, 23)],
  },
  {
    code: `await withRetry(() => Order.deleteMany({ status: 'draft' }));`,
    errors: [error('Order.deleteMany', 'withRetry(…)', 1, 23)],
  },
  // Configured helper name.
  {
    code: `await resilient.run(() => prisma.order.create({ data }));`,
    settings: { 'backend-patterns': { retry: { helpers: ['resilient.run'] } } },
    errors: [error('prisma.order.create', 'resilient.run(…)', 1, 27)],
  },
  // Tagged SQL write.
  {
    code: `await withRetry(() => pool.query(\`INSERT INTO audit_log (event, at) VALUES ($1, now())\`, [event]));`,
    errors: [error('pool.query', 'withRetry(…)', 1, 23)],
  },
];

runRuleTests('no-retry-around-db-write', rule, { valid, invalid });

// The same hand-written retry loop around an INSERT is this rule's finding, not no-query-in-loop's.
const retryLoopInsert = `for (let attempt = 1; attempt <= 3; attempt++) {
  try {
    await pool.query('INSERT INTO orders (id, total) VALUES ($1, $2)', [id, total]);
    break;
  } catch (err) {
    await sleep(100 * 2 ** attempt);
  }
}`;
runRuleTests('no-query-in-loop (retry loop around an INSERT)', noQueryInLoop, { valid: [retryLoopInsert], invalid: [] });
runRuleTests('no-retry-around-db-write (retry loop around an INSERT)', rule, { valid: [], invalid: [{ code: retryLoopInsert, errors: [error('pool.query', LOOP, 3, 11)] }] });
