/**
 * `verify`: recomputes every stream's hash chain and every checkpoint, and compares the heads the
 * checkpoints recorded with the events that are there. It writes nothing. Problems are ordered by
 * their place in the record, so the first one names the first broken event.
 */
import type { Kysely } from 'kysely';
import type { LedgerEvent, StreamHead } from '../../domain/checkpoint.js';
import { kindOfId, LEDGER_STREAM_ID } from '../../domain/ids.js';
import { EVENT_PREFIX } from '../../domain/streams.js';
import { eventHash, GENESIS_HASH } from '../hash-chain.js';
import type { Progress } from '../record.js';
import { merkleRoot } from '../merkle.js';
import { projectedHeads } from '../heads.js';
import { readerQuery } from '../kysely-read-model.js';
import type { SqlShapes } from '../sql-shapes.js';
import type { Database } from '../schema.js';
import { sortHeads } from './checkpoint.js';
import type { VerifyProblem, VerifyReport } from '../reports.js';

interface Expected {
  readonly hash: string;
  readonly checkpoint: number;
}

interface Row {
  position: number | string;
  stream_id: string;
  seq: number | string;
  type: string;
  actor: string;
  at: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

const PAGE = 5000;

function isHead(v: unknown): v is StreamHead {
  return Array.isArray(v) && v.length === 3 && typeof v[0] === 'string' && typeof v[1] === 'number' && typeof v[2] === 'string';
}

/** Reads the checkpoints: the heads they recorded, and a problem for each checkpoint whose root does not match its heads. */
async function readCheckpoints(db: Kysely<Database>, problems: VerifyProblem[]): Promise<{ expected: Map<string, Map<number, Expected>>; count: number }> {
  const rows = await db.selectFrom('events').select(['position', 'seq', 'type', 'payload']).where('stream_id', '=', LEDGER_STREAM_ID).orderBy('seq').execute();
  const heads = new Map<string, StreamHead>();
  const expected = new Map<string, Map<number, Expected>>();
  for (const r of rows) {
    const seq = Number(r.seq);
    let payload: LedgerEvent['payload'];
    try {
      payload = JSON.parse(r.payload) as LedgerEvent['payload'];
      if (r.type !== 'checkpoint.recorded' || !Array.isArray(payload.changed) || !payload.changed.every(isHead)) throw new Error('not a checkpoint');
    } catch {
      problems.push({ kind: 'malformed', streamId: LEDGER_STREAM_ID, seq, position: Number(r.position), message: 'this ledger event is not a readable checkpoint' });
      continue;
    }
    for (const h of payload.changed) {
      heads.set(h[0], h);
      let bySeq = expected.get(h[0]);
      if (bySeq === undefined) expected.set(h[0], (bySeq = new Map<number, Expected>()));
      bySeq.set(h[1], { hash: h[2], checkpoint: seq });
    }
    const root = merkleRoot(sortHeads([...heads.values()]));
    if (root !== payload.root || heads.size !== payload.streams) {
      problems.push({ kind: 'checkpoint-root', streamId: LEDGER_STREAM_ID, seq, position: Number(r.position), message: `checkpoint ${seq}: its Merkle root does not match the stream heads recorded so far` });
    }
  }
  return { expected, count: rows.length };
}

/**
 * Verifies the whole record, given the outcome of the back end's own integrity check. Run it in a
 * snapshot transaction. Problems come in the record's order: the first names the first broken event.
 */
export async function verifyRecord(db: Kysely<Database>, shapes: SqlShapes, integrity: string, progress?: Progress): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  if (integrity !== 'ok' && integrity !== 'not applicable') {
    problems.push({ kind: 'integrity', streamId: '-', seq: null, position: null, message: `database integrity check: ${integrity}` });
  }
  const { expected, count: checkpoints } = await readCheckpoints(db, problems);
  const total = Number((await db.selectFrom('events').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

  const heads = new Map<string, { seq: number; hash: string }>();
  const born = new Map<string, number>();
  let stream = '';
  let expectSeq = 1;
  let prev = GENESIS_HASH;
  let cursor: [string, number] = ['', 0];
  let done = 0;
  for (;;) {
    const [cs, cq] = cursor;
    const page = (await db
      .selectFrom('events')
      .selectAll()
      .where((eb) => eb(eb.refTuple('stream_id', 'seq'), '>', eb.tuple(cs, cq)))
      .orderBy('stream_id')
      .orderBy('seq')
      .limit(PAGE)
      .execute()) as Row[];
    if (page.length === 0) break;
    for (const r of page) {
      const seq = Number(r.seq);
      const position = Number(r.position);
      if (r.stream_id !== stream) {
        stream = r.stream_id;
        born.set(stream, position);
        expectSeq = 1;
        prev = GENESIS_HASH;
        const kind = kindOfId(stream);
        if (kind === undefined) problems.push({ kind: 'malformed', streamId: stream, seq, position, message: `${stream} is not a valid stream id` });
      }
      if (seq !== expectSeq) {
        problems.push({
          kind: 'missing-event',
          streamId: stream,
          seq: expectSeq,
          position,
          message: seq > expectSeq ? `event ${expectSeq}${seq - 1 > expectSeq ? `–${seq - 1}` : ''} of ${stream} is missing` : `event ${seq} of ${stream} is out of order`,
        });
        prev = r.prev_hash;
      } else if (r.prev_hash !== prev) {
        problems.push({ kind: 'chain-broken', streamId: stream, seq, position, message: `event ${seq} of ${stream} does not chain to the hash of event ${seq - 1}` });
      }
      const kind = kindOfId(stream);
      if (kind !== undefined && !r.type.startsWith(EVENT_PREFIX[kind])) {
        problems.push({ kind: 'malformed', streamId: stream, seq, position, message: `event ${seq} of ${stream} has type ${r.type}, foreign to a ${kind} stream` });
      }
      let recomputed: string | undefined;
      try {
        recomputed = eventHash(r.prev_hash, { stream, seq, type: r.type, actor: r.actor, at: r.at, payload: JSON.parse(r.payload) });
      } catch {
        recomputed = undefined;
      }
      if (recomputed !== r.hash) {
        problems.push({ kind: 'hash-mismatch', streamId: stream, seq, position, message: `event ${seq} of ${stream} was altered: its content does not hash to its recorded hash` });
      }
      const want = expected.get(stream)?.get(seq);
      if (want !== undefined) {
        if (want.hash !== r.hash) {
          problems.push({ kind: 'checkpoint-mismatch', streamId: stream, seq, position, message: `event ${seq} of ${stream} differs from the head checkpoint ${want.checkpoint} recorded` });
        }
        expected.get(stream)?.delete(seq);
      }
      heads.set(stream, { seq, hash: r.hash });
      expectSeq = seq + 1;
      prev = r.hash;
      cursor = [stream, seq];
    }
    done += page.length;
    progress?.(done, total);
  }

  for (const [id, bySeq] of expected) {
    for (const [seq, want] of bySeq) {
      const head = heads.get(id);
      problems.push(
        head === undefined
          ? { kind: 'missing-stream', streamId: id, seq, position: null, message: `stream ${id} is missing: checkpoint ${want.checkpoint} recorded its head at event ${seq}` }
          : { kind: 'missing-event', streamId: id, seq, position: null, message: `event ${seq} of ${id} is missing (the stream ends at ${head.seq}); checkpoint ${want.checkpoint} recorded it` },
      );
    }
  }

  for (const [id, seq, hash] of await projectedHeads(readerQuery(db), shapes, true)) {
    const t = { id, hash };
    const head = heads.get(t.id);
    if (head === undefined) {
      problems.push({ kind: 'missing-stream', streamId: t.id, seq: 1, position: null, message: `stream ${t.id} has no events, but its head stood at event ${seq}` });
    } else if (head.seq < seq) {
      problems.push({ kind: 'missing-event', streamId: t.id, seq: head.seq + 1, position: null, message: `events ${head.seq + 1}–${seq} of ${t.id} are missing (its head stood at event ${seq})` });
    } else if (head.seq === seq && head.hash !== t.hash) {
      problems.push({ kind: 'head-mismatch', streamId: t.id, seq, position: null, message: `event ${seq} of ${t.id} is not the one its head recorded` });
    }
  }

  // The record's order: streams by the position of their first event, then events by sequence.
  const order = (p: VerifyProblem): number => (p.kind === 'integrity' ? -1 : (born.get(p.streamId) ?? Number.MAX_SAFE_INTEGER));
  problems.sort((a, b) => order(a) - order(b) || (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0) || (a.seq ?? 0) - (b.seq ?? 0));
  return { ok: problems.length === 0, events: done, streams: heads.size, checkpoints, integrity, problems };
}
