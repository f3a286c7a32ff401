/**
 * The scheduler on every back end, in one process, on the injected clock: catch-up after downtime
 * (items due long ago run once each, oldest first), a re-run after a crash between the effect and
 * the completion replays instead of acting twice, a worker whose lease ran out loses the item to
 * another without a second effect, failures are retried after a growing backoff, refusals are
 * final, stopping gives back the items not started, and the loop runs until stopped.
 */
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { COMMAND_KIND, commandItem, defaultHandlers, executeOnce, type JobHandlers } from '../../src/jobs/handlers.js';
import { SchedulerPass, startScheduler } from '../../src/jobs/scheduler.js';
import type { ScheduleItem } from '../../src/store/jobs.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { backends } from '../support/backends.js';
import { DAY, HOUR, issueCommand, makeWorld, ORG, run, setupOrganisation, START, type World } from '../support/world.js';

const FAR = '2099-12-31T00:00:00.000Z';
const CASES = ['asg_s1', 'asg_s2', 'asg_s3'] as const;

function escalation(assignmentId: string, n: number, dueMs: number): ScheduleItem {
  const id = `esc:${assignmentId}:${n}`;
  const command: CommandInput = { type: 'assignment.escalate', assignmentId, toId: ORG.bodies.sto, reason: `due escalation ${id}` };
  return { id, kind: COMMAND_KIND, payload: commandItem(command), dueAt: new Date(dueMs).toISOString() };
}

async function world(store: KyselyStore): Promise<World<KyselyStore>> {
  const w = makeWorld(store);
  await setupOrganisation(w);
  for (const id of CASES) await run(w, ORG.people.secretary, issueCommand({ id, deadline: FAR }));
  return w;
}

/** The escalations recorded on a case: actor, level and reason, in order. */
async function escalations(store: KyselyStore, id: string): Promise<Array<{ actor: string; level: number; reason: string }>> {
  const events = await store.fresh.streamEvents(id);
  return events.filter((e) => e.type === 'assignment.escalated').map((e) => ({ actor: e.actor, level: (e.payload as { level: number }).level, reason: (e.payload as { reason: string }).reason }));
}

function pass(w: World<KyselyStore>, worker: string, extra: Partial<ConstructorParameters<typeof SchedulerPass>[0]> = {}): SchedulerPass {
  return new SchedulerPass({ app: w.app, clock: w.clock, handlers: defaultHandlers(), worker, leaseMs: 60_000, batch: 2, ...extra });
}

for (const backend of backends()) {
  describe(`[${backend.name}] scheduler`, () => {
    it('catches up after downtime: items due days ago run once each, oldest first, as the system; a second pass finds nothing', async () => {
      const w = await world(await backend.fresh());
      try {
        // Scheduled, then the process was down for 30 days.
        await w.store.jobs.schedule([escalation('asg_s1', 2, START + 3 * HOUR), escalation('asg_s2', 1, START + 2 * HOUR), escalation('asg_s1', 1, START + HOUR), escalation('asg_s3', 1, START + 30 * DAY)]);
        w.clock.advance(30 * DAY + HOUR);
        expect(await w.store.jobs.counts(w.app.now())).toEqual({ due: 4, leased: 0, scheduled: 0, done: 0 });
        const p = pass(w, 'w1');
        expect(await p.drain()).toBe(4);
        expect(await p.drain()).toBe(0);
        expect(await escalations(w.store, 'asg_s1')).toEqual([
          { actor: 'system', level: 1, reason: 'due escalation esc:asg_s1:1' },
          { actor: 'system', level: 2, reason: 'due escalation esc:asg_s1:2' },
        ]);
        expect(await escalations(w.store, 'asg_s2')).toEqual([{ actor: 'system', level: 1, reason: 'due escalation esc:asg_s2:1' }]);
        expect(await escalations(w.store, 'asg_s3')).toHaveLength(1);
        const done = await w.store.jobs.list({ done: true });
        expect(done.map((i) => [i.id, i.result, i.attempts, i.doneBy])).toEqual([
          ['esc:asg_s1:1', 'done', 1, 'w1'],
          ['esc:asg_s1:2', 'done', 1, 'w1'],
          ['esc:asg_s2:1', 'done', 1, 'w1'],
          ['esc:asg_s3:1', 'done', 1, 'w1'],
        ]);
        expect((await w.store.verify()).ok).toBe(true);
      } finally {
        await w.app.close();
      }
    });

    it('a worker that died after its effect committed but before completing: the next worker replays, nothing is escalated twice', async () => {
      const w = await world(await backend.fresh());
      try {
        await w.store.jobs.schedule([escalation('asg_s1', 1, START)]);
        w.clock.advance(HOUR);
        const [item] = await w.store.jobs.claim('dead', w.app.now(), 60_000, 10);
        if (item === undefined) throw new Error('nothing claimed');
        expect(await defaultHandlers()[COMMAND_KIND]?.(item, { app: w.app, worker: 'dead', now: w.app.now() })).toBe('done');
        // …and the process is killed here. Its lease runs out; another worker takes the item.
        w.clock.advance(61_000);
        expect(await pass(w, 'w2').drain()).toBe(1);
        expect(await w.store.jobs.get(item.id)).toMatchObject({ result: 'replayed', doneBy: 'w2', attempts: 2 });
        expect(await escalations(w.store, 'asg_s1')).toHaveLength(1);
      } finally {
        await w.app.close();
      }
    });

    it('a slow worker whose lease ran out: the worker that took over acts, the slow one replays and cannot complete', async () => {
      const w = await world(await backend.fresh());
      try {
        await w.store.jobs.schedule([escalation('asg_s2', 1, START)]);
        w.clock.advance(HOUR);
        const [slow] = await w.store.jobs.claim('slow', w.app.now(), 60_000, 10);
        if (slow === undefined) throw new Error('nothing claimed');
        w.clock.advance(61_000);
        const [fast] = await w.store.jobs.claim('fast', w.app.now(), 60_000, 10);
        if (fast === undefined) throw new Error('nothing claimed');
        const command = (slow.payload as { command: CommandInput }).command;
        expect(await executeOnce(w.app, fast, command)).toBe('done');
        expect(await w.store.jobs.complete(fast.id, 'fast', w.app.now(), 'done')).toBe(true);
        expect(await executeOnce(w.app, slow, command)).toBe('replayed');
        expect(await w.store.jobs.complete(slow.id, 'slow', w.app.now(), 'replayed')).toBe(false);
        expect(await escalations(w.store, 'asg_s2')).toHaveLength(1);
        expect(await w.store.jobs.get(slow.id)).toMatchObject({ doneBy: 'fast', result: 'done' });
      } finally {
        await w.app.close();
      }
    });

    it('a failing handler is retried after 1 s, then 2 s; an unknown kind fails with its reason; a refusal by the rules is final', async () => {
      const w = await world(await backend.fresh());
      try {
        let calls = 0;
        const handlers: JobHandlers = {
          ...defaultHandlers(),
          flaky: () => {
            calls += 1;
            return calls < 3 ? Promise.reject(new Error(`failure ${calls}`)) : Promise.resolve('done');
          },
        };
        await run(w, ORG.people.secretary, { type: 'assignment.cancel', assignmentId: 'asg_s3', reason: 'no longer needed' });
        await w.store.jobs.schedule([
          { id: 'flaky-1', kind: 'flaky', payload: null, dueAt: new Date(START).toISOString() },
          { id: 'mystery-1', kind: 'mystery', payload: null, dueAt: new Date(START).toISOString() },
          escalation('asg_s3', 1, START),
        ]);
        w.clock.advance(HOUR);
        const p = pass(w, 'w1', { handlers, batch: 10 });
        expect(await p.tick()).toEqual({ claimed: 3, done: 1, failed: 2 });
        const t = w.clock.now();
        expect(await w.store.jobs.get('flaky-1')).toMatchObject({ lastError: 'Error: failure 1', leaseUntil: new Date(t + 1000).toISOString(), doneAt: null });
        expect(await w.store.jobs.get('mystery-1')).toMatchObject({ lastError: 'Error: no handler for items of kind mystery', doneAt: null });
        expect(await w.store.jobs.get('esc:asg_s3:1')).toMatchObject({ result: 'refused: INVALID_TRANSITION', doneBy: 'w1' });
        expect(await escalations(w.store, 'asg_s3')).toEqual([]);

        expect(await p.tick()).toEqual({ claimed: 0, done: 0, failed: 0 });
        w.clock.advance(1000);
        expect(await p.tick()).toEqual({ claimed: 2, done: 0, failed: 2 });
        expect(await w.store.jobs.get('flaky-1')).toMatchObject({ lastError: 'Error: failure 2', leaseUntil: new Date(t + 3000).toISOString(), attempts: 2 });
        w.clock.advance(1999);
        expect(await p.tick()).toEqual({ claimed: 0, done: 0, failed: 0 });
        w.clock.advance(1);
        // flaky-1 succeeds its third time; mystery-1 fails again (its next wait: 4 s).
        expect(await p.tick()).toEqual({ claimed: 2, done: 1, failed: 1 });
        expect(await w.store.jobs.get('mystery-1')).toMatchObject({ attempts: 3, leaseUntil: new Date(t + 7000).toISOString() });
        expect(await w.store.jobs.get('flaky-1')).toMatchObject({ result: 'done', attempts: 3 });
      } finally {
        await w.app.close();
      }
    });

    it('stopping mid-batch: the item in hand finishes, the rest of the batch is given back (not counted as attempts)', async () => {
      const w = await world(await backend.fresh());
      try {
        await w.store.jobs.schedule(CASES.map((id, i) => escalation(id, 1, START + i)));
        w.clock.advance(HOUR);
        const stopAfterOne: JobHandlers = {
          [COMMAND_KIND]: async (item, ctx) => {
            p.stopping = true;
            return (defaultHandlers()[COMMAND_KIND] as NonNullable<JobHandlers[string]>)(item, ctx);
          },
        };
        const p = pass(w, 'w1', { handlers: stopAfterOne, batch: 3 });
        expect(await p.tick()).toEqual({ claimed: 3, done: 1, failed: 0 });
        expect(await w.store.jobs.counts(w.app.now())).toEqual({ due: 2, leased: 0, scheduled: 0, done: 1 });
        expect((await w.store.jobs.pending()).map((i) => [i.id, i.attempts])).toEqual([
          ['esc:asg_s2:1', 0],
          ['esc:asg_s3:1', 0],
        ]);
      } finally {
        await w.app.close();
      }
    });

    it('the loop runs due work as it falls due until stopped', async () => {
      const w = await world(await backend.fresh());
      try {
        w.clock.advance(HOUR);
        const now = w.clock.now();
        await w.store.jobs.schedule([...CASES.map((id, i) => escalation(id, 1, now - i * DAY)), escalation('asg_s1', 2, now + DAY)]);
        const scheduler = startScheduler({ app: w.app, clock: w.clock, handlers: defaultHandlers(), worker: 'loop', intervalMs: 5, batch: 2 });
        try {
          const waitFor = async (done: number): Promise<void> => {
            for (let i = 0; i < 2000 && (await w.store.jobs.counts(w.app.now())).done < done; i++) await new Promise((r) => setTimeout(r, 5));
          };
          await waitFor(3);
          expect(await w.store.jobs.counts(w.app.now())).toEqual({ due: 0, leased: 0, scheduled: 1, done: 3 });
          w.clock.advance(DAY);
          await waitFor(4);
        } finally {
          await scheduler.stop();
        }
        expect(await w.store.jobs.counts(w.app.now())).toEqual({ due: 0, leased: 0, scheduled: 0, done: 4 });
        expect((await escalations(w.store, 'asg_s1')).map((e) => e.level)).toEqual([1, 2]);
      } finally {
        await w.app.close();
      }
    });
  });
}
