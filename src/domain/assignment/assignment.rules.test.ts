/**
 * Every invariant of the assignment rules (F1–F3), each refused with its stable code and, where
 * there is one, the nearest allowed case beside it; then the lifecycle as the state sees it — the
 * happy paths, rework after a rejection, handovers, transfers, extensions, cancellation and
 * reopening, and who holds the case after each step. Pure: fixed instants, no database.
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../event.js';
import { evolve } from '../streams.js';
import type { AssignmentEvent } from './assignment.events.js';
import * as rules from './assignment.rules.js';
import type { CommandContext, Decision } from './assignment.rules.js';
import { attributedHolder, currentHolding, evolveAssignment, isOpen, type AssignmentState } from './assignment.state.js';
import type { PartyRef } from '../ids.js';
import type { Result } from '../result.js';
import type { Evidence } from './evidence.js';
import { Case, ctx, DEADLINE, h, issueInput, P } from '../../../test/support/assignment-case.js';

// ---------------------------------------------------------------- fixtures

/** Parties that are not people. */
const NOT_PEOPLE = {
  unit: { id: 'unit_a', kind: 'unit' } as PartyRef,
  committee: { id: 'cmt_purchase', kind: 'committee' } as PartyRef,
  body: { id: 'body_top', kind: 'body' } as PartyRef,
};

/** The code of a refused result, or undefined when it passed. */
function codeOf(r: Result<unknown, { readonly code: string }>): string | undefined {
  return r.ok ? undefined : r.error.code;
}

/** The event types of a decided result (empty when refused). */
function typesOf(d: Decision): string[] {
  return d.ok ? d.value.map((e) => e.type) : [];
}

// ---------------------------------------------------------------- rules

const TEXT: Evidence[] = [{ kind: 'text', text: 'delivered, see the warehouse receipt' }];
const submitWith =
  (evidence: readonly Evidence[] = TEXT) =>
  (s: AssignmentState, c: CommandContext): Decision =>
    rules.submit(s, { evidence }, c);

/** Issued at T0, accepted by the owner at +1h. */
function inProgress(): Case {
  return Case.issue().do(P.owner, 1, rules.accept);
}
/** … submitted by the owner at +2h. */
function submitted(): Case {
  return inProgress().do(P.owner, 2, submitWith());
}
/** … verified at +3h. */
function verified(): Case {
  return submitted().do(P.verifier, 3, (s, c) => rules.verify(s, {}, c));
}

describe('issue (F1, F2)', () => {
  const at = ctx(P.issuer, h(0));

  it('issues a well-formed assignment with one owner, one verifier and the units of every party', () => {
    const d = rules.issue(issueInput({ title: '  Buy the canned meat ', coExecutors: [P.co, P.co] }), at);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value).toHaveLength(1);
    const [e] = d.value;
    expect(e?.type).toBe('assignment.issued');
    if (e?.type !== 'assignment.issued') return;
    expect(e.payload).toEqual({
      decisionId: 'dec_1',
      parentId: null,
      title: 'Buy the canned meat',
      definitionOfDone: 'The meat is in the warehouse and paid for',
      domain: 'supply',
      deadline: DEADLINE,
      urgency: 'urgent',
      issuerId: 'per_issuer',
      ownerId: 'per_owner',
      verifierId: 'per_verifier',
      controllerId: 'per_controller',
      coExecutorIds: ['per_co'],
      units: { per_issuer: 'unit_sec', per_owner: 'unit_a', per_verifier: 'unit_ctrl', per_controller: 'unit_ctrl', per_co: 'unit_b' },
    });
  });

  it('issues without a controller and without co-executors', () => {
    const d = rules.issue(issueInput({ controller: null, coExecutors: [] }), at);
    expect(typesOf(d)).toEqual(['assignment.issued']);
    if (d.ok && d.value[0]?.type === 'assignment.issued') expect(d.value[0].payload.controllerId).toBeNull();
  });

  it('normalises a deadline given with a zone offset to canonical UTC', () => {
    const d = rules.issue(issueInput({ deadline: '2022-03-05T12:00+03:00' }), at);
    expect(d.ok && d.value[0]?.type === 'assignment.issued' ? d.value[0].payload.deadline : undefined).toBe('2022-03-05T09:00:00.000Z');
  });

  it('TITLE_REQUIRED: an empty or blank title', () => {
    expect(codeOf(rules.issue(issueInput({ title: '' }), at))).toBe('TITLE_REQUIRED');
    expect(codeOf(rules.issue(issueInput({ title: ' \t ' }), at))).toBe('TITLE_REQUIRED');
  });

  it('DEFINITION_OF_DONE_REQUIRED: no definition of done', () => {
    expect(codeOf(rules.issue(issueInput({ definitionOfDone: '' }), at))).toBe('DEFINITION_OF_DONE_REQUIRED');
    expect(codeOf(rules.issue(issueInput({ definitionOfDone: '   ' }), at))).toBe('DEFINITION_OF_DONE_REQUIRED');
  });

  it('DEADLINE_REQUIRED: no deadline, or a blank one', () => {
    expect(codeOf(rules.issue(issueInput({ deadline: undefined }), at))).toBe('DEADLINE_REQUIRED');
    expect(codeOf(rules.issue(issueInput({ deadline: '  ' }), at))).toBe('DEADLINE_REQUIRED');
  });

  it('DEADLINE_INVALID: text that is not an ISO-8601 date-time with a zone', () => {
    for (const deadline of ['next Friday', '2022-03-05', '2022-03-05T10:00', '05/03/2022 10:00Z', '2022-13-01T10:00:00Z']) {
      expect(codeOf(rules.issue(issueInput({ deadline }), at)), deadline).toBe('DEADLINE_INVALID');
    }
  });

  it('DEADLINE_INVALID: a calendar day that does not exist (30 February, 31 April)', () => {
    expect(codeOf(rules.issue(issueInput({ deadline: '2022-02-30T10:00:00Z' }), ctx(P.issuer, '2022-01-01T00:00:00.000Z')))).toBe('DEADLINE_INVALID');
    expect(codeOf(rules.issue(issueInput({ deadline: '2022-04-31T10:00:00Z' }), ctx(P.issuer, '2022-01-01T00:00:00.000Z')))).toBe('DEADLINE_INVALID');
  });

  it('DEADLINE_BEFORE_ISSUE: a deadline at or before the moment of issue; one millisecond later is allowed', () => {
    expect(codeOf(rules.issue(issueInput({ deadline: h(0) }), at))).toBe('DEADLINE_BEFORE_ISSUE');
    expect(codeOf(rules.issue(issueInput({ deadline: h(-24) }), at))).toBe('DEADLINE_BEFORE_ISSUE');
    expect(typesOf(rules.issue(issueInput({ deadline: h(1 / 3_600_000) }), at))).toEqual(['assignment.issued']);
  });

  it('OWNER_REQUIRED: no owner', () => {
    expect(codeOf(rules.issue(issueInput({ owner: undefined }), at))).toBe('OWNER_REQUIRED');
  });

  it('OWNER_NOT_A_PERSON: a unit, a committee or a body as owner', () => {
    expect(codeOf(rules.issue(issueInput({ owner: NOT_PEOPLE.unit }), at))).toBe('OWNER_NOT_A_PERSON');
    expect(codeOf(rules.issue(issueInput({ owner: NOT_PEOPLE.committee }), at))).toBe('OWNER_NOT_A_PERSON');
    expect(codeOf(rules.issue(issueInput({ owner: NOT_PEOPLE.body }), at))).toBe('OWNER_NOT_A_PERSON');
  });

  it('VERIFIER_REQUIRED: no verifier', () => {
    expect(codeOf(rules.issue(issueInput({ verifier: undefined }), at))).toBe('VERIFIER_REQUIRED');
  });

  it('VERIFIER_NOT_A_PERSON: a unit or a committee as verifier', () => {
    expect(codeOf(rules.issue(issueInput({ verifier: NOT_PEOPLE.unit }), at))).toBe('VERIFIER_NOT_A_PERSON');
    expect(codeOf(rules.issue(issueInput({ verifier: NOT_PEOPLE.committee }), at))).toBe('VERIFIER_NOT_A_PERSON');
  });

  it('PARTY_NOT_A_PERSON: a controller, co-executor or issuer that is not a person', () => {
    expect(codeOf(rules.issue(issueInput({ controller: NOT_PEOPLE.unit }), at))).toBe('PARTY_NOT_A_PERSON');
    expect(codeOf(rules.issue(issueInput({ coExecutors: [P.other, NOT_PEOPLE.committee] }), at))).toBe('PARTY_NOT_A_PERSON');
    expect(codeOf(rules.issue(issueInput({ issuer: NOT_PEOPLE.body }), at))).toBe('PARTY_NOT_A_PERSON');
  });

  it('VERIFIER_IS_OWNER: the owner named as verifier', () => {
    expect(codeOf(rules.issue(issueInput({ verifier: P.owner }), at))).toBe('VERIFIER_IS_OWNER');
  });

  it('CO_EXECUTOR_IS_OWNER: the owner named among the co-executors', () => {
    expect(codeOf(rules.issue(issueInput({ coExecutors: [P.co, P.owner] }), at))).toBe('CO_EXECUTOR_IS_OWNER');
  });

  it('VERIFIER_IS_CO_EXECUTOR: the verifier named among the co-executors', () => {
    expect(codeOf(rules.issue(issueInput({ coExecutors: [P.verifier] }), at))).toBe('VERIFIER_IS_CO_EXECUTOR');
  });

  it('the issuer may also be the verifier (no rule forbids it)', () => {
    expect(typesOf(rules.issue(issueInput({ verifier: P.issuer }), at))).toEqual(['assignment.issued']);
  });

  describe('sub-assignments', () => {
    it('a sub-assignment of an open parent of the same decision, due no later than the parent, is allowed', () => {
      const parent = Case.issue();
      const d = rules.issue(issueInput({ parent: { id: 'asg_parent', state: parent.state }, deadline: DEADLINE }), ctx(P.issuer, h(1)));
      expect(typesOf(d)).toEqual(['assignment.issued']);
      if (d.ok && d.value[0]?.type === 'assignment.issued') expect(d.value[0].payload.parentId).toBe('asg_parent');
    });

    it('PARENT_CLOSED: the parent is verified, or cancelled', () => {
      const v = verified();
      expect(codeOf(rules.issue(issueInput({ parent: { id: 'asg_parent', state: v.state } }), ctx(P.issuer, h(4))))).toBe('PARENT_CLOSED');
      const c = Case.issue().do(P.issuer, 1, (s, x) => rules.cancel(s, { reason: 'no longer needed' }, x));
      expect(codeOf(rules.issue(issueInput({ parent: { id: 'asg_parent', state: c.state } }), ctx(P.issuer, h(2))))).toBe('PARENT_CLOSED');
    });

    it('PARENT_OF_OTHER_DECISION: the parent belongs to another decision', () => {
      const parent = Case.issue({ decisionId: 'dec_2' });
      expect(codeOf(rules.issue(issueInput({ parent: { id: 'asg_parent', state: parent.state } }), ctx(P.issuer, h(1))))).toBe('PARENT_OF_OTHER_DECISION');
    });

    it('SUB_DEADLINE_AFTER_PARENT: due after the parent', () => {
      const parent = Case.issue();
      expect(codeOf(rules.issue(issueInput({ parent: { id: 'asg_parent', state: parent.state }, deadline: h(101) }), ctx(P.issuer, h(1))))).toBe(
        'SUB_DEADLINE_AFTER_PARENT',
      );
    });
  });

  it('reports the first failure in the documented order', () => {
    expect(codeOf(rules.issue(issueInput({ title: '', owner: undefined, verifier: undefined }), at))).toBe('TITLE_REQUIRED');
    expect(codeOf(rules.issue(issueInput({ deadline: 'soon', owner: undefined }), at))).toBe('DEADLINE_INVALID');
    expect(codeOf(rules.issue(issueInput({ owner: NOT_PEOPLE.unit, verifier: NOT_PEOPLE.unit }), at))).toBe('OWNER_NOT_A_PERSON');
  });
});

describe('accept', () => {
  it('the owner accepts an issued assignment', () => {
    expect(typesOf(Case.issue().try(P.owner, 1, rules.accept))).toEqual(['assignment.accepted']);
  });
  it('NOT_THE_OWNER: anyone else, the issuer included', () => {
    expect(codeOf(Case.issue().try(P.issuer, 1, rules.accept))).toBe('NOT_THE_OWNER');
    expect(codeOf(Case.issue().try(P.co, 1, rules.accept))).toBe('NOT_THE_OWNER');
  });
  it('INVALID_TRANSITION: accepting twice', () => {
    expect(codeOf(inProgress().try(P.owner, 2, rules.accept))).toBe('INVALID_TRANSITION');
  });
  it('REQUEST_PENDING: accepting while an extension request waits', () => {
    const c = Case.issue().do(P.owner, 1, (s, x) => rules.requestExtension(s, { deadline: h(200), reason: 'supplier late' }, x));
    expect(codeOf(c.try(P.owner, 2, rules.accept))).toBe('REQUEST_PENDING');
  });
});

describe('handover (F4)', () => {
  const offer = (to = P.other, reason = 'their unit buys abroad') => (s: AssignmentState, c: CommandContext) => rules.offerHandover(s, { to, reason }, c);
  const refuse = (reason = 'not ours') => (s: AssignmentState, c: CommandContext) => rules.refuseHandover(s, { reason }, c);

  it('the holder offers the case to another person, with a reason', () => {
    const d = inProgress().try(P.owner, 2, offer());
    expect(d.ok && d.value).toEqual([{ type: 'assignment.handover-offered', payload: { to: 'per_other', toUnit: 'unit_b', reason: 'their unit buys abroad' } }]);
  });
  it('NOT_THE_HOLDER: someone who does not hold the case offers it', () => {
    expect(codeOf(inProgress().try(P.co, 2, offer(P.other)))).toBe('NOT_THE_HOLDER');
    expect(codeOf(inProgress().try(P.issuer, 2, offer(P.other)))).toBe('NOT_THE_HOLDER');
  });
  it('REASON_REQUIRED: an offer without a reason', () => {
    expect(codeOf(inProgress().try(P.owner, 2, offer(P.other, '  ')))).toBe('REASON_REQUIRED');
  });
  it('HANDOVER_TO_SELF: offering the case to its holder', () => {
    expect(codeOf(inProgress().try(P.owner, 2, offer(P.owner)))).toBe('HANDOVER_TO_SELF');
  });
  it('VERIFIER_CANNOT_HOLD: offering the case to its verifier', () => {
    expect(codeOf(inProgress().try(P.owner, 2, offer(P.verifier)))).toBe('VERIFIER_CANNOT_HOLD');
  });
  it('PARTY_NOT_A_PERSON: offering the case to a unit or a committee', () => {
    expect(codeOf(inProgress().try(P.owner, 2, offer(NOT_PEOPLE.unit)))).toBe('PARTY_NOT_A_PERSON');
    expect(codeOf(inProgress().try(P.owner, 2, offer(NOT_PEOPLE.committee)))).toBe('PARTY_NOT_A_PERSON');
  });
  it('INVALID_TRANSITION: a handover before the owner accepted, or after submission', () => {
    expect(codeOf(Case.issue().try(P.owner, 1, offer()))).toBe('INVALID_TRANSITION');
    expect(codeOf(submitted().try(P.owner, 3, offer()))).toBe('INVALID_TRANSITION');
  });
  it('REQUEST_PENDING: a second offer while the first waits', () => {
    expect(codeOf(inProgress().do(P.owner, 2, offer()).try(P.owner, 3, offer(P.third)))).toBe('REQUEST_PENDING');
  });
  it('NOT_THE_RECIPIENT: the sender or a third person answers the offer', () => {
    const c = inProgress().do(P.owner, 2, offer());
    expect(codeOf(c.try(P.owner, 3, rules.acceptHandover))).toBe('NOT_THE_RECIPIENT');
    expect(codeOf(c.try(P.third, 3, rules.acceptHandover))).toBe('NOT_THE_RECIPIENT');
    expect(codeOf(c.try(P.owner, 3, refuse()))).toBe('NOT_THE_RECIPIENT');
    expect(codeOf(c.try(P.issuer, 3, refuse()))).toBe('NOT_THE_RECIPIENT');
  });
  it('REASON_REQUIRED: a refusal without a reason', () => {
    expect(codeOf(inProgress().do(P.owner, 2, offer()).try(P.other, 3, refuse('')))).toBe('REASON_REQUIRED');
  });
  it('INVALID_TRANSITION: answering a handover when none waits', () => {
    expect(codeOf(inProgress().try(P.other, 2, rules.acceptHandover))).toBe('INVALID_TRANSITION');
    expect(codeOf(inProgress().try(P.other, 2, refuse()))).toBe('INVALID_TRANSITION');
    // a waiting transfer is not a handover
    const t = inProgress().do(P.owner, 2, (s, x) => rules.requestTransfer(s, { to: P.other, reason: 'r' }, x));
    expect(codeOf(t.try(P.other, 3, rules.acceptHandover))).toBe('INVALID_TRANSITION');
  });
});

describe('transfer of ownership (F2)', () => {
  const request = (to = P.other, reason = 'the trade commissariat owns purchases') => (s: AssignmentState, c: CommandContext) =>
    rules.requestTransfer(s, { to, reason }, c);

  it('the owner, the issuer or the controller requests a transfer', () => {
    for (const who of [P.owner, P.issuer, P.controller]) {
      const d = inProgress().try(who, 2, request());
      expect(d.ok && d.value, who.id).toEqual([{ type: 'assignment.transfer-requested', payload: { to: 'per_other', toUnit: 'unit_b', reason: 'the trade commissariat owns purchases' } }]);
    }
    expect(typesOf(Case.issue().try(P.owner, 1, request()))).toEqual(['assignment.transfer-requested']);
  });
  it('NOT_PERMITTED: a co-executor, the verifier or an outsider requests a transfer', () => {
    expect(codeOf(inProgress().try(P.co, 2, request()))).toBe('NOT_PERMITTED');
    expect(codeOf(inProgress().try(P.verifier, 2, request()))).toBe('NOT_PERMITTED');
    expect(codeOf(inProgress().try(P.third, 2, request()))).toBe('NOT_PERMITTED');
  });
  it('REASON_REQUIRED: a transfer without a reason', () => {
    expect(codeOf(inProgress().try(P.owner, 2, request(P.other, '')))).toBe('REASON_REQUIRED');
  });
  it('OWNER_NOT_A_PERSON: a unit or a committee as the new owner', () => {
    expect(codeOf(inProgress().try(P.owner, 2, request(NOT_PEOPLE.unit)))).toBe('OWNER_NOT_A_PERSON');
    expect(codeOf(inProgress().try(P.owner, 2, request(NOT_PEOPLE.committee)))).toBe('OWNER_NOT_A_PERSON');
  });
  it('TRANSFER_TO_SELF: transferring to the current owner', () => {
    expect(codeOf(inProgress().try(P.issuer, 2, request(P.owner)))).toBe('TRANSFER_TO_SELF');
  });
  it('VERIFIER_IS_OWNER: transferring to the verifier', () => {
    expect(codeOf(inProgress().try(P.owner, 2, request(P.verifier)))).toBe('VERIFIER_IS_OWNER');
  });
  it('CO_EXECUTOR_IS_OWNER: transferring to a co-executor', () => {
    expect(codeOf(inProgress().try(P.owner, 2, request(P.co)))).toBe('CO_EXECUTOR_IS_OWNER');
  });
  it('INVALID_TRANSITION: transferring submitted, verified or cancelled work', () => {
    expect(codeOf(submitted().try(P.owner, 3, request()))).toBe('INVALID_TRANSITION');
    expect(codeOf(verified().try(P.issuer, 4, request()))).toBe('INVALID_TRANSITION');
  });
  it('REQUEST_PENDING: a transfer while a handover waits', () => {
    const c = inProgress().do(P.owner, 2, (s, x) => rules.offerHandover(s, { to: P.third, reason: 'r' }, x));
    expect(codeOf(c.try(P.owner, 3, request()))).toBe('REQUEST_PENDING');
  });
  it('NOT_THE_RECIPIENT: anyone but the proposed owner answers', () => {
    const c = inProgress().do(P.owner, 2, request());
    expect(codeOf(c.try(P.owner, 3, rules.acceptTransfer))).toBe('NOT_THE_RECIPIENT');
    expect(codeOf(c.try(P.issuer, 3, (s, x) => rules.refuseTransfer(s, { reason: 'no' }, x)))).toBe('NOT_THE_RECIPIENT');
  });
  it('REASON_REQUIRED: refusing a transfer without a reason', () => {
    expect(codeOf(inProgress().do(P.owner, 2, request()).try(P.other, 3, (s, x) => rules.refuseTransfer(s, { reason: ' ' }, x)))).toBe('REASON_REQUIRED');
  });
  it('INVALID_TRANSITION: answering a transfer when none waits', () => {
    expect(codeOf(inProgress().try(P.other, 2, rules.acceptTransfer))).toBe('INVALID_TRANSITION');
    expect(codeOf(inProgress().try(P.other, 2, (s, x) => rules.refuseTransfer(s, { reason: 'no' }, x)))).toBe('INVALID_TRANSITION');
  });
});

describe('deadline extension (F5)', () => {
  const ask = (deadline = h(200), reason = 'the ship is late') => (s: AssignmentState, c: CommandContext) => rules.requestExtension(s, { deadline, reason }, c);

  it('the owner, or the holder, asks for a later deadline; the controller is the approver', () => {
    const c = inProgress().do(P.owner, 2, ask());
    expect(c.state.pending).toEqual({ kind: 'extension', by: 'per_owner', approverId: 'per_controller', deadline: h(200), reason: 'the ship is late', at: h(2) });
    const held = inProgress()
      .do(P.owner, 2, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'r' }, x))
      .do(P.other, 3, rules.acceptHandover);
    expect(typesOf(held.try(P.other, 4, ask()))).toEqual(['assignment.extension-requested']);
  });
  it('without a controller the issuer is the approver', () => {
    const c = Case.issue({ controller: null }).do(P.owner, 1, ask());
    expect(c.state.pending?.kind === 'extension' ? c.state.pending.approverId : undefined).toBe('per_issuer');
  });
  it('NOT_PERMITTED: a co-executor, the verifier or the issuer asks', () => {
    expect(codeOf(inProgress().try(P.co, 2, ask()))).toBe('NOT_PERMITTED');
    expect(codeOf(inProgress().try(P.verifier, 2, ask()))).toBe('NOT_PERMITTED');
    expect(codeOf(inProgress().try(P.issuer, 2, ask()))).toBe('NOT_PERMITTED');
  });
  it('REASON_REQUIRED: an extension without a reason', () => {
    expect(codeOf(inProgress().try(P.owner, 2, ask(h(200), '')))).toBe('REASON_REQUIRED');
  });
  it('DEADLINE_INVALID: a new deadline that is not a date-time', () => {
    expect(codeOf(inProgress().try(P.owner, 2, ask('in two weeks')))).toBe('DEADLINE_INVALID');
  });
  it('EXTENSION_SELF_APPROVAL: without a controller, an issuer who owns the case cannot extend their own deadline', () => {
    const selfIssued = Case.issue({ controller: null, owner: P.issuer });
    expect(codeOf(selfIssued.try(P.issuer, 1, ask()))).toBe('EXTENSION_SELF_APPROVAL');
    const controlled = Case.issue({ owner: P.issuer });
    expect(typesOf(controlled.try(P.issuer, 1, ask()))).toEqual(['assignment.extension-requested']);
  });
  it('EXTENSION_NOT_LATER: the same or an earlier deadline', () => {
    expect(codeOf(inProgress().try(P.owner, 2, ask(DEADLINE)))).toBe('EXTENSION_NOT_LATER');
    expect(codeOf(inProgress().try(P.owner, 2, ask(h(50))))).toBe('EXTENSION_NOT_LATER');
  });
  it('DEADLINE_BEFORE_ISSUE: a later deadline that is already past', () => {
    expect(codeOf(inProgress().try(P.owner, 150, ask(h(120))))).toBe('DEADLINE_BEFORE_ISSUE');
    expect(typesOf(inProgress().try(P.owner, 150, ask(h(151))))).toEqual(['assignment.extension-requested']);
  });
  it('INVALID_TRANSITION: asking for an extension of submitted work', () => {
    expect(codeOf(submitted().try(P.owner, 3, ask()))).toBe('INVALID_TRANSITION');
  });
  it('REQUEST_PENDING: asking twice', () => {
    expect(codeOf(inProgress().do(P.owner, 2, ask()).try(P.owner, 3, ask(h(300))))).toBe('REQUEST_PENDING');
  });
  it('the approver grants: the deadline changes, the original stays on record and the change is counted', () => {
    const c = inProgress().do(P.owner, 2, ask()).do(P.controller, 3, rules.grantExtension);
    expect(c.state.deadline).toBe(h(200));
    expect(c.state.originalDeadline).toBe(DEADLINE);
    expect(c.state.counts.deadlineChanges).toBe(1);
    expect(c.state.counts.extensionRequests).toBe(1);
    expect(c.state.pending).toBeNull();
  });
  it('NOT_THE_APPROVER: the issuer when there is a controller, the requester, the verifier', () => {
    const c = inProgress().do(P.owner, 2, ask());
    expect(codeOf(c.try(P.issuer, 3, rules.grantExtension))).toBe('NOT_THE_APPROVER');
    expect(codeOf(c.try(P.owner, 3, rules.grantExtension))).toBe('NOT_THE_APPROVER');
    expect(codeOf(c.try(P.verifier, 3, (s, x) => rules.refuseExtension(s, { reason: 'no' }, x)))).toBe('NOT_THE_APPROVER');
  });
  it('NOT_THE_APPROVER: without a controller, anyone but the issuer', () => {
    const c = Case.issue({ controller: null }).do(P.owner, 1, ask());
    expect(codeOf(c.try(P.controller, 2, rules.grantExtension))).toBe('NOT_THE_APPROVER');
    expect(codeOf(c.try(P.owner, 2, rules.grantExtension))).toBe('NOT_THE_APPROVER');
    expect(typesOf(c.try(P.issuer, 2, rules.grantExtension))).toEqual(['assignment.extension-granted']);
  });
  it('the approver refuses with a reason: the deadline stands and the refusal is counted', () => {
    const c = inProgress().do(P.owner, 2, ask());
    expect(codeOf(c.try(P.controller, 3, (s, x) => rules.refuseExtension(s, { reason: '' }, x)))).toBe('REASON_REQUIRED');
    c.do(P.controller, 3, (s, x) => rules.refuseExtension(s, { reason: 'the ship is in port' }, x));
    expect(c.state.deadline).toBe(DEADLINE);
    expect(c.state.counts).toMatchObject({ extensionRequests: 1, extensionRefusals: 1, deadlineChanges: 0 });
  });
  it('INVALID_TRANSITION: granting or refusing when no extension waits', () => {
    expect(codeOf(inProgress().try(P.controller, 2, rules.grantExtension))).toBe('INVALID_TRANSITION');
    expect(codeOf(inProgress().try(P.controller, 2, (s, x) => rules.refuseExtension(s, { reason: 'no' }, x)))).toBe('INVALID_TRANSITION');
  });
});

describe('submit (F3)', () => {
  it('the holder submits with evidence; the note is trimmed', () => {
    const d = inProgress().try(P.owner, 2, (s, x) => rules.submit(s, { evidence: TEXT, note: '  all done ' }, x));
    expect(d.ok && d.value).toEqual([{ type: 'assignment.submitted', payload: { evidence: TEXT, note: 'all done' } }]);
  });
  it('the owner may submit while another person holds the case', () => {
    const c = inProgress()
      .do(P.owner, 2, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'r' }, x))
      .do(P.other, 3, rules.acceptHandover);
    expect(typesOf(c.try(P.owner, 4, submitWith()))).toEqual(['assignment.submitted']);
    expect(typesOf(c.try(P.other, 4, submitWith()))).toEqual(['assignment.submitted']);
  });
  it('NOT_THE_HOLDER: a co-executor, the issuer or an outsider submits', () => {
    expect(codeOf(inProgress().try(P.co, 2, submitWith()))).toBe('NOT_THE_HOLDER');
    expect(codeOf(inProgress().try(P.issuer, 2, submitWith()))).toBe('NOT_THE_HOLDER');
    expect(codeOf(inProgress().try(P.third, 2, submitWith()))).toBe('NOT_THE_HOLDER');
  });
  it('VERIFIER_IS_SUBMITTER: the verifier tries to submit the work they will verify', () => {
    expect(codeOf(inProgress().try(P.verifier, 2, submitWith()))).toBe('VERIFIER_IS_SUBMITTER');
  });
  it('VERIFIER_IS_SUBMITTER: the verifier submits as owner, or holds the case at submission (states the rules never produce)', () => {
    const base = inProgress().state;
    const verifierOwns: AssignmentState = { ...base, ownerId: P.verifier.id, holderId: P.verifier.id };
    expect(codeOf(rules.submit(verifierOwns, { evidence: TEXT }, ctx(P.verifier, h(2))))).toBe('VERIFIER_IS_SUBMITTER');
    const verifierHolds: AssignmentState = { ...base, holderId: P.verifier.id };
    expect(codeOf(rules.submit(verifierHolds, { evidence: TEXT }, ctx(P.owner, h(2))))).toBe('VERIFIER_IS_SUBMITTER');
  });
  it('EVIDENCE_REQUIRED: no evidence', () => {
    expect(codeOf(inProgress().try(P.owner, 2, submitWith([])))).toBe('EVIDENCE_REQUIRED');
  });
  it('EVIDENCE_INVALID: a malformed item is refused at submission', () => {
    expect(codeOf(inProgress().try(P.owner, 2, submitWith([{ kind: 'document', name: 'receipt.pdf', sha256: 'abc' }])))).toBe('EVIDENCE_INVALID');
  });
  it('INVALID_TRANSITION: submitting an issued (not accepted) or an already submitted assignment', () => {
    expect(codeOf(Case.issue().try(P.owner, 1, submitWith()))).toBe('INVALID_TRANSITION');
    expect(codeOf(submitted().try(P.owner, 3, submitWith()))).toBe('INVALID_TRANSITION');
  });
  it('REQUEST_PENDING: submitting while a handover waits', () => {
    const c = inProgress().do(P.owner, 2, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'r' }, x));
    expect(codeOf(c.try(P.owner, 3, submitWith()))).toBe('REQUEST_PENDING');
  });
});

describe('verify and reject (F3)', () => {
  it('only the verifier verifies submitted work', () => {
    expect(typesOf(submitted().try(P.verifier, 3, (s, x) => rules.verify(s, { note: ' ok ' }, x)))).toEqual(['assignment.verified']);
    const d = submitted().try(P.verifier, 3, (s, x) => rules.verify(s, { note: ' ok ' }, x));
    expect(d.ok && d.value[0]?.payload).toEqual({ note: 'ok' });
  });
  it('NOT_THE_VERIFIER: the owner, the issuer or the controller verifies', () => {
    for (const who of [P.owner, P.issuer, P.controller]) expect(codeOf(submitted().try(who, 3, (s, x) => rules.verify(s, {}, x))), who.id).toBe('NOT_THE_VERIFIER');
  });
  it('NOT_THE_VERIFIER: someone else rejects', () => {
    expect(codeOf(submitted().try(P.issuer, 3, (s, x) => rules.reject(s, { reasons: ['no receipt'] }, x)))).toBe('NOT_THE_VERIFIER');
  });
  it('INVALID_TRANSITION: verifying work in progress, or verified work', () => {
    expect(codeOf(inProgress().try(P.verifier, 2, (s, x) => rules.verify(s, {}, x)))).toBe('INVALID_TRANSITION');
    expect(codeOf(verified().try(P.verifier, 4, (s, x) => rules.verify(s, {}, x)))).toBe('INVALID_TRANSITION');
    expect(codeOf(inProgress().try(P.verifier, 2, (s, x) => rules.reject(s, { reasons: ['x'] }, x)))).toBe('INVALID_TRANSITION');
  });
  it('REASON_REQUIRED: a rejection without reasons, or with blank ones only', () => {
    expect(codeOf(submitted().try(P.verifier, 3, (s, x) => rules.reject(s, { reasons: [] }, x)))).toBe('REASON_REQUIRED');
    expect(codeOf(submitted().try(P.verifier, 3, (s, x) => rules.reject(s, { reasons: ['', '  '] }, x)))).toBe('REASON_REQUIRED');
  });
  it('a rejection keeps its reasons trimmed and drops the blank ones', () => {
    const d = submitted().try(P.verifier, 3, (s, x) => rules.reject(s, { reasons: [' no receipt ', '', 'price too high'] }, x));
    expect(d.ok && d.value).toEqual([{ type: 'assignment.rejected', payload: { reasons: ['no receipt', 'price too high'] } }]);
  });
});

describe('cancel', () => {
  const cancel = (reason = 'superseded by decision 12') => (s: AssignmentState, c: CommandContext) => rules.cancel(s, { reason }, c);
  it('the issuer or the controller cancels open work, in any open status', () => {
    expect(typesOf(Case.issue().try(P.issuer, 1, cancel()))).toEqual(['assignment.cancelled']);
    expect(typesOf(inProgress().try(P.controller, 2, cancel()))).toEqual(['assignment.cancelled']);
    expect(typesOf(submitted().try(P.issuer, 3, cancel()))).toEqual(['assignment.cancelled']);
  });
  it('NOT_PERMITTED: the owner or the verifier cancels', () => {
    expect(codeOf(inProgress().try(P.owner, 2, cancel()))).toBe('NOT_PERMITTED');
    expect(codeOf(inProgress().try(P.verifier, 2, cancel()))).toBe('NOT_PERMITTED');
  });
  it('REASON_REQUIRED: a cancellation without a reason', () => {
    expect(codeOf(inProgress().try(P.issuer, 2, cancel('')))).toBe('REASON_REQUIRED');
  });
  it('INVALID_TRANSITION: cancelling verified or cancelled work', () => {
    expect(codeOf(verified().try(P.issuer, 4, cancel()))).toBe('INVALID_TRANSITION');
    expect(codeOf(inProgress().do(P.issuer, 2, cancel()).try(P.issuer, 3, cancel()))).toBe('INVALID_TRANSITION');
  });
});

describe('reopen', () => {
  const reopen = (reason = 'the meat never arrived') => (s: AssignmentState, c: CommandContext) => rules.reopen(s, { reason }, c);
  it('the verifier, the issuer or the controller reopens verified work', () => {
    for (const who of [P.verifier, P.issuer, P.controller]) expect(typesOf(verified().try(who, 5, reopen())), who.id).toEqual(['assignment.reopened']);
  });
  it('NOT_PERMITTED: the owner or a co-executor reopens', () => {
    expect(codeOf(verified().try(P.owner, 5, reopen()))).toBe('NOT_PERMITTED');
    expect(codeOf(verified().try(P.co, 5, reopen()))).toBe('NOT_PERMITTED');
  });
  it('REASON_REQUIRED: reopening without a reason', () => {
    expect(codeOf(verified().try(P.verifier, 5, reopen(' ')))).toBe('REASON_REQUIRED');
  });
  it('INVALID_TRANSITION: reopening work that is not verified (in progress, submitted, cancelled)', () => {
    expect(codeOf(inProgress().try(P.issuer, 2, reopen()))).toBe('INVALID_TRANSITION');
    expect(codeOf(submitted().try(P.issuer, 3, reopen()))).toBe('INVALID_TRANSITION');
    expect(codeOf(inProgress().do(P.issuer, 2, (s, x) => rules.cancel(s, { reason: 'r' }, x)).try(P.issuer, 3, reopen()))).toBe('INVALID_TRANSITION');
  });
});

describe('escalate (F5)', () => {
  const up = (to = P.third, reason = 'dragging for weeks') => (s: AssignmentState, c: CommandContext) => rules.escalate(s, { to, reason }, c);
  it('the owner escalates to a person (with their unit) or to a body (no unit); each step raises the level', () => {
    const c = inProgress().do(P.owner, 2, up());
    expect(c.events.at(-1)?.payload).toEqual({ level: 1, to: 'per_third', toUnit: 'unit_c', reason: 'dragging for weeks' });
    c.do(P.controller, 3, up(NOT_PEOPLE.body));
    expect(c.events.at(-1)?.payload).toEqual({ level: 2, to: 'body_top', toUnit: null, reason: 'dragging for weeks' });
    expect(c.state.escalationLevel).toBe(2);
    expect(c.state.counts.escalations).toBe(2);
  });
  it('co-executors, the issuer and the controller may escalate; submitted work may be escalated', () => {
    for (const who of [P.co, P.issuer, P.controller]) expect(typesOf(inProgress().try(who, 2, up())), who.id).toEqual(['assignment.escalated']);
    expect(typesOf(submitted().try(P.owner, 3, up()))).toEqual(['assignment.escalated']);
  });
  it('the system escalates by the ladder: the event carries actor system', () => {
    const c = inProgress().do(SYSTEM_ACTOR, 2, up(P.third, 'ladder: 3 working days past the deadline'));
    expect(c.events.at(-1)).toMatchObject({ type: 'assignment.escalated', actor: 'system', payload: { level: 1, to: 'per_third' } });
  });
  it('NOT_PERMITTED: the verifier or an outsider escalates', () => {
    expect(codeOf(inProgress().try(P.verifier, 2, up()))).toBe('NOT_PERMITTED');
    expect(codeOf(inProgress().try(P.third, 2, up(P.other)))).toBe('NOT_PERMITTED');
  });
  it('REASON_REQUIRED: an escalation without a reason', () => {
    expect(codeOf(inProgress().try(P.owner, 2, up(P.third, '')))).toBe('REASON_REQUIRED');
  });
  it('ESCALATION_TARGET_INVALID: escalating to a unit or a committee', () => {
    expect(codeOf(inProgress().try(P.owner, 2, up(NOT_PEOPLE.unit)))).toBe('ESCALATION_TARGET_INVALID');
    expect(codeOf(inProgress().try(P.owner, 2, up(NOT_PEOPLE.committee)))).toBe('ESCALATION_TARGET_INVALID');
  });
  it('INVALID_TRANSITION: escalating verified or cancelled work', () => {
    expect(codeOf(verified().try(P.issuer, 4, up()))).toBe('INVALID_TRANSITION');
  });
});

describe('EVENT_OUT_OF_ORDER', () => {
  // The case's last event is at +2h (submitted) or +1h (accepted); every rule refuses an earlier instant.
  const before = h(0.5);
  const cases: Array<[string, () => Case, (s: AssignmentState, c: CommandContext) => Decision, string]> = [
    ['accept', () => Case.issue().do(P.owner, 1, (s, x) => rules.escalate(s, { to: P.third, reason: 'r' }, x)), rules.accept, P.owner.id],
    ['offerHandover', inProgress, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'r' }, x), P.owner.id],
    ['requestTransfer', inProgress, (s, x) => rules.requestTransfer(s, { to: P.other, reason: 'r' }, x), P.owner.id],
    ['requestExtension', inProgress, (s, x) => rules.requestExtension(s, { deadline: h(200), reason: 'r' }, x), P.owner.id],
    ['submit', inProgress, submitWith(), P.owner.id],
    ['verify', submitted, (s, x) => rules.verify(s, {}, x), P.verifier.id],
    ['reject', submitted, (s, x) => rules.reject(s, { reasons: ['r'] }, x), P.verifier.id],
    ['cancel', inProgress, (s, x) => rules.cancel(s, { reason: 'r' }, x), P.issuer.id],
    ['reopen', verified, (s, x) => rules.reopen(s, { reason: 'r' }, x), P.issuer.id],
    ['escalate', inProgress, (s, x) => rules.escalate(s, { to: P.third, reason: 'r' }, x), P.owner.id],
  ];
  for (const [name, make, rule, actor] of cases) {
    it(`${name}: refused before the stream's last event, allowed at the same instant`, () => {
      const c = make();
      const last = c.state.lastEventAt;
      const refused = rule(c.state, ctx(actor, before));
      expect(codeOf(refused)).toBe('EVENT_OUT_OF_ORDER');
      expect(!refused.ok && refused.error.details).toEqual({ at: before, last });
      expect(codeOf(rule(c.state, ctx(actor, last)))).toBeUndefined();
    });
  }
  it('answers to requests are refused before the request', () => {
    const hand = inProgress().do(P.owner, 2, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'r' }, x));
    expect(codeOf(hand.try(P.other, 1.5, rules.acceptHandover))).toBe('EVENT_OUT_OF_ORDER');
    expect(codeOf(hand.try(P.other, 1.5, (s, x) => rules.refuseHandover(s, { reason: 'r' }, x)))).toBe('EVENT_OUT_OF_ORDER');
    const tr = inProgress().do(P.owner, 2, (s, x) => rules.requestTransfer(s, { to: P.other, reason: 'r' }, x));
    expect(codeOf(tr.try(P.other, 1.5, rules.acceptTransfer))).toBe('EVENT_OUT_OF_ORDER');
    expect(codeOf(tr.try(P.other, 1.5, (s, x) => rules.refuseTransfer(s, { reason: 'r' }, x)))).toBe('EVENT_OUT_OF_ORDER');
    const ext = inProgress().do(P.owner, 2, (s, x) => rules.requestExtension(s, { deadline: h(200), reason: 'r' }, x));
    expect(codeOf(ext.try(P.controller, 1.5, rules.grantExtension))).toBe('EVENT_OUT_OF_ORDER');
    expect(codeOf(ext.try(P.controller, 1.5, (s, x) => rules.refuseExtension(s, { reason: 'r' }, x)))).toBe('EVENT_OUT_OF_ORDER');
  });
});

// ---------------------------------------------------------------- lifecycle

const EVIDENCE: Evidence[] = [{ kind: 'figure', label: 'tonnes delivered', value: 40, unit: 't' }];

describe('assignment lifecycle', () => {
  it('issue → accept → submit → verify', () => {
    const c = Case.issue();
    expect(c.state).toMatchObject({ status: 'issued', ownerId: 'per_owner', holderId: 'per_owner', issuedAt: h(0), deadline: DEADLINE, originalDeadline: DEADLINE, closedAt: null });
    expect(attributedHolder(c.state)).toEqual({ personId: 'per_owner', role: 'accepting' });
    expect(isOpen(c.state)).toBe(true);

    c.do(P.owner, 1, rules.accept);
    expect(c.state.status).toBe('in_progress');
    expect(attributedHolder(c.state)).toEqual({ personId: 'per_owner', role: 'executing' });

    c.do(P.owner, 5, (s, x) => rules.submit(s, { evidence: EVIDENCE }, x));
    expect(c.state.status).toBe('submitted');
    expect(c.state.submission).toEqual({ by: 'per_owner', holderId: 'per_owner', at: h(5), evidence: EVIDENCE });
    expect(c.state.counts.submissions).toBe(1);
    expect(currentHolding(c.state)).toEqual({ personId: 'per_verifier', unitId: 'unit_ctrl', role: 'verifying', deadline: DEADLINE });

    c.do(P.verifier, 7, (s, x) => rules.verify(s, {}, x));
    expect(c.state).toMatchObject({ status: 'verified', closedAt: h(7), verifiedBy: 'per_verifier', lastEventAt: h(7) });
    expect(isOpen(c.state)).toBe(false);
    expect(attributedHolder(c.state)).toEqual({ personId: 'per_verifier', role: 'closed' });
    expect(c.events.map((e) => e.type)).toEqual(['assignment.issued', 'assignment.accepted', 'assignment.submitted', 'assignment.verified']);
  });

  it('reject → rework → resubmit: the work returns to whoever held it at submission', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 2, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'buying abroad is theirs' }, x))
      .do(P.other, 3, rules.acceptHandover)
      // the owner submits while the other person holds the case
      .do(P.owner, 4, (s, x) => rules.submit(s, { evidence: EVIDENCE }, x));
    expect(c.state.submission).toMatchObject({ by: 'per_owner', holderId: 'per_other' });

    c.do(P.verifier, 5, (s, x) => rules.reject(s, { reasons: ['no customs papers'] }, x));
    expect(c.state).toMatchObject({ status: 'in_progress', holderId: 'per_other' });
    expect(c.state.counts.rejections).toBe(1);
    expect(attributedHolder(c.state)).toEqual({ personId: 'per_other', role: 'executing' });

    c.do(P.other, 6, (s, x) => rules.submit(s, { evidence: [{ kind: 'text', text: 'papers attached' }] }, x)).do(P.verifier, 7, (s, x) => rules.verify(s, {}, x));
    expect(c.state.status).toBe('verified');
    expect(c.state.counts).toMatchObject({ submissions: 2, rejections: 1 });
  });

  it('handover offered: the recipient holds it while it waits; accepted, they hold it; refused, it returns to the sender', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 2, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'r' }, x));
    expect(c.state.pending).toEqual({ kind: 'handover', from: 'per_owner', to: 'per_other', reason: 'r', at: h(2) });
    expect(c.state.holderId).toBe('per_owner');
    expect(currentHolding(c.state)).toMatchObject({ personId: 'per_other', unitId: 'unit_b', role: 'handover' });
    expect(c.state.units['per_other']).toBe('unit_b');

    c.do(P.other, 3, (s, x) => rules.refuseHandover(s, { reason: 'not ours' }, x));
    expect(c.state).toMatchObject({ holderId: 'per_owner', pending: null });
    expect(c.state.counts).toMatchObject({ handovers: 0, handoverRefusals: 1 });
    expect(attributedHolder(c.state)).toEqual({ personId: 'per_owner', role: 'executing' });

    c.do(P.owner, 4, (s, x) => rules.offerHandover(s, { to: P.third, reason: 'r2' }, x)).do(P.third, 5, rules.acceptHandover);
    expect(c.state).toMatchObject({ holderId: 'per_third', ownerId: 'per_owner', pending: null });
    expect(c.state.counts).toMatchObject({ handovers: 1, handoverRefusals: 1 });
    expect(currentHolding(c.state)).toMatchObject({ personId: 'per_third', unitId: 'unit_c', role: 'executing' });
  });

  it('transfer accepted moves ownership (and the ball, when the owner held it); refused, nothing moves', () => {
    const c = Case.issue().do(P.owner, 1, rules.accept);
    c.do(P.issuer, 2, (s, x) => rules.requestTransfer(s, { to: P.other, reason: 'r' }, x));
    expect(c.state.pending).toEqual({ kind: 'transfer', from: 'per_owner', to: 'per_other', reason: 'r', at: h(2), requestedBy: 'per_issuer' });
    expect(attributedHolder(c.state)).toEqual({ personId: 'per_other', role: 'transfer' });
    c.do(P.other, 3, (s, x) => rules.refuseTransfer(s, { reason: 'no capacity' }, x));
    expect(c.state).toMatchObject({ ownerId: 'per_owner', holderId: 'per_owner', pending: null });
    expect(c.state.counts).toMatchObject({ transfers: 0, transferRefusals: 1 });

    c.do(P.owner, 4, (s, x) => rules.requestTransfer(s, { to: P.other, reason: 'r' }, x)).do(P.other, 5, rules.acceptTransfer);
    expect(c.state).toMatchObject({ ownerId: 'per_other', holderId: 'per_other', pending: null });
    expect(c.state.counts.transfers).toBe(1);
    // the former owner may no longer accept, submit or transfer as owner
    expect(rules.requestTransfer(c.state, { to: P.third, reason: 'r' }, { actor: 'per_owner', at: h(6) })).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED' } });
  });

  it('transfer accepted while someone else holds the ball: ownership moves, the holder stays', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 2, (s, x) => rules.offerHandover(s, { to: P.third, reason: 'r' }, x))
      .do(P.third, 3, rules.acceptHandover)
      .do(P.owner, 4, (s, x) => rules.requestTransfer(s, { to: P.other, reason: 'r' }, x))
      .do(P.other, 5, rules.acceptTransfer);
    expect(c.state).toMatchObject({ ownerId: 'per_other', holderId: 'per_third' });
  });

  it('a transfer accepted before acceptance leaves the case to be accepted by the new owner', () => {
    const c = Case.issue()
      .do(P.owner, 1, (s, x) => rules.requestTransfer(s, { to: P.other, reason: 'r' }, x))
      .do(P.other, 2, rules.acceptTransfer);
    expect(c.state.status).toBe('issued');
    expect(attributedHolder(c.state)).toEqual({ personId: 'per_other', role: 'accepting' });
    expect(rules.accept(c.state, { actor: 'per_owner', at: h(3) })).toMatchObject({ ok: false, error: { code: 'NOT_THE_OWNER' } });
    c.do(P.other, 3, rules.accept);
    expect(c.state.status).toBe('in_progress');
  });

  it('extension granted changes the deadline and is counted in counts.deadlineChanges; the approver holds it while it waits', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 2, (s, x) => rules.requestExtension(s, { deadline: h(150), reason: 'r' }, x));
    expect(currentHolding(c.state)).toEqual({ personId: 'per_controller', unitId: 'unit_ctrl', role: 'extension', deadline: DEADLINE });
    c.do(P.controller, 3, rules.grantExtension);
    expect(c.state.deadline).toBe(h(150));
    expect(c.state.counts.deadlineChanges).toBe(1);
    c.do(P.owner, 4, (s, x) => rules.requestExtension(s, { deadline: h(200), reason: 'r' }, x)).do(P.controller, 5, rules.grantExtension);
    expect(c.state).toMatchObject({ deadline: h(200), originalDeadline: DEADLINE });
    expect(c.state.counts).toMatchObject({ deadlineChanges: 2, extensionRequests: 2, extensionRefusals: 0 });
  });

  it('cancel closes the case, lets a waiting request lapse, and puts it with the issuer', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 2, (s, x) => rules.requestExtension(s, { deadline: h(150), reason: 'r' }, x))
      .do(P.controller, 3, (s, x) => rules.cancel(s, { reason: 'the market closed' }, x));
    expect(c.state).toMatchObject({ status: 'cancelled', pending: null, closedAt: h(3) });
    expect(isOpen(c.state)).toBe(false);
    expect(attributedHolder(c.state)).toEqual({ personId: 'per_issuer', role: 'closed' });
  });

  it('reopen returns verified work to the owner, clears the close and counts it', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 2, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'r' }, x))
      .do(P.other, 3, rules.acceptHandover)
      .do(P.other, 4, (s, x) => rules.submit(s, { evidence: EVIDENCE }, x))
      .do(P.verifier, 5, (s, x) => rules.verify(s, {}, x))
      .do(P.issuer, 9, (s, x) => rules.reopen(s, { reason: 'the meat was spoiled' }, x));
    expect(c.state).toMatchObject({ status: 'in_progress', holderId: 'per_owner', closedAt: null });
    expect(c.state.counts.reopenings).toBe(1);
    expect(attributedHolder(c.state)).toEqual({ personId: 'per_owner', role: 'executing' });
  });

  it('escalation records the target unit without moving the ball', () => {
    const c = Case.issue()
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 2, (s, x) => rules.escalate(s, { to: P.third, reason: 'r' }, x));
    expect(c.state).toMatchObject({ holderId: 'per_owner', escalationLevel: 1 });
    expect(c.state.units['per_third']).toBe('unit_c');
  });
});

describe('evolveAssignment refuses impossible histories', () => {
  const issued = Case.issue().events[0];
  it('an event before assignment.issued', () => {
    const e: AssignmentEvent = { type: 'assignment.accepted', payload: {} };
    expect(() => evolveAssignment(undefined, { ...e, actor: 'per_owner', at: h(1) })).toThrow(/before assignment.issued/);
  });
  it('a second assignment.issued', () => {
    if (issued === undefined) throw new Error('no issue event');
    const s = evolveAssignment(undefined, issued);
    expect(() => evolveAssignment(s, issued)).toThrow(/existing assignment/);
  });
  it('an event of another kind of stream (streams.evolve)', () => {
    if (issued === undefined) throw new Error('no issue event');
    expect(() => evolve('person', undefined, issued as never)).toThrow(/does not belong to a person stream/);
  });
});
