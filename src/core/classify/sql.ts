/**
 * SQL text: a string whose text reads as a statement, not any string with the word "select".
 * Recognises `SELECT … FROM`, `INSERT INTO`, `UPDATE … SET`, `DELETE FROM`, `WITH x AS (`,
 * `CREATE/ALTER/DROP/TRUNCATE TABLE`, `MERGE INTO`, `REPLACE INTO`, `UPSERT INTO`, MySQL's `SHOW CREATE
 * TABLE` / `SHOW COLUMNS FROM` (a read of one table's schema, statement `SHOW`) — anchored at the
 * start of the text (after whitespace, comments and an opening parenthesis).
 */

export type SqlKind = 'read' | 'write' | 'ddl';

export interface SqlText {
  readonly kind: SqlKind;
  readonly statement: string;
  /** The statement has an `IN (…)`/`= ANY(…)` list or an array parameter, i.e. is batched. */
  readonly batched: boolean;
  /** The statement reads one page at a position: `OFFSET`, `LIMIT n, m`, `FETCH NEXT`, or a keyset `WHERE id > $1 ORDER BY`. A bare `LIMIT` is a cap, not a page. */
  readonly paginated: boolean;
  /**
   * A write that a second run leaves unchanged because it resolves conflicts on a unique key:
   * `ON CONFLICT … DO NOTHING / DO UPDATE`, `ON DUPLICATE KEY UPDATE`, `INSERT IGNORE`,
   * `INSERT OR IGNORE / REPLACE`, `REPLACE INTO`, `UPSERT INTO`, `MERGE INTO … ON`.
   */
  readonly idempotent: boolean;
}

const IDENT = String.raw`[\w."\`\[\]$?]+`;
/** The object a DDL statement names: quoted (`"user-data"`, `` `order-items` ``, `[dbo].[t]`) or a run of name characters; prose goes on with a colon (`create trigger failed: …`). */
const DDL_NAME = String.raw`(?:"[^"]+"|\`[^\`]+\`|\[[^\]]+\]|[^\s(;,:'"]+)`;
// Each pattern is anchored and linear: no nested quantifiers over the same characters.
const STATEMENTS: readonly (readonly [RegExp, SqlKind, string])[] = [
  [new RegExp(String.raw`^select\s+(?:distinct\s+)?[\s\S]*?\bfrom\s+${IDENT}`, 'i'), 'read', 'SELECT'],
  [/^select\s+(?:\d+|now\(\)|1|count\(|exists\s*\(|pg_|nextval|currval|last_insert_id|@@)/i, 'read', 'SELECT'],
  [new RegExp(String.raw`^insert\s+(?:(?:ignore|or\s+\w+)\s+)?into\s+${IDENT}`, 'i'), 'write', 'INSERT'],
  [new RegExp(String.raw`^(?:replace|upsert|merge)\s+into\s+${IDENT}`, 'i'), 'write', 'UPSERT'],
  [new RegExp(String.raw`^update\s+(?:only\s+)?${IDENT}(?:\s+(?:as\s+)?\w+)?\s+set\s`, 'i'), 'write', 'UPDATE'],
  [new RegExp(String.raw`^delete\s+from\s+${IDENT}`, 'i'), 'write', 'DELETE'],
  [/^with\s+(?:recursive\s+)?\w+(?:\s*\([^)]*\))?\s+as\s+(?:(?:not\s+)?materialized\s+)?\(/i, 'read', 'WITH'],
  // ClickHouse mutations (`ALTER TABLE events ON CLUSTER c DELETE WHERE pid = {pid:String}`): they change rows, not the schema.
  [new RegExp(String.raw`^alter\s+table\s+${DDL_NAME}(?:\s+on\s+cluster\s+\S+)?\s+delete\s+where\s`, 'i'), 'write', 'DELETE'],
  [new RegExp(String.raw`^alter\s+table\s+${DDL_NAME}(?:\s+on\s+cluster\s+\S+)?\s+update\s+\w+\s*=`, 'i'), 'write', 'UPDATE'],
  [new RegExp(String.raw`^(?:create|alter|drop)\s+(?:(?:or\s+replace|temporary|temp|unique|unlogged|materialized)\s+)*(?:table|view|index|schema|sequence|type|function|trigger)\s+${DDL_NAME}(?:[\s(;,]|$)`, 'i'), 'ddl', 'DDL'],
  // MySQL's schema introspection, one table at a time: a table's definition, columns or indexes. A read of the
  // schema, not of rows; written in capitals only, as prose ("Show create table dialog") is not.
  [/^SHOW\s+(?:CREATE\s+(?:TABLE|VIEW)|(?:FULL\s+)?(?:COLUMNS|FIELDS)\s+FROM|(?:INDEX|INDEXES|KEYS)\s+FROM)\s+\S/, 'read', 'SHOW'],
  [/^truncate\s+(?:table\s+)?\w/i, 'write', 'TRUNCATE'],
  [/^(?:call|exec|execute)\s+\w+\s*\(/i, 'write', 'CALL'],
];

/** The first word of every statement above: text that starts otherwise is no SQL, whatever follows. */
const STATEMENT_START = /^(?:select|insert|replace|upsert|merge|update|delete|with|create|alter|drop|truncate|call|exec|show)/i;
const LEADING_NOISE = /^(?:\s+|--[^\n]*\n|\/\*[\s\S]*?\*\/|\()+/;

/** `text` from its first word on: leading whitespace, line and block comments and opening parentheses removed. */
export function withoutLeadingNoise(text: string): string {
  return text.slice(0, MAX_SCAN).replace(LEADING_NOISE, '');
}

/** Longest text we look at; a statement's keywords are near its start. */
const MAX_SCAN = 4000;

/**
 * A liveness or readiness probe's SQL: `SELECT 1` (or `SELECT 1 AS ok`, `SELECT 1+1`, `SELECT NOW()`,
 * `SELECT version()`, `SELECT current_timestamp`). It touches no table: health checks run it on purpose.
 */
export function isProbeSql(text: string): boolean {
  return /^\s*select\s+(?:1(?:\s*[-+*]\s*1)?|true|now\(\)|version\(\)|current_timestamp)(?:\s+as\s+\w+)?\s*;?\s*$/i.test(text);
}

/**
 * Classifies `text` (a string literal, or a template's quasis joined with `?`) as SQL, or
 * returns undefined.
 */
export function classifySql(text: string): SqlText | undefined {
  const head = withoutLeadingNoise(text);
  if (head.length < 8 || !STATEMENT_START.test(head) || looksLikeProse(head)) return undefined;
  for (const [pattern, kind, statement] of STATEMENTS) {
    if (!pattern.test(head)) continue;
    const writesInWith = kind === 'read' && statement === 'WITH' && /\b(?:insert\s+into|update\s+\S+\s+set|delete\s+from)\b/i.test(head);
    return {
      kind: writesInWith ? 'write' : kind,
      statement,
      idempotent: statement === 'UPSERT' || /\bon\s+conflict\b|\bon\s+duplicate\s+key\s+update\b|^insert\s+(?:ignore|or\s+(?:ignore|replace))\b/i.test(head),
      batched: /\bin\s*\(\s*(?:\?|\$\d+|:\w+|@\w+|unnest)|=\s*any\s*\(|\bin\s+unnest\s*\(|\bin\s*\(\s*\?(?:\s*,\s*\?)*\s*\)|\bunnest\s*\(|\bvalues\s*\?|\bjson_table\b/i.test(head),
      paginated: /\boffset\s+(?:\?|\$\d+|:\w+|@\w+|\d+)|\blimit\s+(?:\?|\$\d+|\d+)\s*,\s*(?:\?|\$\d+|\d+)|\bfetch\s+next\b|\b\w+\s*[<>]=?\s*(?:\?|\$\d+|:\w+)\s+order\s+by\b/i.test(head),
    };
  }
  return undefined;
}

const PROSE_WORDS = new Set(['the', 'your', 'my', 'our', 'their', 'these', 'those', 'please', 'you', 'we', 'will', 'should', 'must', 'is', 'are', 'was']);

/**
 * "Select a user from the list." reads as a sentence: a capitalised-only keyword followed by
 * lower-case words, articles or pronouns among the first words, or sentence punctuation at the end.
 */
function looksLikeProse(head: string): boolean {
  const words = head.slice(0, 120).split(/\s+/);
  const first = words[0] ?? '';
  const sentenceCase = /^[A-Z][a-z]+$/.test(first) && words.slice(1, 4).some((word) => /^[a-z]{2,}$/.test(word) && !/^(?:from|into|set|distinct|as|table)$/.test(word));
  return sentenceCase || words.slice(1, 9).some((word) => PROSE_WORDS.has(word.toLowerCase())) || /[.!]$/.test(head.trimEnd());
}

/** Convenience: true when `text` reads as a SQL statement. */
export function isSqlText(text: string): boolean {
  return classifySql(text) !== undefined;
}

/** Template tags that bind parameters: Drizzle `sql`, postgres.js `sql`, slonik `sql`, `Prisma.sql`. */
export const PARAMETER_BINDING_TAGS = ['sql', 'Prisma.sql', 'SQL', 'sql.unsafe', 'raw', 'Prisma.raw', 'sqltag', 'SQL.sql', '$queryRaw', '$executeRaw'] as const;
