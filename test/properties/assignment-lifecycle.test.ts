/**
 * Random command sequences — valid and invalid, by random actors, at random non-decreasing times —
 * run through Proverka on a real store of each back end. For every assignment: ownership stays with one person
 * who never verifies (F2, F3), the hour ledger tiles the case's life exactly (F4), the projection
 * holds the state the events fold to; a refused command writes nothing; `rebuild` reproduces the
 * incrementally maintained projections exactly; `verify` finds nothing wrong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssignmentEvent } from '../../src/domain/assignment/assignment.events.js';
import { currentHolding, evolveAssignment, type AssignmentState } from '../../src/domain/assignment/assignment.state.js';
import type { StreamEvent } from '../../src/domain/event.js';
import { hourLedger, type HourLedger } from '../../src/domain/ledger/hour-ledger.js';
import { toMs } from '../../src/domain/time.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { HOUR, PEOPLE, runSteps, steps, type Exec } from '../support/command-gen.js';
import { backends } from '../support/backends.js';
import { dumpProjections, eventCount } from '../support/dump.js';
import { makeWorld } from '../support/world.js';

const PERSON = new Set<string>(PEOPLE);

/** F2/F3 invariants that must hold in every state a case passes through. */
function checkState(id: string, s: AssignmentState): void {
  const where = `${id} at ${s.lastEventAt}`;
  expect(PERSON.has(s.ownerId), `${where}: owner ${s.ownerId} is a person`).toBe(true);
  expect(PERSON.has(s.verifierId), `${where}: verifier is a person`).toBe(true);
  expect(PERSON.has(s.holderId), `${where}: holder is a person`).toBe(true);
  expect(s.verifierId, `${where}: verifier is not the owner`).not.toBe(s.ownerId);
  expect(s.coExecutorIds, `${where}: verifier is not a co-executor`).not.toContain(s.verifierId);
  expect(s.coExecutorIds, `${where}: owner is not a co-executor`).not.toContain(s.ownerId);
  expect(s.holderId, `${where}: the verifier never holds the work`).not.toBe(s.verifierId);
  if (s.status === 'verified') {
    expect(s.verifiedBy, `${where}: verified by its verifier`).toBe(s.verifierId);
    expect(s.submission, `${where}: verified work was submitted`).not.toBeNull();
    expect(s.submission?.by, `${where}: not verified on the submitter's word`).not.toBe(s.verifiedBy);
  }
  for (const pid of [s.ownerId, s.verifierId, s.holderId, s.issuerId, ...s.coExecutorIds]) expect(s.units[pid], `${where}: unit of ${pid}`).toMatch(/^unit_/);
}

/** The ledger tiles [start, end] exactly: contiguous, no gap, no overlap, every interval with a person and a unit. */
function checkLedger(id: string, l: HourLedger, events: readonly StreamEvent<AssignmentEvent>[], now: number): void {
  const last = events.at(-1);
  expect(l.start).toBe(events[0]?.at);
  expect(l.end).toBe(l.open ? new Date(Math.max(now, toMs(last?.at ?? ''))).toISOString() : l.state.closedAt);
  let at = l.start;
  for (const i of l.intervals) {
    expect(i.from, `${id}: interval starts where the previous ended`).toBe(at);
    expect(i.ms).toBe(toMs(i.to) - toMs(i.from));
    expect(i.ms).toBeGreaterThan(0);
    expect(PERSON.has(i.personId), `${id}: interval person ${i.personId}`).toBe(true);
    expect(i.unitId, `${id}: interval unit`).toMatch(/^unit_/);
    at = i.to;
  }
  expect(at, `${id}: the last interval ends at the end`).toBe(l.end);
  expect(l.intervals.reduce((s, i) => s + i.ms, 0)).toBe(l.elapsedMs);
  expect(l.elapsedMs).toBe(toMs(l.end) - toMs(l.start));
  expect(l.byPerson.reduce((s, t) => s + t.ms, 0)).toBe(l.elapsedMs);
  expect(l.byUnit.reduce((s, t) => s + t.ms, 0)).toBe(l.elapsedMs);
  expect(l.byPerson.reduce((s, t) => s + t.overdueMs, 0)).toBe(l.overdueMs);
  expect(l.byUnit.reduce((s, t) => s + t.overdueMs, 0)).toBe(l.overdueMs);
}

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  describe(`[${backend.name}] random command sequences through Proverka`, () => {
    it('keep every invariant, tile every ledger, and rebuild to the same projections', async () => {
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(steps(90), async (list) => {
          const store: KyselyStore = await backend.fresh();
          try {
            const w = makeWorld(store, { seed: 7 });
            const exec: Exec = async (actor, command) => {
              const before = await eventCount(store);
              const r = await w.app.execute(actor, command);
              const after = await eventCount(store);
              expect(after, `${command.type} → ${r.ok ? 'ok' : r.error.code}`).toBe(before + (r.ok ? r.value.events.length : 0));
              return r;
            };
            const log = await runSteps(exec, w.clock, list);
            const now = log.end + 5 * HOUR;
            const rows = new Map((await dumpProjections(store)).assignments.map((r) => [String(r['id']), r]));
            for (const id of new Set(log.assignments)) {
              const events = (await store.reads.streamEvents(id)) as unknown as StreamEvent<AssignmentEvent>[];
              if (events.length === 0) {
                expect(rows.has(id)).toBe(false);
                continue;
              }
              let s: AssignmentState | undefined;
              for (const e of events) {
                seen.add(e.type);
                s = evolveAssignment(s, e);
                checkState(id, s);
              }
              if (s === undefined) throw new Error('unreachable');
              expect(log.shadow.get(id), `${id}: the events returned fold to the events stored`).toEqual(s);
              const row = rows.get(id);
              expect(JSON.parse(String(row?.['state'])), `${id}: projected state`).toEqual(s);
              const h = currentHolding(s);
              expect([row?.['status'], row?.['holder_id'], row?.['holder_unit_id'], row?.['holder_role'], row?.['deadline']]).toEqual([s.status, h.personId, h.unitId, h.role, s.deadline]);
              checkLedger(id, hourLedger(events, new Date(now).toISOString()), events, now);
            }
            expect(rows.size).toBe([...rows.keys()].filter((id) => log.assignments.includes(id)).length);
            const report = await store.verify();
            expect(report.problems).toEqual([]);
            const before = await dumpProjections(store);
            await store.rebuild();
            expect(await dumpProjections(store)).toEqual(before);
          } finally {
            await store.close();
          }
        }),
        { numRuns: 45, seed: 20220301, endOnFailure: true },
      );
      // the generator reached every kind of step, so the property was not vacuous
      expect([...seen].sort()).toEqual([
        'assignment.accepted',
        'assignment.cancelled',
        'assignment.escalated',
        'assignment.extension-granted',
        'assignment.extension-refused',
        'assignment.extension-requested',
        'assignment.handover-accepted',
        'assignment.handover-offered',
        'assignment.handover-refused',
        'assignment.issued',
        'assignment.rejected',
        'assignment.reopened',
        'assignment.submitted',
        'assignment.transfer-accepted',
        'assignment.transfer-refused',
        'assignment.transfer-requested',
        'assignment.verified',
      ]);
    });
  });
}
