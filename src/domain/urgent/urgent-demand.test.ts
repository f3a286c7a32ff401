/**
 * The urgent demand (F6): refused without its documents ("bring the copy of the report"), with a
 * deadline beyond the urgent limit, without the copy to the control office or the statement, or
 * to a person outside the competent unit; accepted, it carries an urgent assignment and its
 * urgent block. The urgent ladder escalates at the first delay.
 */
import { describe, expect, it } from 'vitest';
import { layCalendars } from '../calendar/calendar-definition.js';
import { planLadder } from '../ladder/ladder-plan.js';
import { STANDARD_LADDER } from '../ladder/ladder-policy.js';
import { DOMAIN_ERROR_CODES } from '../errors.js';
import { demandUrgently, urgentLadder, type UrgentDemandInput } from './urgent-demand.js';

const HOUR = 3_600_000;
const NOW = '2022-02-21T09:00:00.000Z';
const ctx = { actor: 'per_lenin', at: NOW };
const REPORT = { kind: 'document', name: 'report-tsiouroupa.pdf', sha256: 'a'.repeat(64) } as const;

const input: UrgentDemandInput = {
  decisionId: 'dec_meat',
  parent: null,
  title: 'Conclude the canned-meat purchase',
  definitionOfDone: 'Contract signed and reported to the control office',
  domain: 'supply',
  deadline: '2022-02-22T09:00:00.000Z',
  owner: { id: 'per_frumkin', kind: 'person', unitId: 'unit_trade' },
  verifier: { id: 'per_tsiouroupa', kind: 'person', unitId: 'unit_control' },
  controller: null,
  coExecutors: [],
  issuer: { id: 'per_lenin', kind: 'person', unitId: 'unit_council' },
  competentUnit: { id: 'unit_trade', kind: 'unit' },
  documents: [REPORT],
  copyTo: { id: 'unit_control', kind: 'unit' },
  statement: 'Any delay will be pursued before the council.',
  maxLeadMs: 48 * HOUR,
};

function refusal(over: Partial<UrgentDemandInput>): string | undefined {
  const r = demandUrgently({ ...input, ...over }, ctx);
  return r.ok ? undefined : r.error.code;
}

describe('demandUrgently', () => {
  it('accepts a documented demand and returns an urgent assignment with its urgent block', () => {
    const r = demandUrgently({ ...input, statement: '  Any delay will be pursued.  ' }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.issued).toMatchObject({ urgency: 'urgent', ownerId: 'per_frumkin', verifierId: 'per_tsiouroupa', deadline: '2022-02-22T09:00:00.000Z', decisionId: 'dec_meat' });
    expect(r.value.urgentDemand).toEqual({ competentUnitId: 'unit_trade', documents: [REPORT], copyTo: { id: 'unit_control', kind: 'unit' }, statement: 'Any delay will be pursued.' });
  });

  it('refuses a demand without documents, telling to bring the copy of the report', () => {
    const r = demandUrgently({ ...input, documents: [] }, ctx);
    expect(!r.ok && r.error.code).toBe('DOCUMENTS_REQUIRED');
    expect(!r.ok && r.error.message).toContain('bring the copy of the report');
    expect(refusal({ documents: [REPORT, { kind: 'text', text: 'trust me' }] })).toBe('DOCUMENTS_REQUIRED');
    expect(refusal({ documents: [{ kind: 'link', url: 'https://example.org/report' }] })).toBe('DOCUMENTS_REQUIRED');
    expect(refusal({ documents: [{ ...REPORT, sha256: 'not-a-hash' }] })).toBe('EVIDENCE_INVALID');
  });

  it('refuses a deadline beyond the urgent limit, measured from now or as the caller measured it', () => {
    const r = demandUrgently({ ...input, deadline: '2022-02-23T09:00:01.000Z' }, ctx);
    expect(!r.ok && r.error).toMatchObject({ code: 'DEADLINE_TOO_LONG_FOR_URGENT', details: { leadMs: 48 * HOUR + 1000, maxLeadMs: 48 * HOUR } });
    expect(refusal({ deadline: '2022-02-23T09:00:00.000Z' })).toBeUndefined();
    expect(refusal({ leadMs: 49 * HOUR })).toBe('DEADLINE_TOO_LONG_FOR_URGENT');
    expect(refusal({ deadline: '2022-03-10T09:00:00.000Z', leadMs: 8 * HOUR })).toBeUndefined();
    expect(() => demandUrgently({ ...input, maxLeadMs: 0 }, ctx)).toThrow(RangeError);
  });

  it('refuses without a copy to the control office, which is a unit or a person', () => {
    expect(refusal({ copyTo: undefined })).toBe('COPY_TO_CONTROL_REQUIRED');
    expect(refusal({ copyTo: { id: 'cmt_purchases', kind: 'committee' } })).toBe('COPY_TO_CONTROL_REQUIRED');
    expect(refusal({ copyTo: { id: 'per_tsiouroupa', kind: 'person', unitId: 'unit_control' } })).toBeUndefined();
  });

  it('refuses without the statement that delay will be pursued', () => {
    expect(refusal({ statement: '   ' })).toBe('STATEMENT_REQUIRED');
  });

  it('refuses without a competent unit, or a person answerable outside it', () => {
    expect(refusal({ competentUnit: undefined })).toBe('COMPETENT_UNIT_REQUIRED');
    expect(refusal({ competentUnit: { id: 'per_frumkin', kind: 'person', unitId: 'unit_trade' } })).toBe('COMPETENT_UNIT_REQUIRED');
    expect(refusal({ competentUnit: { id: 'unit_finance', kind: 'unit' } })).toBe('OWNER_NOT_IN_COMPETENT_UNIT');
  });

  it('keeps the rules of issue: the owner is a person, the deadline after now', () => {
    expect(refusal({ owner: { id: 'unit_trade', kind: 'unit' } })).toBe('OWNER_NOT_A_PERSON');
    expect(refusal({ owner: undefined })).toBe('OWNER_REQUIRED');
    expect(refusal({ deadline: '2022-02-21T08:00:00.000Z' })).toBe('DEADLINE_BEFORE_ISSUE');
    expect(refusal({ title: '' })).toBe('TITLE_REQUIRED');
  });

  it('its codes are among the stable codes of the domain', () => {
    expect(DOMAIN_ERROR_CODES).toEqual(expect.arrayContaining(['COMPETENT_UNIT_REQUIRED', 'OWNER_NOT_IN_COMPETENT_UNIT', 'DOCUMENTS_REQUIRED', 'DEADLINE_TOO_LONG_FOR_URGENT', 'COPY_TO_CONTROL_REQUIRED', 'STATEMENT_REQUIRED']));
  });
});

describe('urgentLadder', () => {
  it('escalates to the superior at the deadline and to the body a few working hours later, keeping the actions', () => {
    const r = urgentLadder(STANDARD_LADDER);
    expect(r.ok && r.value).toEqual({
      reminders: [],
      superior: { after: { amount: 0, unit: 'working-hours' }, action: 'warning' },
      body: { after: { amount: 4, unit: 'working-hours' }, action: 'reprimand', bodyId: null },
    });
    if (!r.ok) return;
    const plan = planLadder({
      assignment: { id: 'asg_meat', status: 'in_progress', deadline: '2022-02-22T10:00:00.000Z', domain: 'supply', unitChain: ['unit_trade', 'unit_council'], ownerId: 'per_frumkin', controllerId: null, issuerId: 'per_lenin', bodyId: 'body_politburo', escalationLevel: 0 },
      policy: { id: 'ladder_org', version: 1, name: 'Urgent', scope: { unitId: null, domain: null }, rules: r.value },
      calendar: layCalendars([]),
    });
    const due = Object.fromEntries(plan.steps.map((s) => [s.name, s.dueAt]));
    expect(due['escalate:superior']).toBe('2022-02-22T10:00:00.000Z');
    expect(due['escalate:body']).toBe('2022-02-22T14:00:00.000Z');
  });

  it('keeps hour reminders only, works without a base policy, and refuses a zero body delay', () => {
    const withHours = urgentLadder({ ...STANDARD_LADDER, reminders: [{ amount: 2, unit: 'working-hours' }, { amount: 1, unit: 'working-days' }] }, 2);
    expect(withHours.ok && withHours.value.reminders).toEqual([{ amount: 2, unit: 'working-hours' }]);
    const bare = urgentLadder(null);
    expect(bare.ok && bare.value.superior).toEqual({ after: { amount: 0, unit: 'working-hours' }, action: null });
    const zero = urgentLadder(null, 0);
    expect(!zero.ok && zero.error.code).toBe('LADDER_POLICY_INVALID');
  });
});
