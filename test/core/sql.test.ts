import { describe, expect, it } from 'vitest';
import { classifySql, isProbeSql, isSqlText } from '../../src/core/classify/sql.js';

describe('classifySql', () => {
  it.each([
    ['SELECT * FROM users WHERE id = $1', 'read'],
    ['select id, email from "users" u where u.id = ?', 'read'],
    ['  \n  SELECT DISTINCT status FROM orders', 'read'],
    ['/* report */ SELECT count(*) FROM orders', 'read'],
    ['(SELECT id FROM a) UNION (SELECT id FROM b)', 'read'],
    ['INSERT INTO audit (event) VALUES ($1)', 'write'],
    ['insert ignore into t (a) values (?)', 'write'],
    ['UPDATE users SET name = $1 WHERE id = $2', 'write'],
    ['update "public"."users" as u set name = ?', 'write'],
    ['DELETE FROM sessions WHERE expires_at < now()', 'write'],
    ['WITH recent AS (SELECT * FROM orders) SELECT * FROM recent', 'read'],
    ['WITH moved AS (DELETE FROM queue RETURNING *) INSERT INTO done SELECT * FROM moved', 'write'],
    ['CREATE TABLE IF NOT EXISTS users (id serial)', 'ddl'],
    ['ALTER TABLE users ADD COLUMN x int', 'ddl'],
    ['DROP TABLE tmp', 'ddl'],
    ['CREATE TRIGGER audit_users AFTER INSERT ON users', 'ddl'],
    ['CREATE OR REPLACE FUNCTION touch() RETURNS trigger', 'ddl'],
    ['CREATE TABLE ? (id serial)', 'ddl'],
    ['DROP TABLE ?', 'ddl'],
    ['DROP TABLE users, sessions', 'ddl'],
    ['CREATE TABLE "user-data" (id serial)', 'ddl'],
    ['CREATE TABLE `order-items` (id int)', 'ddl'],
    ['CREATE TABLE bücher (id int)', 'ddl'],
    ['SHOW CREATE TABLE events', 'read'],
    ['SHOW FULL COLUMNS FROM `events`', 'read'],
    ['MERGE INTO stock s USING incoming i ON s.sku = i.sku', 'write'],
    ['TRUNCATE TABLE events', 'write'],
    // ClickHouse mutations change rows; a column or a table dropped still changes the schema.
    ['ALTER TABLE events DELETE WHERE pid = {pid:FixedString(12)}', 'write'],
    ['ALTER TABLE analytics ON CLUSTER main UPDATE deleted = 1 WHERE pid = ?', 'write'],
    ['ALTER TABLE events DROP COLUMN referrer', 'ddl'],
    ['SELECT 1', 'read'],
    ['SELECT now()', 'read'],
  ] as const)('%s → %s', (text, kind) => {
    expect(classifySql(text)?.kind).toBe(kind);
  });

  it('names a ClickHouse mutation by what it does to rows', () => {
    expect(classifySql('ALTER TABLE events DELETE WHERE pid = ?')?.statement).toBe('DELETE');
    expect(classifySql('ALTER TABLE events UPDATE pinned = 0 WHERE pid = ?')?.statement).toBe('UPDATE');
  });

  it.each([
    'Please select a user from the list',
    'Select a user from the dropdown',
    'select the plan that fits you',
    'User selected from search results',
    'update available',
    'Delete from cart failed.',
    'insert coin',
    'selection',
    'SELECT',
    'Show create table dialog',
    'show create table dialog',
    'describe events',
    'Show columns from the sidebar',
    'create trigger failed: ?',
    'drop table failed: timeout',
  ])('is not SQL: %s', (text) => {
    expect(isSqlText(text)).toBe(false);
  });

  it('marks batched statements', () => {
    expect(classifySql('SELECT * FROM users WHERE id = ANY($1)')?.batched).toBe(true);
    expect(classifySql('SELECT * FROM users WHERE id IN (?)')?.batched).toBe(true);
    expect(classifySql('SELECT * FROM users WHERE id = $1')?.batched).toBe(false);
  });

  it('marks paginated statements (a page position, not a bare LIMIT)', () => {
    expect(classifySql('SELECT * FROM events ORDER BY id LIMIT 100 OFFSET $1')?.paginated).toBe(true);
    expect(classifySql('SELECT * FROM events WHERE id > $1 ORDER BY id LIMIT 100')?.paginated).toBe(true);
    expect(classifySql('SELECT * FROM events ORDER BY id LIMIT 1')?.paginated).toBe(false);
  });

  it('stays fast on huge text', () => {
    const text = `SELECT a FROM t WHERE x IN (${'1, '.repeat(200_000)}2)`;
    expect(classifySql(text)?.kind).toBe('read');
    expect(isSqlText(`SELECT ${'x '.repeat(500_000)}`)).toBe(false);
  });
});

describe('isProbeSql', () => {
  it.each(['SELECT 1', 'select 1 as ok;', 'SELECT 1+1;', 'SELECT 1 + 1', 'SELECT now()', 'SELECT version()', 'select current_timestamp'])('%s is a probe', (text) => {
    expect(isProbeSql(text)).toBe(true);
  });
  it.each(['SELECT 1 FROM users', 'SELECT 1 + id FROM t', 'SELECT 1, email FROM users', 'SELECT 12', 'SELECT count(*) FROM t'])('%s is no probe', (text) => {
    expect(isProbeSql(text)).toBe(false);
  });
});
