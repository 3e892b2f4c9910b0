import {
  ADMIN_FLAG_COLUMNS,
  ADMIN_ROLE_VALUES,
  AGGREGATE_STEPS,
  BOUNDING_ADVICE,
  LIMIT_OPTION_KEYS,
  LIMIT_STEPS,
  LIST_METHODS,
  LOW_CARDINALITY_COLUMNS,
  OWNER_PREFERENCE_WORDS,
  PARENT_KEY_NAMES,
  PEOPLE_TABLE_NAMES,
  SINGLE_ROW_RAW_METHODS,
  SMALL_TABLE_LAST_WORDS,
  SMALL_TABLE_LAST_WORD_QUALIFIERS,
  SMALL_TABLE_NAMES,
  SQL_BOUNDING_ADVICE,
  STREAMING_STEPS,
  UNIQUE_KEY_NAMES,
} from '../catalogs/bounds.js';
import { ORM_REPOSITORY_FACTORIES } from '../catalogs/evidence.js';
import type { DbLibrary } from '../catalogs/db-clients.js';
import type { ChainFact, ChainSegment, ValueFact } from '../facts.js';
import type { BackendPatternsSettings } from '../settings.js';
import { matchesNamePattern, nameParts } from './names.js';
import { boundReceiverOf, chainBatchesOrPages, isCollectionValue, type QueryMatch } from './query.js';

/**
 * Unbounded list queries (the guide's "Accept filter/sort/pagination parameters"): a read that
 * returns every matching row because nothing caps it — Prisma `findMany` without `take`, TypeORM
 * `find` without `take`, Sequelize `findAll` without `limit`, Mongoose `find` without `.limit()`,
 * a Knex / Kysely / Drizzle select without `.limit()`, SQL `SELECT` without `LIMIT`. One
 * judgement for both engines: the adapters build the chain, `classifyQuery` proves it is a query.
 */

/**
 * How the query's filter narrows the rows:
 * - `all`: no filter;
 * - `filtered`: conditions on non-key columns (`status`, dates, flags);
 * - `dynamic`: a filter built elsewhere (`where: filter`, `find(query)`), whose keys the code does not show;
 * - `parent`: equality on a foreign key (`where: { orderId }`), the child rows of one parent;
 * - `administrators`: equality on an admin flag or role (`where: { isAdmin: true }`): a handful of
 *   rows on the table of a system's users, every admin of every tenant elsewhere (`unboundedList`
 *   turns it into `filtered` there);
 * - `unique`: equality on a primary or unique key (`where: { id }`), at most one row.
 */
export type ListScope = 'all' | 'filtered' | 'dynamic' | 'administrators' | 'parent' | 'unique';

export interface UnboundedList {
  /** The table, model or collection read (`user`, `Order`, `'invoices'`), when the code names it. */
  readonly model: string | undefined;
  readonly scope: ListScope;
  /** What to do instead, for the query's library. */
  readonly advice: string;
}

/** What a list query's arguments say: capped, unknown (built elsewhere), or the filter to judge. */
type Shape =
  | { readonly kind: 'capped' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'list'; readonly scope: ListScope; readonly model: string | undefined; readonly library?: DbLibrary };

const CAPPED: Shape = { kind: 'capped' };
const UNKNOWN: Shape = { kind: 'unknown' };

const includes = (list: readonly string[], name: string): boolean => list.includes(name);

function property(value: ValueFact | undefined, key: string): ValueFact | undefined {
  return value?.kind === 'object' ? value.properties.find((entry) => entry.key === key)?.value : undefined;
}

function hasLimitKey(value: ValueFact | undefined): boolean {
  return value?.kind === 'object' && value.properties.some((entry) => entry.key !== undefined && includes(LIMIT_OPTION_KEYS, entry.key) && entry.value.kind !== 'undefined');
}

/** An options object the code builds elsewhere or spreads: it may carry the cap. */
function isOpaque(value: ValueFact | undefined): boolean {
  if (value === undefined) return false;
  if (value.kind === 'object') return value.spreads.length > 0;
  return value.kind !== 'function';
}

function hasStep(chain: ChainFact, steps: readonly string[], from = 0): boolean {
  return chain.segments.some((segment, index) => index >= from && segment.call !== undefined && steps.includes(segment.name));
}

/** The last part of a column reference: `u.id` → `id`, `"user"."org_id"` → `org_id`, `users.teamId` → `teamId`. */
function columnName(text: string): string {
  const last = text.slice(text.lastIndexOf('.') + 1);
  return last.replace(/["`[\]]/g, '');
}

function isUniqueKey(name: string): boolean {
  const lower = name.toLowerCase();
  return UNIQUE_KEY_NAMES.some((key) => key.toLowerCase() === lower);
}

/** A foreign key: `orderId`, `team_id`, `ownerUUID`, `subjectDid`, `recordUri`, or an owner column (`did`, `owner`, `creator`). */
function isParentKey(name: string): boolean {
  return !isUniqueKey(name) && (/[a-z\d](?:Id|ID|_id|Uuid|UUID|_uuid|Did|_did|Uri|_uri)$/.test(name) || includes(PARENT_KEY_NAMES, name.toLowerCase()));
}

/** Lower case without separators: `is_superuser` → `issuperuser`, `SUPER_ADMIN` → `superadmin`. */
const compactName = (name: string): string => name.toLowerCase().replace(/[^a-z\d]/g, '');

/**
 * An equality that keeps only administrators: an admin flag set to true (`isAdmin: true`,
 * `.where('is_superuser', '=', true)`) or a role column equal to an administrator role
 * (`role: 'admin'`, `role: Role.SUPER_ADMIN`). Other flags and roles (`isActive: true`,
 * `role: 'member'`) keep every row in that state.
 */
function selectsAdministrators(column: string, value: ValueFact | 'parameter'): boolean {
  if (value === 'parameter') return false;
  if (includes(ADMIN_FLAG_COLUMNS, compactName(column))) return value.kind === 'boolean' && value.value === true;
  if (!/role$/i.test(column)) return false;
  const named = value.kind === 'string' ? value.text : value.kind === 'member' ? value.path[value.path.length - 1] : undefined;
  return named !== undefined && includes(ADMIN_ROLE_VALUES, compactName(named));
}

/** A value the caller supplies (a variable, a parameter, a member, a call result), not a literal written in the query. */
function isCallerValue(value: ValueFact | 'parameter'): boolean {
  if (value === 'parameter') return true;
  return value.kind === 'identifier' || value.kind === 'member' || value.kind === 'call' || (value.kind === 'template' && value.expressions.length > 0);
}

/**
 * What an equality on `column` does to a list: one row on a unique key; the rows of one parent on a
 * foreign key, or on any column compared with a value the caller names (`where: { dataSource, symbol }`,
 * `.where('date', '=', date)`) — unless the column has few distinct values (`status`, `type`), where
 * the list is every row in that state.
 */
function columnScope(column: string, value: ValueFact | 'parameter'): ListScope {
  if (isUniqueKey(column)) return 'unique';
  if (selectsAdministrators(column, value)) return 'administrators';
  if (isParentKey(column)) return 'parent';
  // A value nested deeper than the facts reach (`where: { a: { some: { userId } } }`) is not known.
  if (value !== 'parameter' && value.kind === 'other') return 'dynamic';
  const lowCardinality = includes(LOW_CARDINALITY_COLUMNS, column.toLowerCase()) || /(?:Status|Type|Kind|State|Role|Level|Flag)$/.test(column) || /^(?:is|has)[A-Z_]/.test(column);
  return isCallerValue(value) && !lowCardinality ? 'parent' : 'filtered';
}

/** A value compared for equality: a variable, a literal, a member, a call result — not an operator object (`{ gt: x }`, `{ not: null }`). */
function isEqualityValue(value: ValueFact): boolean {
  if (value.kind === 'object') {
    const keys = value.properties.map((entry) => entry.key);
    return keys.length === 1 && (keys[0] === 'equals' || keys[0] === '$eq' || keys[0] === 'eq' || keys[0] === 'Op.eq');
  }
  return value.kind !== 'array' && value.kind !== 'null' && value.kind !== 'undefined' && value.kind !== 'function';
}

const LOGICAL_KEYS: ReadonlySet<string> = new Set(['AND', '$and', 'Op.and', 'and']);

/** The scope an equality on `key` gives. */
function keyScope(key: string, value: ValueFact): ListScope | undefined {
  if (!isEqualityValue(value)) return undefined;
  const scope = columnScope(key, value.kind === 'object' ? (value.properties[0]?.value ?? value) : value);
  if (scope !== 'filtered') return scope;
  // Prisma compound unique input: `userId_teamId: { userId, teamId }`.
  if (key.includes('_') && value.kind === 'object' && value.properties.length >= 2 && value.properties.every((entry) => entry.key !== undefined && (isParentKey(entry.key) || isUniqueKey(entry.key)))) return 'unique';
  return undefined;
}

/** A nested filter made only of equalities on caller values (`{ dataSource, symbol }`), no operators and no literals. */
function pinsRecord(value: Extract<ValueFact, { kind: 'object' }>): boolean {
  return value.spreads.length === 0 && value.properties.length > 0 &&
    value.properties.every((entry) => entry.key !== undefined && !LOGICAL_KEYS.has(entry.key) && (entry.value.kind === 'identifier' || entry.value.kind === 'member'));
}

const SCOPE_ORDER: readonly ListScope[] = ['all', 'filtered', 'dynamic', 'administrators', 'parent', 'unique'];
const widest = (scopes: readonly ListScope[]): ListScope => scopes.reduce<ListScope>((best, scope) => (SCOPE_ORDER.indexOf(scope) < SCOPE_ORDER.indexOf(best) ? scope : best), 'unique');
const narrowest = (scopes: readonly ListScope[]): ListScope => scopes.reduce<ListScope>((best, scope) => (SCOPE_ORDER.indexOf(scope) > SCOPE_ORDER.indexOf(best) ? scope : best), 'all');

/** The scope of a filter object (Prisma / TypeORM / Sequelize `where`, a Mongo filter). */
function objectScope(value: ValueFact, depth = 0): ListScope {
  if (depth > 3) return 'filtered';
  switch (value.kind) {
    case 'object': {
      const scopes: ListScope[] = value.spreads.length > 0 ? ['dynamic'] : [];
      for (const entry of value.properties) {
        // `[isSpace ? 'spaceId' : 'baseId']: resourceId`: as wide as the widest of the columns it may name.
        if (entry.key === undefined && entry.keyChoices !== undefined && entry.keyChoices.length > 0) {
          scopes.push(widest(entry.keyChoices.map((key) => keyScope(key, entry.value) ?? 'filtered')));
          continue;
        }
        if (entry.key === undefined) continue;
        // `{ url: urls }` (Sequelize IN), `[Op.or]: refs.map(…)`: one row or a few per item of a list the caller holds.
        if (isCollectionValue(entry.value) && (entry.value.kind !== 'array' || entry.value.elements.length > 0)) {
          scopes.push('unique');
          continue;
        }
        if (LOGICAL_KEYS.has(entry.key)) {
          const parts = entry.value.kind === 'array' ? entry.value.elements : [entry.value];
          scopes.push(narrowest(parts.map((part) => objectScope(part, depth + 1))));
          continue;
        }
        const scope = keyScope(entry.key, entry.value);
        if (scope !== undefined) {
          scopes.push(scope);
          continue;
        }
        // A relation pinned by its key: `where: { order: { id: orderId } }`.
        // A relation pinned by its key or by equalities (`where: { symbolProfile: { dataSource, symbol } }`): the rows of one related record.
        const inner = entry.value.kind === 'object' ? objectScope(entry.value, depth + 1) : undefined;
        if (entry.value.kind === 'object' && (inner === 'unique' || inner === 'parent' || pinsRecord(entry.value))) scopes.push('parent');
        else scopes.push(inner === 'dynamic' ? 'dynamic' : 'filtered');
      }
      return narrowest(scopes);
    }
    case 'call':
      return conditionScope(value.chain, depth + 1);
    case 'undefined':
    case 'null':
      return 'all';
    case 'array':
      return value.elements.length === 0 ? 'all' : narrowest(value.elements.map((element) => objectScope(element, depth + 1)));
    default:
      return 'dynamic';
  }
}

/** The scope of a condition call: Drizzle `eq(users.id, id)`, `and(eq(…), …)`; TypeORM `Equal(x)` is judged by its key. */
function conditionScope(chain: ChainFact, depth: number): ListScope {
  const last = chain.segments[chain.segments.length - 1];
  if (last?.call === undefined) return 'dynamic';
  const args = last.call.args;
  if (last.name === 'and') return narrowest(args.map((arg) => objectScope(arg, depth + 1)));
  // Either condition may hold: the list is as wide as its widest branch (`or(eq(t.slug, s), aliasMatches)`).
  if (last.name === 'or') return widest(args.map((arg) => objectScope(arg, depth + 1)));
  if (last.name === 'eq') {
    const [column, value] = args;
    const name = column?.kind === 'member' ? (column.path[column.path.length - 1] ?? '') : column?.kind === 'string' ? columnName(column.text) : '';
    // Arguments nested deeper than the facts go are not in them: the condition is not known.
    if (name === '' || value === undefined) return 'dynamic';
    return columnScope(name, value);
  }
  return 'filtered';
}

/** The scope of builder `where` steps: Knex `.where({ id })`, `.where('id', id)`, `.where('t.id', '=', id)`; Kysely `.where('id', '=', id)`; Drizzle `.where(eq(…))`. */
function stepsScope(segments: readonly ChainSegment[]): ListScope {
  const scopes: ListScope[] = [];
  for (const segment of segments) {
    // A join whose condition pins the joined row: `innerJoin('v.collections', 'c', 'c.id = :id', { id })`.
    const joinCondition = segment.call !== undefined && /join/i.test(segment.name) ? segment.call.args[2] : undefined;
    if (joinCondition?.kind === 'string') {
      const scope = sqlConditionScope(joinCondition.text);
      if (scope !== undefined && scope !== 'filtered') scopes.push(scope);
    }
    if (segment.call === undefined || !/^(?:where|andWhere)$/.test(segment.name)) {
      if (segment.call !== undefined && /^(?:orWhere|whereRaw|whereNot|whereNull|whereNotNull|whereExists|whereBetween|whereLike|whereILike|whereJsonObject|innerJoin|join)/.test(segment.name)) scopes.push('filtered');
      continue;
    }
    const [first, second, third] = segment.call.args;
    if (first === undefined) continue;
    // A condition written as SQL (`'orderLine.id = :id'`, TypeORM / MikroORM builders).
    const condition = first.kind === 'string' && /[\s=<>]/.test(first.text.trim()) ? sqlConditionScope(first.text) : undefined;
    if (condition !== undefined) {
      scopes.push(condition);
      continue;
    }
    if (first.kind === 'string' && second !== undefined) {
      const name = columnName(first.text);
      const value = third === undefined ? second : second.kind === 'string' && second.text === '=' ? third : undefined;
      if (value !== undefined && isEqualityValue(value)) scopes.push(columnScope(name, value));
      else scopes.push('filtered');
      continue;
    }
    if (first.kind === 'string' && sqlConditionScope(first.text) !== undefined) {
      scopes.push(sqlConditionScope(first.text) ?? 'filtered');
      continue;
    }
    scopes.push(first.kind === 'function' ? 'filtered' : objectScope(first));
  }
  return narrowest(scopes);
}

/** Equalities on bound parameters in a SQL condition: `u.id = :id`, `org_id = $1`, `"teamId" = ?`. */
function sqlConditionScope(text: string): ListScope | undefined {
  // `line.id IN (:...ids)` (TypeORM's list parameter), `= ANY($1)`: a list the caller holds.
  if (/\bin\s*\(\s*:\.\.\.\w+|\bin\s*\(\s*(?:\$\d+|\?|:\w+)|=\s*any\s*\(/i.test(text)) return 'unique';
  const columns = [...text.matchAll(/([\w."`]+)\s*=\s*(?:\$\d+|\?|:\w+|@\w+)/g)].map((found) => columnName(found[1] ?? ''));
  if (columns.length === 0) return undefined;
  return narrowest(columns.map((name) => columnScope(name, 'parameter')));
}

/** The entity a repository factory names: `getRepository(User)`, `getRepository(ctx, Order)`. */
function entityArgument(args: readonly ValueFact[] | undefined): string | undefined {
  const entity = (args ?? []).find((arg) => (arg.kind === 'identifier' && /^[A-Z]/.test(arg.name)) || arg.kind === 'string');
  return tableName(entity);
}

/** Name of a table argument: `knex('users')`, `selectFrom('users as u')`, `from(users)`, `getRepository(User)`. */
function tableName(value: ValueFact | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.kind === 'string') return value.text.trim().split(/\s+/)[0]?.replace(/["`]/g, '');
  if (value.kind === 'identifier') return value.constText === undefined ? value.name : tableName({ kind: 'string', text: value.constText });
  if (value.kind === 'member') return value.constText === undefined ? value.path[value.path.length - 1] : tableName({ kind: 'string', text: value.constText });
  if (value.kind === 'array') return tableName(value.elements[0]);
  // `${T.PERMISSIONS} as p`: a constant table name with an alias.
  if (value.kind === 'template' && value.quasis?.[0] === '') {
    const first = value.expressions[0];
    const text = first?.kind === 'identifier' || first?.kind === 'member' ? first.constText : undefined;
    if (text !== undefined) return tableName({ kind: 'string', text: `${text}${value.quasis[1] ?? ''}` });
  }
  return undefined;
}

/** `usersRepository` → `users`, `this.orderModel` → `order`, `invoicesCollection` → `invoices`. */
function modelOfReceiver(name: string | undefined): string | undefined {
  if (name === undefined || name === '' || name === 'this') return undefined;
  const stripped = name.replace(/(?:Repository|Repo|Model|Collection|Dao|DAO|Delegate)$/, '');
  return stripped === '' ? name : stripped;
}

function segmentIndex(segments: readonly ChainSegment[], name: string): number {
  return segments.findIndex((segment) => segment.name === name && segment.call !== undefined);
}

/** An aggregate select: `count()`, `sql<number>\`count(*)\``, `eb.fn.countAll()`, `'COUNT(*)'`. */
function isAggregateValue(value: ValueFact, depth = 0): boolean {
  if (depth > 3) return false;
  switch (value.kind) {
    case 'call':
      return value.chain.segments.some((segment) => segment.call !== undefined && (includes(AGGREGATE_STEPS, segment.name) || segment.call.args.some((arg) => isAggregateValue(arg, depth + 1))));
    case 'string':
    case 'template':
      return /^\s*(?:count|sum|avg|min|max|exists|bool_or|bool_and|array_agg|json_agg|string_agg)\s*\(/i.test(value.text) || /\b(?:count|sum|avg)\s*\(/i.test(value.text);
    case 'object':
      return value.properties.length > 0 && value.properties.every((entry) => isAggregateValue(entry.value, depth + 1));
    case 'array':
      return value.elements.length > 0 && value.elements.every((element) => isAggregateValue(element, depth + 1));
    default:
      return false;
  }
}

function selectsAggregate(segments: readonly ChainSegment[]): boolean {
  return segments.some((segment) => segment.call !== undefined && /^(?:select|addSelect|columns|select[A-Z]\w*)$/.test(segment.name) && segment.call.args.length > 0 && segment.call.args.every((arg) => isAggregateValue(arg))) ||
    segments.some((segment) => segment.call !== undefined && segment.name !== 'select' && includes(AGGREGATE_STEPS, segment.name));
}

/** The filters of required joins, nested ones too: `include: [{ model: Group, include: [{ model: GroupUser, where: { userId } }] }]`. */
function includeScopes(include: ValueFact | undefined, depth: number): ListScope[] {
  if (include === undefined || depth > 3) return [];
  return (include.kind === 'array' ? include.elements : [include]).flatMap((joined): ListScope[] => {
    // Nested deeper than the facts go: its filter is not known.
    if (joined.kind === 'other') return ['dynamic'];
    const where = property(joined, 'where');
    return [...(where === undefined ? [] : [objectScope(where)]), ...includeScopes(property(joined, 'include'), depth + 1)];
  });
}

/** A list read through options: `{ where, take }` (Prisma, TypeORM, Sequelize, Drizzle relational). */
function optionsShape(options: ValueFact | undefined, model: string | undefined): Shape {
  if (options === undefined) return { kind: 'list', scope: 'all', model };
  if (options.kind !== 'object' || options.spreads.length > 0) return UNKNOWN;
  // `distinct: ['currency']` lists the values of a column, as many as it has distinct ones.
  if (hasLimitKey(options) || property(options, 'distinct') !== undefined) return CAPPED;
  const where = property(options, 'where');
  const scopes: ListScope[] = [where === undefined ? 'all' : objectScope(where)];
  // Sequelize / TypeORM joins that must match (`include: [{ model: User, where: { id }, required: true }]`) narrow the list too.
  scopes.push(...includeScopes(property(options, 'include'), 0));
  return { kind: 'list', scope: narrowest(scopes), model };
}

function prismaShape(chain: ChainFact, match: QueryMatch): Shape {
  const segment = chain.segments[match.operationIndex];
  if (segment?.name !== 'findMany') return UNKNOWN;
  return optionsShape(segment.call?.args[0], chain.segments[match.operationIndex - 1]?.name);
}

/** Does the file show the receiver is an ORM repository, model, or client — or do types? Names alone are not enough for `find`. */
function hasReceiverEvidence(chain: ChainFact, match: QueryMatch, settings: BackendPatternsSettings): boolean {
  if (match.typed) return true;
  const receiver = chain.segments[match.operationIndex - 1];
  if (receiver?.call !== undefined && includes(ORM_REPOSITORY_FACTORIES, receiver.name)) return true;
  const bound = boundReceiverOf(chain, settings);
  return bound !== undefined && bound.index === match.operationIndex - 1 && (bound.role === 'orm-repository' || bound.role === 'db-client' || bound.role === 'model');
}

const ORM_OPTION_KEYS: ReadonlySet<string> = new Set(['where', 'take', 'skip', 'limit', 'offset', 'order', 'orderBy', 'relations', 'select', 'populate', 'fields', 'withDeleted', 'cache', 'lock', 'loadRelationIds', 'exclude', 'filters']);

function ormShape(chain: ChainFact, match: QueryMatch, settings: BackendPatternsSettings): Shape {
  const { segments } = chain;
  const segment = segments[match.operationIndex];
  if (segment?.call === undefined) return UNKNOWN;
  // Query builder: `repo.createQueryBuilder('u').where(…).getMany()`, the whole builder in one chain.
  if (includes(LIST_METHODS.queryBuilder, segment.name)) {
    const start = segmentIndex(segments, 'createQueryBuilder');
    if (start === -1) return UNKNOWN;
    if (hasStep(chain, LIMIT_STEPS, start) || hasStep(chain, ['skip', 'offset'], start)) return CAPPED;
    if (selectsAggregate(segments.slice(start)) || hasStep(chain, ['groupBy'], start)) return CAPPED;
    const alias = segments[start]?.call?.args[0];
    const receiver = segments[start - 1];
    const model = receiver?.call !== undefined ? entityArgument(receiver.call.args) : start > 0 ? modelOfReceiver(receiver?.name) : tableName(alias);
    return { kind: 'list', scope: stepsScope(segments.slice(start)), model };
  }
  const methods: readonly string[] = match.library === 'mikro-orm' ? LIST_METHODS['mikro-orm'] : LIST_METHODS.typeorm;
  if (!methods.includes(segment.name) || !hasReceiverEvidence(chain, match, settings)) return UNKNOWN;
  let args = segment.call.args;
  const receiver = segments[match.operationIndex - 1];
  let model = receiver?.call !== undefined ? entityArgument(receiver.call.args) : modelOfReceiver(receiver?.name);
  // An entity manager names the entity first: `em.find(User, …)`, `manager.find(Order, { where })`.
  const first = args[0];
  if ((first?.kind === 'identifier' && /^[A-Z]/.test(first.name)) || (first?.kind === 'member' && /^[A-Z]/.test(first.path[first.path.length - 1] ?? ''))) {
    model = tableName(first);
    args = args.slice(1);
  }
  const [head, options] = args;
  if (segment.name === 'findBy' || segment.name === 'findAndCountBy') {
    if (head === undefined) return { kind: 'list', scope: 'all', model };
    return head.kind === 'object' || head.kind === 'array' ? { kind: 'list', scope: objectScope(head), model } : UNKNOWN;
  }
  if (head === undefined) return { kind: 'list', scope: 'all', model };
  if (head.kind !== 'object') return UNKNOWN;
  // TypeORM / MikroORM `findAll` options, or MikroORM `find(where, options)`.
  const isOptions = head.properties.some((entry) => entry.key !== undefined && ORM_OPTION_KEYS.has(entry.key)) || segment.name === 'findAll';
  if (isOptions) return optionsShape(head, model);
  if (isOpaque(options)) return options?.kind === 'object' && hasLimitKey(options) ? CAPPED : UNKNOWN;
  if (hasLimitKey(options)) return CAPPED;
  return head.spreads.length > 0 ? UNKNOWN : { kind: 'list', scope: objectScope(head), model };
}

function sequelizeShape(chain: ChainFact, match: QueryMatch): Shape {
  const segment = chain.segments[match.operationIndex];
  if (segment === undefined || !includes(LIST_METHODS.sequelize, segment.name)) return UNKNOWN;
  const options = segment.call?.args[0];
  const attributes = property(options, 'attributes');
  if (property(options, 'group') !== undefined || (attributes !== undefined && isAggregateValue(attributes))) return CAPPED;
  return optionsShape(options, modelOfReceiver(chain.segments[match.operationIndex - 1]?.name));
}

function mongoShape(chain: ChainFact, match: QueryMatch): Shape {
  const { segments } = chain;
  const segment = segments[match.operationIndex];
  if (segment?.name !== 'find' || segment.call === undefined) return UNKNOWN;
  const after = match.operationIndex + 1;
  if (hasStep(chain, LIMIT_STEPS, after) || hasStep(chain, ['skip'], after) || hasStep(chain, STREAMING_STEPS, after)) return CAPPED;
  // The driver's cursor loads nothing until `toArray()`; a Mongoose query runs when awaited or `exec()`-ed.
  const materialised = match.library === 'mongodb' ? hasStep(chain, ['toArray'], after) : chain.awaited || hasStep(chain, ['exec', 'then'], after);
  if (!materialised) return UNKNOWN;
  const [filter, , options] = segment.call.args;
  const driverOptions = match.library === 'mongodb' ? segment.call.args[1] : options;
  if (hasLimitKey(driverOptions)) return CAPPED;
  if (isOpaque(driverOptions) && driverOptions?.kind !== 'object') return UNKNOWN;
  const receiver = segments[match.operationIndex - 1];
  const model = receiver?.call !== undefined ? tableName(receiver.call.args[0]) : modelOfReceiver(receiver?.name);
  return { kind: 'list', scope: filter === undefined ? 'all' : objectScope(filter), model, library: match.library };
}

/** Names a Knex instance goes by: `knex('users')`, `db('users')`, `trx('users')`. */
const KNEX_ENTRY_NAMES: ReadonlySet<string> = new Set(['knex', 'db', 'database', 'trx', 'tx', 'transaction', 'connection', 'conn', 'kx', 'qb']);

/**
 * The builder starts at a Knex instance: `knex('users')`, `this.knex.select(…).from('t')`, or a
 * name the file binds to a DB client. A function whose name merely ends in a client word
 * (`checkExistsInDB(sql)`, `runScriptOnWorkerPool(…)`) is no Knex instance.
 */
function isKnexEntry(chain: ChainFact, root: number, settings: BackendPatternsSettings): boolean {
  const entry = chain.segments[root];
  if (entry === undefined) return false;
  const isClientName = (name: string): boolean => KNEX_ENTRY_NAMES.has(name.toLowerCase()) || /^knex|Knex$/.test(name) || settings.db.clientNames.includes(name);
  const bound = boundReceiverOf(chain, settings);
  // `knex('users')`, `this.db('orders as o')`: the instance called with a table name.
  if (isClientName(entry.name) || (bound?.index === root && bound.role === 'db-client')) {
    const table = entry.call?.args[0];
    return table?.kind === 'string' && /^[\w.]+(?:\s+as\s+\w+)?$/i.test(table.text.trim());
  }
  // `knex.select('id').from('users')`: a builder method of the instance.
  const client = chain.segments[root - 1];
  if (client === undefined || client.call !== undefined) return false;
  return isClientName(client.name) || (bound?.index === root - 1 && bound.role === 'db-client');
}

/** Steps after which a builder's shape is decided elsewhere: Knex `.modify(fn)`, Kysely `.$if()` / `.$call()`, Drizzle `.$dynamic()`. */
const OPAQUE_STEPS = ['modify', '$if', '$call', '$dynamic', 'as', 'prepare', 'toSQL', 'clone', 'union', 'unionAll', 'forUpdate', 'forShare', 'skipLocked', 'noWait'];

function builderShape(chain: ChainFact, match: QueryMatch, settings: BackendPatternsSettings): Shape {
  const { segments } = chain;
  if (hasStep(chain, OPAQUE_STEPS) || hasStep(chain, LIMIT_STEPS) || hasStep(chain, ['offset']) || hasStep(chain, STREAMING_STEPS)) return hasStep(chain, OPAQUE_STEPS) ? UNKNOWN : CAPPED;
  if (selectsAggregate(segments) || hasStep(chain, ['groupBy'])) return CAPPED;
  // A join against a derived table (`innerJoin(requested.as('r'), …)`) keeps only the rows it lists.
  if (segments.some((segment) => segment.call !== undefined && /join/i.test(segment.name) && segment.call.args[0] !== undefined && segment.call.args[0].kind !== 'string' && segment.call.args[0].kind !== 'identifier' && segment.call.args[0].kind !== 'member')) return UNKNOWN;
  switch (match.library) {
    case 'kysely': {
      if (segments[match.operationIndex]?.name !== 'execute') return CAPPED;
      const entry = segmentIndex(segments, 'selectFrom');
      // A builder returned by a helper (`getAncestorsQb(db, …).selectFrom('ancestor')`) or a derived table carries bounds of its own.
      const table = segments[entry]?.call?.args[0];
      if (entry === -1 || segments[entry - 1]?.call !== undefined || table?.kind !== 'string') return UNKNOWN;
      return { kind: 'list', scope: stepsScope(segments.slice(entry)), model: tableName(table) };
    }
    case 'drizzle': {
      const relational = segments[match.operationIndex];
      if (relational?.name === 'findMany' && segments[match.operationIndex - 2]?.name === 'query') {
        return optionsShape(relational.call?.args[0], segments[match.operationIndex - 1]?.name);
      }
      if (relational?.name === 'findFirst') return CAPPED;
      // `.get()` (SQLite drivers) returns the first row.
      if (segments[segments.length - 1]?.name === 'get') return CAPPED;
      const from = segmentIndex(segments, 'from');
      const select = segments.findIndex((segment) => segment.call !== undefined && includes(LIST_METHODS.drizzle, segment.name));
      if (from === -1 || select === -1 || !chain.awaited) return UNKNOWN;
      // The steps after the select: Knex's `db.select(cols).where(query).from(table)` filters before it names the table.
      return { kind: 'list', scope: stepsScope(segments.slice(Math.min(select + 1, from))), model: tableName(segments[from]?.call?.args[0]) };
    }
    case 'knex': {
      if (!chain.awaited) return UNKNOWN;
      const root = segments.findIndex((segment) => segment.call !== undefined);
      const entry = segments[root];
      if (!isKnexEntry(chain, root, settings)) return UNKNOWN;
      const from = segmentIndex(segments, 'from');
      const model = tableName(from !== -1 ? segments[from]?.call?.args[0] : entry?.call?.args[0]);
      if (hasStep(chain, ['pluck', 'columnInfo', 'increment', 'decrement'])) return UNKNOWN;
      return { kind: 'list', scope: stepsScope(segments.slice(root + 1)), model };
    }
    default:
      return UNKNOWN;
  }
}

/** The SQL text of a raw query, as written at the call (a string, or a template's literal pieces). */
function rawSqlText(chain: ChainFact, match: QueryMatch): Extract<ValueFact, { readonly text: string }> | undefined {
  for (const segment of chain.segments.slice(0, match.operationIndex + 1)) {
    const arg = segment.call?.args[0];
    if (arg?.kind === 'string' || arg?.kind === 'template') return arg;
    const text = property(arg, 'text') ?? property(arg, 'sql');
    if (text?.kind === 'string' || text?.kind === 'template') return text;
  }
  return undefined;
}

/** Operators after which a template's `${…}` is a bound value, not a piece of SQL (`= ${id}`, `IN (${ids})`). */
const VALUE_POSITION = /(?:[=<>(,]|\b(?:like|ilike|in|any|is|then|else|values|set|and|or|not|between)|::\w+)\s*$/i;

/** A call of a SQL aggregate function. */
const SQL_AGGREGATE = /\b(?:count|sum|avg|min|max|bool_or|bool_and|every|array_agg|string_agg|json_agg|jsonb_agg|json_object_agg|jsonb_object_agg|group_concat|bit_and|bit_or)\s*\(/i;
/** An aggregate used as a window function, which keeps every row: `count(*) OVER (PARTITION BY …)`, one nesting level deep. */
const SQL_WINDOW_CALL = /\b\w+\s*\((?:[^()]|\([^()]*\))*\)\s*over\s*\((?:[^()]|\([^()]*\))*\)/gi;

function sqlShape(chain: ChainFact, match: QueryMatch): Shape {
  const method = chain.segments[match.operationIndex]?.name ?? '';
  if (includes(SINGLE_ROW_RAW_METHODS, method) || match.sql === undefined || match.sql.kind !== 'read') return UNKNOWN;
  const value = rawSqlText(chain, match);
  if (value === undefined) return UNKNOWN;
  // A `${fragment}` in a SQL position (a clause, an ORDER BY, a LIMIT built elsewhere) hides what it adds.
  if (value.kind === 'template' && value.quasis !== undefined && value.quasis.slice(0, -1).some((quasi) => !VALUE_POSITION.test(quasi))) return UNKNOWN;
  const text = value.text.replace(/--[^\n]*\n/g, ' ').replace(/\s+/g, ' ');
  if (/\blimit\s+(?:\d|\?|\$|:|@|all\b)|\bfetch\s+(?:first|next)\b|\bselect\s+(?:distinct\s+)?top\s*\(?\s*\d/i.test(text)) return CAPPED;
  const main = /^\s*\(?\s*select\s+([\s\S]*?)\s+from\s+([\w."`]+)(\s*\()?/i.exec(text.replace(/^\s*with\s[\s\S]*?\)\s*select\b/i, 'select'));
  if (main === null) return UNKNOWN;
  // `FROM jsonb_array_elements(col)`, `FROM unnest($1)`: the rows of a value, as many as it holds, not a table's.
  if (main[3] !== undefined) return UNKNOWN;
  if (/\bgroup\s+by\b/i.test(text)) return CAPPED;
  const columns = main[1] ?? '';
  if (/^exists\s*\(/i.test(columns.trim())) return CAPPED;
  // An aggregate anywhere in the select list, without GROUP BY, makes one row (`to_jsonb(array_agg(x))`); a window
  // (`count(*) OVER (…)`) does not, nor one inside a subquery of the list (`(SELECT count(*) FROM …) AS n`).
  if (!/\(\s*select\b/i.test(columns) && SQL_AGGREGATE.test(columns.replace(SQL_WINDOW_CALL, ' '))) return CAPPED;
  const where = /\bwhere\b([\s\S]*?)(?:\border\s+by\b|\bgroup\s+by\b|$)/i.exec(text)?.[1];
  const scope = where === undefined ? 'all' : (sqlConditionScope(where) ?? 'filtered');
  return { kind: 'list', scope, model: columnName(main[2] ?? '') };
}

function shapeOf(chain: ChainFact, match: QueryMatch, settings: BackendPatternsSettings): Shape {
  if (match.raw) return sqlShape(chain, match);
  // The MongoDB driver: `client.db('app').collection('events').find(…).toArray()`, whatever name the client has.
  const collection = chain.segments.findIndex((segment, index) => segment.name === 'collection' && segment.call !== undefined && chain.segments[index + 1]?.name === 'find');
  if (collection !== -1) return mongoShape(chain, { ...match, library: 'mongodb', operationIndex: collection + 1 });
  switch (match.library) {
    case 'prisma':
      return prismaShape(chain, match);
    case 'typeorm':
    case 'mikro-orm':
      return ormShape(chain, match, settings);
    case 'sequelize':
      return sequelizeShape(chain, match);
    case 'mongoose':
    case 'mongodb':
      return mongoShape(chain, match);
    case 'knex':
    case 'kysely':
    case 'drizzle':
      return builderShape(chain, match, settings);
    default:
      return UNKNOWN;
  }
}

/**
 * Is this query a list read with no cap? Returns the table and how the filter narrows it, or
 * undefined when the query is capped (`take`, `limit`, `.limit()`, `LIMIT`, `FETCH FIRST`), pages
 * (`skip`, `cursor`, `OFFSET`), reads one row (`findUnique`, `findOne`, `first()`), aggregates
 * (`count`, `GROUP BY`), streams (`cursor()`, `stream()`), is batched over a list the caller holds
 * (`{ in: ids }`, `In(ids)`, `$in`, `whereIn`), or takes options built elsewhere (`findMany(args)`,
 * `{ ...page }`), which may carry the cap.
 */
export function unboundedList(match: QueryMatch, chain: ChainFact, settings: BackendPatternsSettings): UnboundedList | undefined {
  if (match.access !== 'read' || match.batched || match.paginated || match.transaction || match.activeRecord) return undefined;
  const shape = shapeOf(chain, match, settings);
  if (shape.kind !== 'list') return undefined;
  const advice = match.raw ? SQL_BOUNDING_ADVICE : (BOUNDING_ADVICE[shape.library ?? match.library] ?? SQL_BOUNDING_ADVICE);
  // The admins of the system's users table are the few who run it; the admins of a membership or
  // tenant table (`organizationMember`) are one or more per tenant, as many as there are tenants.
  const scope = shape.scope === 'administrators' && !isPeopleTable(shape.model) ? 'filtered' : shape.scope;
  return { model: shape.model, scope, advice };
}

/** The table of a system's people, by its whole name (`User`, `users`, `accounts`, `auth_user`), not a membership (`organizationMember`, `team_users`). */
function isPeopleTable(model: string | undefined): boolean {
  if (model === undefined) return false;
  const normal = normalisedTable(model);
  return PEOPLE_TABLE_NAMES.some((name) => normalisedTable(name) === normal);
}

/** Every method a list read of some library runs at (`findMany`, `find`, `findAll`, `getMany`, `select`, `execute`). */
const LIST_METHOD_NAMES: ReadonlySet<string> = new Set(Object.values(LIST_METHODS).flat());

/** A SQL text a raw query could run, as `rawSqlText` finds it, that selects rows. */
function hasSelectText(chain: ChainFact): boolean {
  const isSelect = (value: ValueFact | undefined): boolean => (value?.kind === 'string' || value?.kind === 'template') && /select/i.test(value.text);
  return chain.segments.some((segment) => {
    const arg = segment.call?.args[0];
    return isSelect(arg) || isSelect(property(arg, 'text')) || isSelect(property(arg, 'sql'));
  });
}

/**
 * Could this chain be an unbounded list, whatever library classifying it finds? A test on the chain
 * alone, cheap enough to run before `classifyQuery` (which, with types, asks the checker where its
 * methods are declared): false when the chain batches or pages, or when it has none of what
 * `unboundedList` needs for any library — a list method (`findMany`, `find`, `getMany`, `execute`,
 * `select`), an awaited Knex builder without a cap, or a SELECT text. `findUnique`, `findById`,
 * `insert`, `router.get('/path')` need no look-up.
 */
export function mayBeUnboundedList(chain: ChainFact, settings: BackendPatternsSettings): boolean {
  if (chainBatchesOrPages(chain)) return false;
  if (chain.segments.some((segment) => LIST_METHOD_NAMES.has(segment.name)) || hasSelectText(chain)) return true;
  const root = chain.segments.findIndex((segment) => segment.call !== undefined);
  return chain.awaited && isKnexEntry(chain, root, settings) && !hasStep(chain, OPAQUE_STEPS) && !hasStep(chain, LIMIT_STEPS) && !hasStep(chain, ['offset']) && !hasStep(chain, STREAMING_STEPS);
}

/** `Countries`, `country`, `user_roles` → `country`, `country`, `userrole`: lower case, no separators, singular. */
function normalisedTable(name: string): string {
  const compact = compactName(name);
  if (compact.endsWith('ies')) return `${compact.slice(0, -3)}y`;
  if (/(?:ses|xes|ches|shes)$/.test(compact)) return compact.slice(0, -2);
  return compact.endsWith('s') && !compact.endsWith('ss') ? compact.slice(0, -1) : compact;
}

/**
 * A small lookup table whose full list is the answer: reference data by name (`Country`,
 * `currencies`, `roles`) or a model the project lists in `settings['backend-patterns'].db.smallTables`
 * (names, singular or plural, or `*` patterns such as `*Type`). An owner's preferences
 * (`account_pref`) are few read whole or per owner; filtered on another column (`where: {
 * emailDigest: true }`, `scope` 'filtered') the query picks rows of every owner and is no small list.
 */
export function isSmallTable(model: string | undefined, settings: BackendPatternsSettings, scope?: ListScope): boolean {
  if (model === undefined) return false;
  const normal = normalisedTable(model);
  if (SMALL_TABLE_NAMES.some((name) => normalisedTable(name) === normal)) return true;
  const words = nameParts(model);
  const lastWord = words[words.length - 1];
  // The last word singular or plural: `ticketType`, `feature_types`, `email_templates`.
  const last = lastWord === undefined ? undefined : normalisedTable(lastWord);
  if (words.length > 1 && last !== undefined && includes(SMALL_TABLE_LAST_WORDS, last) && qualifiedLastWord(last, words)) return true;
  if (scope !== 'filtered' && last !== undefined && includes(OWNER_PREFERENCE_WORDS, last)) return true;
  return settings.db.smallTables.some((entry) => (entry.includes('*') ? matchesNamePattern(model, entry) : normalisedTable(entry) === normal));
}

/** `flag` says configuration only as `featureFlag`: the word before it must be its qualifier, if it has one. */
function qualifiedLastWord(last: string, words: readonly string[]): boolean {
  const qualifier = (SMALL_TABLE_LAST_WORD_QUALIFIERS as Readonly<Record<string, string | undefined>>)[last];
  return qualifier === undefined || words[words.length - 2]?.toLowerCase() === qualifier;
}

const DUE_ROWS_FUNCTION = /^(?:get|find|list|load|fetch|select|query)(?=[A-Z])\w*?(?:Expired|Overdue|Due(?!Date|At|Amount|Time)|To(?:Execute|Process|Run|Retry|Expire|Reverse|Purge|Sweep)(?![a-z]))/;

const UPPER_BOUND_OPERATORS: ReadonlySet<string> = new Set(['<', '<=', 'lt', 'lte', '$lt', '$lte', 'Op.lt', 'Op.lte', 'LessThan', 'LessThanOrEqual']);

/**
 * `true` for an operator that caps a column from above: `'<'` / `'<='` (Knex, Kysely, Drizzle `lt` /
 * `lte`), Prisma `{ lt }` / `{ lte }`, Mongo `$lt` / `$lte`, Sequelize `Op.lt`, TypeORM `LessThan(…)`.
 * A poll of due rows compares their time with the present this way (`expiresAt <= now`).
 */
export function isUpperBoundOperator(operator: string): boolean {
  return UPPER_BOUND_OPERATORS.has(operator);
}

/** SQL that caps a column from above: `expires_at <= now()`, `"dueAt" < $1`. */
export function sqlComparesUpTo(text: string): boolean {
  return /[\w"`\]]\s*<=?\s*(?:now\s*\(|current_timestamp|\$\d|\?|:\w|@\w|'|\d)/i.test(text);
}

/**
 * `true` for a function named for the rows whose time has come (`getExpiredTags`,
 * `getSubjectsDueForReversal`, `getPendingActionsToExecute`, `findOverdueInvoices`): a scheduler or a
 * sweeper polls them and handles every one on purpose, which is no list a client pages through.
 */
export function isDueRowsFunctionName(name: string): boolean {
  return DUE_ROWS_FUNCTION.test(name);
}

/**
 * A DataLoader constructor or factory (`new DataLoader(fn)`, `createDataLoader(fn)`,
 * `buildLoader(fn)`): its batch function reads the rows of the keys callers asked for, one list
 * the request already holds.
 */
export function isBatchLoader(callee: string): boolean {
  const name = callee.slice(callee.lastIndexOf('.') + 1);
  return /^(?:DataLoader|Dataloader)$/.test(name) || /^(?:create|make|build|new|generate)\w*Loader$/.test(name);
}
