/**
 * SQL text by shape, compiled once by Kysely in the dialect at hand and then run with fresh
 * parameters by the write driver (or by Kysely, through `CompiledQuery.raw`). Kysely builds and
 * compiles a query tree on every call; on the write path that cost is paid once per shape.
 */
import { sql, type Kysely } from 'kysely';
import { PRIMARY_KEYS, type Database, type ProjectionTable, type StreamTable } from './schema.js';

/** A cache of compiled SQL text keyed by shape; one per store. */
export class SqlShapes {
  private readonly texts = new Map<string, string>();
  private readonly columns = new Map<string, readonly string[]>();

  /** `compiler` is only used to compile; it may be any Kysely of the right dialect. */
  constructor(private readonly compiler: Kysely<Database>) {}

  private text(key: string, build: (db: Kysely<Database>) => { sql: string }): string {
    let t = this.texts.get(key);
    if (t === undefined) {
      t = build(this.compiler).sql;
      this.texts.set(key, t);
    }
    return t;
  }

  /** INSERT of `rows` rows into `events` (positions assigned by the database). */
  insertEvents(rows: number): string {
    return this.text(`events:${rows}`, (db) =>
      db
        .insertInto('events')
        .values(Array.from({ length: rows }, () => ({ stream_id: '', seq: 0, type: '', actor: '', at: '', payload: '', prev_hash: '', hash: '' })))
        .compile(),
    );
  }

  /**
   * Multi-row upsert into a projection table: insert, or on key conflict set the `update` columns
   * (null: every non-key column). `signature` names the update set (e.g. its columns joined).
   */
  upsert(table: ProjectionTable, columns: readonly string[], update: readonly string[] | null, signature: string, rows: number): string {
    const key = `upsert:${table}:${columns.length}:${signature}:${rows}`;
    const known = this.columns.get(`${table}:${columns.length}`);
    if (known === undefined) this.columns.set(`${table}:${columns.length}`, columns);
    else if (known.some((c, i) => c !== columns[i])) throw new Error(`rows of ${table} must always list their columns in the same order`);
    return this.text(key, (db) => {
      const key = PRIMARY_KEYS[table] as readonly string[];
      const rest = (update ?? columns).filter((c) => !key.includes(c));
      const values = Array.from({ length: rows }, () => Object.fromEntries(columns.map((c) => [c, null])));
      return db
        .insertInto(table)
        .values(values)
        .onConflict((oc) => {
          const target = oc.columns(key as never);
          return rest.length === 0 ? target.doNothing() : target.doUpdateSet(Object.fromEntries(rest.map((c) => [c, sql.ref(`excluded.${c}`)])));
        })
        .compile();
    });
  }

  /**
   * UPDATE of one stream's own row, known to exist: sets `set` (in that order), then the row's id
   * as the last parameter. `signature` names the set (e.g. its columns joined).
   */
  updateStreamRow(table: StreamTable, set: readonly string[], signature: string): string {
    return this.text(`update:${table}:${signature}`, (db) =>
      db
        .updateTable(table)
        .set(Object.fromEntries(set.map((c) => [c, null])) as never)
        .where('id', '=', '')
        .compile(),
    );
  }

  /** A stream's head and state by id, from the table of its kind; with `share`, locking its row against concurrent writes. */
  selectHead(table: StreamTable, share = false): string {
    return this.text(`head:${table}:${share}`, (db) => {
      const q = db.selectFrom(table).select(['seq', 'hash', 'state']).where('id', '=', '');
      return (share ? q.forShare() : q).compile();
    });
  }

  /** Every stream of a table, with its head and state, in id order. */
  selectStreams(table: StreamTable): string {
    return this.text(`streams:${table}`, (db) => db.selectFrom(table).select(['id', 'seq', 'hash', 'state']).orderBy('id').compile());
  }

  /** Every head (id, seq, hash) of a table of streams. */
  selectHeads(table: StreamTable): string {
    return this.text(`heads:${table}`, (db) => db.selectFrom(table).select(['id', 'seq', 'hash']).compile());
  }

  /**
   * Every head (id, seq, hash) of the given tables of streams with the seq the checkpoints recorded
   * for it (null when never recorded), in ONE statement — which heads changed and what the root
   * covers come from the same snapshot even under READ COMMITTED — ordered by id under `collation`
   * (the back end's code-point collation), so the heads can be consumed as they are read.
   */
  selectHeadsAgainstCheckpoints(tables: readonly StreamTable[], collation: string): string {
    return this.text(`heads-against-checkpoints:${tables.join(',')}:${collation}`, (db) => {
      const each = tables.map(
        (table) => sql`select t.id collate ${sql.raw(collation)} as id, t.seq, t.hash, c.seq as recorded from ${sql.table(table)} t left join checkpoint_heads c on c.stream_id = t.id`,
      );
      return sql`${sql.join(each, sql` union all `)} order by 1`.compile(db);
    });
  }

  /** A decision of a body by its number. */
  decisionByNumber(): string {
    return this.text('decision-by-number', (db) => db.selectFrom('decisions').select('id').where('body_id', '=', '').where('number', '=', '').compile());
  }

  /** What an idempotency key recorded. */
  selectIdempotency(): string {
    return this.text('idempotency-select', (db) => db.selectFrom('idempotency').select(['fingerprint', 'outcome']).where('scope', '=', '').where('key', '=', '').compile());
  }

  /** Records an idempotency key (a plain insert: a duplicate is a conflict). */
  insertIdempotency(): string {
    return this.text('idempotency-insert', (db) => db.insertInto('idempotency').values({ scope: '', key: '', fingerprint: '', outcome: '', created_at: '' }).compile());
  }

  /** A page of events after a position, in position order. */
  eventsAfter(): string {
    return this.text('events-after', (db) => db.selectFrom('events').selectAll().where('position', '>', 0).orderBy('position').limit(1).compile());
  }

  /** How many events there are. */
  countEvents(): string {
    return this.text('count-events', (db) => db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).compile());
  }

  /** Empties a projection table. */
  deleteAll(table: ProjectionTable): string {
    return this.text(`delete:${table}`, (db) => db.deleteFrom(table).compile());
  }
}
