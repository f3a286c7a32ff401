/**
 * A populated record for the storage suites: the standard organisation and a handful of cases in
 * every state — verified after a handover, extended and escalated, transferred and rejected,
 * cancelled, untouched, a sub-assignment — plus post and committee changes; a calendar and a
 * ladder policy, whose steps the scheduler performs (notices, escalations, accountability
 * proposals, an item on a body's agenda), a returned and a stated agenda item; a case imported from
 * another system's log. All through commands.
 */
import { STANDARD_LADDER } from '../../src/domain/ladder/ladder-policy.js';
import { defaultHandlers } from '../../src/jobs/handlers.js';
import { SchedulerPass } from '../../src/jobs/scheduler.js';
import type { Store } from '../../src/store/port.js';
import { at, HOUR, issueCommand, makeWorld, ORG, run, setupOrganisation, START, type World } from './world.js';

/** The assignment ids of the scenario. */
export const CASES = ['asg_meat', 'asg_coal', 'asg_prices', 'asg_purge', 'asg_audit', 'asg_wagons'] as const;

/** Fills a store made by a back end; returns the world that wrote it (clock at +100h). */
export async function populate<S extends Store>(store: S, seed = 3): Promise<World<S>> {
  const w = makeWorld(store, { seed });
  const { people: p } = ORG;
  const to = (hours: number): void => w.clock.set(START + hours * HOUR);
  await setupOrganisation(w);
  to(1);
  await run(w, 'system', { type: 'person.grant-role', personId: p.secretary, role: 'secretary', scopeId: ORG.bodies.sto });
  await run(w, 'system', { type: 'person.grant-role', personId: p.auditor, role: 'controller', scopeId: ORG.units.trade });
  await run(w, 'system', { type: 'person.grant-role', personId: p.clerk, role: 'viewer', scopeId: ORG.units.coop });
  await run(w, 'system', { type: 'person.revoke-role', personId: p.clerk, role: 'viewer', scopeId: ORG.units.coop });
  await run(w, 'system', { type: 'calendar.define', id: 'cal_org', definition: { workingWeekdays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, holidays: ['2022-03-08'] } });
  await run(w, 'system', { type: 'ladder.define', id: 'lad_standard', name: 'Standard ladder', rules: { ...STANDARD_LADDER, reminders: [...STANDARD_LADDER.reminders] } });
  await run(w, p.secretary, issueCommand({ id: 'asg_meat', title: 'Buy the canned meat', deadline: at(48) }));
  await run(w, p.secretary, issueCommand({ id: 'asg_coal', title: 'Coal for the Donbass', ownerId: p.khinchuk, controllerId: p.auditor, deadline: at(72), domain: 'energy' }));
  await run(w, p.secretary, issueCommand({ id: 'asg_prices', title: 'Report on prices', ownerId: p.clerk, verifierId: p.auditor, coExecutorIds: [p.krasin, p.khinchuk], deadline: at(30) }));
  await run(w, p.secretary, issueCommand({ id: 'asg_purge', title: 'Purge the commissions', deadline: at(90) }));
  await run(w, p.secretary, issueCommand({ id: 'asg_audit', title: 'Mixed companies: 100% audit', ownerId: p.khinchuk, deadline: at(20), urgency: 'urgent' }));
  to(2);
  await run(w, p.krasin, { type: 'assignment.accept', assignmentId: 'asg_meat' });
  await run(w, p.khinchuk, { type: 'assignment.accept', assignmentId: 'asg_coal' });
  await run(w, p.clerk, { type: 'assignment.accept', assignmentId: 'asg_prices' });
  await run(w, p.secretary, { type: 'assignment.issue', id: 'asg_wagons', decisionId: ORG.decision, parentId: 'asg_coal', title: 'Wagons for the coal', definitionOfDone: '40 wagons', deadline: at(60), ownerId: p.clerk, verifierId: p.tsiurupa });
  to(5);
  await run(w, p.krasin, { type: 'assignment.handover.offer', assignmentId: 'asg_meat', toId: p.khinchuk, reason: 'the consumers buy food' });
  await run(w, p.khinchuk, { type: 'assignment.extension.request', assignmentId: 'asg_coal', deadline: at(120), reason: 'the mines are flooded' });
  await run(w, p.clerk, { type: 'assignment.transfer.request', assignmentId: 'asg_prices', toId: p.secretary, reason: 'the secretariat keeps prices' });
  to(8);
  await run(w, p.khinchuk, { type: 'assignment.handover.accept', assignmentId: 'asg_meat' });
  await run(w, p.auditor, { type: 'assignment.extension.grant', assignmentId: 'asg_coal' });
  await run(w, p.secretary, { type: 'assignment.transfer.accept', assignmentId: 'asg_prices' });
  await run(w, p.secretary, { type: 'assignment.cancel', assignmentId: 'asg_purge', reason: 'superseded' });
  to(20);
  await run(w, p.khinchuk, { type: 'assignment.submit', assignmentId: 'asg_meat', evidence: [{ kind: 'document', name: 'invoice.pdf', sha256: 'b'.repeat(64), size: 2048 }, { kind: 'figure', label: 'tonnes', value: 12.5, unit: 't' }] });
  await run(w, p.secretary, { type: 'assignment.submit', assignmentId: 'asg_prices', evidence: [{ kind: 'link', url: 'https://example.org/prices' }], note: 'see the table' });
  to(24);
  await run(w, p.tsiurupa, { type: 'assignment.verify', assignmentId: 'asg_meat' });
  await run(w, p.auditor, { type: 'assignment.reject', assignmentId: 'asg_prices', reasons: ['prices of March are missing'] });
  await run(w, p.khinchuk, { type: 'assignment.escalate', assignmentId: 'asg_coal', toId: ORG.bodies.sto, reason: 'no wagons' });
  to(30);
  await run(w, 'system', { type: 'post.create', id: 'post_buyer', unitId: ORG.units.trade, title: 'Buyer', domain: 'supply', holderId: p.clerk });
  await run(w, 'system', { type: 'post.appoint', postId: 'post_trade-head', personId: p.krasin });
  await run(w, 'system', { type: 'post.vacate', postId: 'post_buyer' });
  await run(w, 'system', { type: 'committee.dissolve', committeeId: ORG.committee, reason: 'produced nothing' });
  to(100);
  // The ladder: every step due by now, performed by the scheduler as it would be in production.
  await new SchedulerPass({ app: w.app, clock: w.clock, handlers: defaultHandlers(), worker: 'populate' }).drain();
  const [byLadder] = await store.fresh.streams('agenda', { limit: 1 });
  if (byLadder !== undefined) await run(w, p.secretary, { type: 'agenda.return', itemId: byLadder.id, toUnitId: ORG.units.coop, reason: 'a detail for the competent level' });
  const [proposal] = await store.fresh.streams('accountability', { limit: 1 });
  if (proposal !== undefined) await run(w, p.tsiurupa, { type: 'accountability.decide', proposalId: proposal.id, verdict: 'accepted', reason: 'the deadline was known' });
  await run(w, p.secretary, {
    type: 'agenda.submit',
    id: 'agd_wagons',
    bodyId: ORG.bodies.council,
    question: 'Who pays for the wagons?',
    options: ['the trust', 'the commissariat'],
    documents: [{ kind: 'document', name: 'estimate.pdf', sha256: 'c'.repeat(64) }],
    alreadyTried: [{ partyId: ORG.units.trade, did: 'asked the trust twice' }],
  });
  // A case imported from another system's log (issue #7): its own kind of stream, one event.
  await run(w, 'system', {
    type: 'trace.import',
    id: 'trc_grain-1921',
    importId: 'imp-1922-03-10-narkomprod',
    source: 'narkomprod-grain.xes',
    format: 'xes',
    name: 'grain 1921/7',
    attributes: { region: 'Volga' },
    events: [
      { activity: 'requisition ordered', at: '1921-08-01T09:00:00.000Z', lifecycle: 'complete', resource: 'Narkomprod', group: 'supply', attributes: { poods: '12000' } },
      { activity: 'grain delivered', at: null, lifecycle: null, resource: null, group: null },
    ],
  });
  return w;
}
