/**
 * `proverka simulate` on the small demo (and, for the measure, 90 days of the large one), on each back end: 90 days on a copy of the demo, and the
 * figures it prints are checked against the record it wrote — the ladder reminded and escalated to
 * both levels, every item on the top body's agenda arrived by the ladder (its case escalated to
 * that body at level 2) or with a full statement, the secretary sent a share back, the simulated
 * people's commands were all accepted, and the record still verifies. The same seed on another
 * fresh copy gives the same figures; the text output says the same as the JSON. Bad input (a bad
 * --days, a missing database) is refused in one line, with nothing written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulationReport } from '../../src/cli/simulation/run-simulation.js';
import type { AgendaItemState } from '../../src/domain/agenda/agenda-item.js';
import { openStore } from '../../src/store/open-store.js';
import type { RecordedEvent } from '../../src/store/record.js';
import { backends } from '../support/backends.js';
import { cliBackend } from './databases.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli, type CliRun } from './run-cli.js';

/** The back ends under test, each used once here at the top level: the SQLite one registers the removal of its folder on first use, which runs after this file only if registered here. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

/** What the record says after the simulation, read behind the command's back. */
interface RecordFacts {
  readonly events: RecordedEvent[];
  readonly agenda: { readonly id: string; readonly state: AgendaItemState }[];
}

async function readRecord(location: string): Promise<RecordFacts> {
  const store = await openStore({ location, mode: 'open' });
  try {
    const events: RecordedEvent[] = [];
    for (let after = 0; ; ) {
      const page = await store.reads.eventsAfter(after, 5000);
      events.push(...page);
      const last = page[page.length - 1];
      if (last === undefined) break;
      after = last.position;
    }
    const agenda = (await store.reads.streams('agenda', { limit: 1000 })).map((s) => ({ id: s.id, state: s.state as AgendaItemState }));
    return { events, agenda };
  } finally {
    await store.close();
  }
}

function report(run: CliRun): SimulationReport {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as SimulationReport;
}


for (const backend of BACKENDS) {
  const cli = cliBackend(backend);

  describe(`[${backend.name}] proverka simulate (the small demo; the large one for the issue's measure)`, () => {
    let demo: string;
    let before: RecordFacts;

    beforeAll(async () => {
      demo = cli.newLocation();
      const built = await runCli(['demo', '--db', demo, '--size', 'small', '--seed', '7']);
      expect(built.code, built.stderr).toBe(0);
      before = await readRecord(demo);
    }, 600_000);

    it('the demo sets up the ladder: two calendars, the standard and a stricter policy with the body step to the council, and a secretary of the council; nothing on any agenda yet', () => {
      const types = before.events.map((e) => e.type);
      expect(types.filter((t) => t === 'calendar.defined')).toHaveLength(2);
      const policies = before.events.filter((e) => e.type === 'ladder-policy.defined').map((e) => e.payload as { scope: { unitId: string | null }; rules: { body: { bodyId: string } } });
      expect(policies.map((p) => p.scope.unitId === null)).toEqual([true, false]);
      const council = before.events.find((e) => e.type === 'body.created' && (e.payload as { name: string }).name === 'Northbridge City Council')?.streamId;
      expect(policies.map((p) => p.rules.body.bodyId)).toEqual([council, council]);
      expect(before.events.some((e) => e.type === 'person.role-granted' && JSON.stringify(e.payload).includes(`"${council}"`))).toBe(true);
      expect(before.agenda).toEqual([]);
    });

    it('90 days: the figures printed are those of the record, every agenda item arrived by the ladder or with a full statement, a share went back, the record verifies; the same seed on a fresh copy gives the same figures', async () => {
      const [a, b] = await Promise.all([cli.copy(demo), cli.copy(demo)]);
      const [runA, runB] = await Promise.all([runCli(['simulate', '--db', a, '--days', '90', '--json']), runCli(['simulate', '--db', b, '--days', '90', '--json'])]);
      const r = report(runA);
      expect(report(runB)).toEqual(r);

      // The period starts at the demo's last event (the checkpoint closing its six months) and lasts 90 days of 1-hour steps.
      expect(r.period).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2027-01-30T00:00:00.000Z', days: 90, stepHours: 1, steps: 2160, seed: 1 });

      // The ladder reminded and escalated to both levels, and the figures are the record's.
      const after = await readRecord(a);
      const period = after.events.slice(before.events.length);
      const reminded = period.filter((e) => e.type === 'assignment.reminded').map((e) => (e.payload as { step: string }).step);
      const escalated = period.filter((e) => e.type === 'assignment.escalated').map((e) => e.payload as { level: number; to: string; stepKey?: string });
      expect(r.ladder.reminders).toBeGreaterThan(0);
      expect(r.ladder.reminders).toBe(reminded.filter((s) => s.startsWith('reminder:')).length);
      expect(r.ladder.controllerNotices).toBe(reminded.filter((s) => s === 'controller-told').length);
      expect(r.ladder.escalations['1']).toBeGreaterThan(0);
      expect(r.ladder.escalations['2']).toBeGreaterThan(0);
      expect(r.ladder.escalations['1']).toBe(escalated.filter((e) => e.level === 1 && e.stepKey !== undefined).length);
      expect(r.ladder.escalations['2']).toBe(escalated.filter((e) => e.level === 2 && e.stepKey !== undefined).length);
      expect(r.accountability.proposed).toBe(period.filter((e) => e.type === 'accountability.proposed').length);
      expect(r.accountability.decided).toBe(period.filter((e) => e.type === 'accountability.decided').length);

      // Every item on the top body's agenda arrived by the ladder — its case escalated to that body at level 2 — or with a full statement.
      const top = r.topBody?.id;
      expect(top).toBeDefined();
      const items = after.agenda.filter((i) => i.state.bodyId === top);
      expect(r.agenda?.items).toBe(items.length);
      expect(items.length).toBeGreaterThan(0);
      const reachedTop = new Set(
        after.events.filter((e) => e.type === 'assignment.escalated' && (e.payload as { to: string; level: number }).to === top && (e.payload as { level: number }).level >= 2).map((e) => e.streamId),
      );
      const byLadder = items.filter((i) => i.state.route.kind === 'ladder' && i.state.route.escalationLevel >= 2 && reachedTop.has(i.state.route.assignmentId));
      const withStatement = items.filter(
        (i) => i.state.route.kind === 'statement' && i.state.route.options.length >= 2 && i.state.route.documents.some((d) => d.kind === 'document') && i.state.route.alreadyTried.length > 0,
      );
      expect(r.agenda?.neither).toBe(0);
      expect(r.agenda?.byLadder).toBe(byLadder.length);
      expect(r.agenda?.withStatement).toBe(withStatement.length);
      expect(byLadder.length + withStatement.length).toBe(items.length);
      expect((r.agenda?.byLadder ?? 0) + (r.agenda?.withStatement ?? 0)).toBe(r.agenda?.items);

      // The secretary sent detail questions back to the competent unit.
      const returned = items.filter((i) => i.state.returns > 0).length;
      expect(returned).toBeGreaterThan(0);
      expect(r.agenda?.returned).toBe(returned);
      expect(r.agenda?.returnedShare).toBeCloseTo(returned / items.length, 10);
      // Sessions were held every week the organisation worked on Tuesday; each decided item was scheduled for one of them.
      expect(r.agenda?.perSession.length).toBeGreaterThanOrEqual(12);
      expect(r.agenda?.perSession.reduce((s, x) => s + x.items, 0)).toBe(items.filter((i) => i.state.status === 'decided' || i.state.status === 'scheduled').length);
      expect(r.agenda?.timeOnAgenda.stays).toBeGreaterThan(0);

      // The simulated people acted as themselves and the rules accepted every command; the scheduler's work is all done.
      expect(Object.values(r.people.commands).reduce((s, n) => s + n, 0)).toBeGreaterThan(0);
      expect(r.people.refused).toEqual({});
      expect(period.filter((e) => e.type.startsWith('assignment.') && e.type !== 'assignment.reminded' && e.type !== 'assignment.escalated').every((e) => e.actor.startsWith('per_'))).toBe(true);
      expect(r.jobs.due).toBe(0);
      expect(r.scheduler.failed).toBe(0);

      const verify = await runCli(['verify', '--db', a]);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/^intact: /);

      // `proverka case` shows what the ladder did to a case: its notices and its escalations by step.
      const laddered = period.find((e) => e.type === 'assignment.escalated' && (e.payload as { stepKey?: string }).stepKey !== undefined)?.streamId as string;
      const shown = await runCli(['case', laddered, '--db', a]);
      expect(shown.code, shown.stderr).toBe(0);
      const section = shown.stdout.slice(shown.stdout.indexOf("ESCALATIONS AND THE LADDER'S NOTICES"), shown.stdout.indexOf('REJECTIONS'));
      const ofCase = period.filter((e) => e.streamId === laddered && (e.type === 'assignment.reminded' || e.type === 'assignment.escalated'));
      expect(section.split('\n').filter((l) => /^ {2}\d{4}-/.test(l))).toHaveLength(ofCase.length);
      expect(section).toMatch(/level 1: system raised it to /);
    }, 120_000);

    it('prints the same figures as text', async () => {
      const [db, other] = await Promise.all([cli.copy(demo), cli.copy(demo)]);
      const [text, json] = await Promise.all([runCli(['simulate', '--db', db, '--days', '30', '--step-hours', '6', '--seed', '3']), runCli(['simulate', '--db', other, '--days', '30', '--step-hours', '6', '--seed', '3', '--json'])]);
      expect(text.code, text.stderr).toBe(0);
      const r = report(json);
      const out = text.stdout;
      expect(out).toMatch(/^simulated 30 days on .*: 2026-11-01 00:00 → 2026-12-01 00:00 \(6-hour steps, seed 3\)\n/);
      expect(out).toMatch(new RegExp(`^ {2}reminders +${r.ladder.reminders}$`, 'm'));
      expect(out).toMatch(new RegExp(`^ {2}escalations, level 1 \\(superior\\) +${r.ladder.escalations['1'] ?? 0}$`, 'm'));
      expect(out).toMatch(new RegExp(`^ {2}escalations, level 2 \\(body\\) +${r.ladder.escalations['2'] ?? 0}$`, 'm'));
      expect(out).toMatch(new RegExp(`^ {2}items +${r.agenda?.items}$`, 'm'));
      expect(out).toMatch(/^ {4}arrived by neither +0$/m);
      expect(out).toMatch(/^ {2}returned to the competent unit +\d+ \((\d+\.\d%|-)\)$/m);
      expect(out).toMatch(/^ {2}job index +due \d+, leased \d+, scheduled \d+, done \d+$/m);
      // Progress went to stderr, nothing else.
      expect(text.errLines.every((l) => l.startsWith('simulating 30 days'))).toBe(true);
    }, 120_000);

    it('the large demo, 90 days (the issue\'s measure): every item on the top body\'s agenda arrived by the ladder or with a full statement; escalations per level, share returned and body load print', async () => {
      const large = cli.newLocation();
      const built = await runCli(['demo', '--db', large, '--size', 'large', '--seed', '1']);
      expect(built.code, built.stderr).toBe(0);
      const text = await runCli(['simulate', '--db', large, '--days', '90']);
      expect(text.code, text.stderr).toBe(0);
      const out = text.stdout;
      const figure = (label: string): number => Number(/^ +\S.*? {2,}([\d,]+)/.exec(out.split('\n').find((l) => l.trimStart().startsWith(label)) ?? '')?.[1]?.replaceAll(',', '') ?? NaN);
      console.log(`[${backend.name}] proverka simulate --days 90 on the large demo:\n${out}`);
      const items = figure('items');
      expect(items).toBeGreaterThan(0);
      expect(figure('arrived by the ladder') + figure('arrived with a full statement')).toBe(items);
      expect(figure('arrived by neither')).toBe(0);
      expect(figure('escalations, level 1 (superior)')).toBeGreaterThan(0);
      expect(figure('escalations, level 2 (body)')).toBeGreaterThan(0);
      expect(figure('returned to the competent unit')).toBeGreaterThan(0);
      expect(out).toMatch(/^ {2}time on the agenda +mean [\d.]+ h, median [\d.]+ h/m);
      expect(out).toMatch(/^ {2}items per session +\d{4}-\d{2}-\d{2}: \d+/m);
      const verify = await runCli(['verify', '--db', large]);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    }, 300_000);

    it('refuses bad input in one line, exit 2, the database untouched', async () => {
      const snapshot = await cli.snapshot(demo);
      const bad = await Promise.all([
        runCli(['simulate', '--db', demo, '--days', '0']),
        runCli(['simulate', '--db', demo, '--days', '3651']),
        runCli(['simulate', '--db', demo, '--days', '-5']),
        runCli(['simulate', '--db', demo, '--days', 'ninety']),
        runCli(['simulate', '--db', demo, '--days', '2.5']),
      ]);
      for (const run of bad) expectOneErrorLine(run, /--days.*(out of range|not a whole number) \(expected 1–3650\)/);
      expectOneErrorLine(await runCli(['simulate', '--db', demo]), /required option '--days <n>' not specified/);
      expectOneErrorLine(await runCli(['simulate', '--db', demo, '--days', '10', '--step-hours', '0']), /--step-hours.*out of range/);
      expect(await cli.snapshot(demo)).toEqual(snapshot);
      const missing = cli.newLocation();
      expectOneErrorLine(await runCli(['simulate', '--db', missing, '--days', '90']), /no (database|such database|PostgreSQL database)|does not exist/);
      expect(await cli.exists(missing)).toBe(false);
    }, 120_000);
  });
}
