/**
 * A small database built through the application, as a user's commands would: one decision whose
 * first case is refused, escalated, handed over, rejected and at last verified (the canned-meat
 * story in miniature), a second case left open past its deadline, and a third still in time.
 */
import { randomIds } from '../../src/app/ids.js';
import { unwrap } from '../../src/app/errors.js';
import { Proverka } from '../../src/app/proverka.js';
import type { CommandInput } from '../../src/app/commands/schemas.js';
import { ManualClock } from '../../src/domain/clock.js';
import { openStore } from '../../src/store/open-store.js';

const HOUR = 3_600_000;

/** The ids and the facts the tests check against. */
export const SMALL = {
  start: '2021-03-01T09:00:00.000Z',
  /** The moment the views are computed for (`--at`). */
  asOf: '2021-04-01T00:00:00.000Z',
  stuck: 'asg_canned-meat-small',
  late: 'asg_late-open',
  onTime: 'asg_in-time',
  people: { clerk: 'per_ivanov', trader: 'per_petrov', verifier: 'per_sidorova', controller: 'per_tsiurupa', chair: 'per_chair' },
  units: { society: 'unit_consumers', trade: 'unit_foreign-trade', control: 'unit_control' },
  body: 'body_council',
  decision: 'dec_meat-purchase',
} as const;

/** Builds the small database at a new location (an SQLite file, or a PostgreSQL database it creates) and closes it. */
export async function buildSmallDatabase(location: string): Promise<void> {
  const clock = new ManualClock(Date.parse(SMALL.start));
  const store = await openStore({ location, mode: 'create' });
  const app = new Proverka({ store, clock, ids: randomIds });
  const { people: p, units: u } = SMALL;
  const run = async (actor: string, command: CommandInput, afterHours = 0): Promise<void> => {
    clock.advance(afterHours * HOUR);
    unwrap(await app.execute(actor, command));
  };
  try {
    await run('system', { type: 'unit.create', id: u.society, name: "Consumers' Society" });
    await run('system', { type: 'unit.create', id: u.trade, name: 'Foreign Trade Commissariat' });
    await run('system', { type: 'unit.create', id: u.control, name: 'Execution Control Office' });
    await run('system', { type: 'person.register', id: p.clerk, name: 'Ivan Ivanov', unitId: u.society });
    await run('system', { type: 'person.register', id: p.trader, name: 'Pyotr Petrov', unitId: u.trade });
    await run('system', { type: 'person.register', id: p.verifier, name: 'Anna Sidorova', unitId: u.control });
    await run('system', { type: 'person.register', id: p.controller, name: 'Alexander Tsiurupa', unitId: u.control });
    await run('system', { type: 'person.register', id: p.chair, name: 'The Chair', unitId: u.control });
    await run('system', { type: 'body.create', id: SMALL.body, name: 'Council of Labour and Defence', level: 1 });
    const deadline = (days: number): string => new Date(clock.now() + days * 24 * HOUR).toISOString();
    await run(p.chair, {
      type: 'decision.register',
      id: SMALL.decision,
      bodyId: SMALL.body,
      number: '17/1921',
      date: '2021-03-01',
      title: 'On the purchase of canned meat',
      assignments: [
        { id: SMALL.stuck, title: 'Buy the canned meat offered in port', definitionOfDone: 'contract signed and paid', deadline: deadline(7), ownerId: p.clerk, verifierId: p.verifier, controllerId: p.controller },
        { id: SMALL.late, title: 'Report on coal stocks', definitionOfDone: 'report filed', deadline: deadline(3), ownerId: p.trader, verifierId: p.verifier },
        { id: SMALL.onTime, title: 'Audit the commissions', definitionOfDone: 'list of commissions to close', deadline: '2031-01-01T00:00:00Z', ownerId: p.clerk, verifierId: p.verifier },
      ],
    });
    const a = SMALL.stuck;
    await run(p.clerk, { type: 'assignment.accept', assignmentId: a }, 2); // 11:00 day 0
    await run(p.clerk, { type: 'assignment.handover.offer', assignmentId: a, toId: p.trader, reason: 'foreign trade buys abroad' }, 22); // day 1 09:00
    await run(p.trader, { type: 'assignment.handover.refuse', assignmentId: a, reason: 'not our business: the society pays' }, 48); // day 3 09:00
    await run(p.clerk, { type: 'assignment.extension.request', assignmentId: a, deadline: '2021-03-20T09:00:00Z', reason: 'no money yet' }, 24); // day 4 09:00
    await run(p.controller, { type: 'assignment.extension.refuse', assignmentId: a, reason: 'the ship will not wait' }, 24); // day 5 09:00
    await run(p.controller, { type: 'assignment.escalate', assignmentId: a, toId: p.chair, reason: 'two agencies send each other to the devil' }, 96); // day 9 09:00 (overdue since day 7)
    await run(p.clerk, { type: 'assignment.handover.offer', assignmentId: a, toId: p.trader, reason: 'by order of the chair' }, 5); // day 9 14:00
    await run(p.trader, { type: 'assignment.handover.accept', assignmentId: a }, 3); // day 9 17:00
    await run(p.trader, { type: 'assignment.submit', assignmentId: a, evidence: [{ kind: 'figure', label: 'tins bought', value: 120000 }] }, 40); // day 11 09:00
    await run(p.verifier, { type: 'assignment.reject', assignmentId: a, reasons: ['no invoice attached'] }, 24); // day 12 09:00
    await run(p.trader, { type: 'assignment.submit', assignmentId: a, evidence: [{ kind: 'text', text: 'invoice 44, paid' }] }, 24); // day 13 09:00
    await run(p.verifier, { type: 'assignment.verify', assignmentId: a, note: 'meat unloaded' }, 24); // day 14 09:00
    await run(p.trader, { type: 'assignment.accept', assignmentId: SMALL.late }, 1);
  } finally {
    await app.close();
  }
}
