/**
 * Beneficiary answers (F3): the person the work was for confirms or disputes that it reached them.
 * Only submitted or verified work can be answered; a dispute needs a reason; a dispute of verified
 * work sends it back to the verifier (status submitted, no longer closed). Pure.
 */
import { describe, expect, it } from 'vitest';
import { Case, P } from '../../../test/support/assignment-case.js';
import { attributedHolder } from './assignment.state.js';
import * as rules from './assignment.rules.js';

const answer = (verdict: 'confirmed' | 'disputed', comment = '') => (s: Parameters<typeof rules.answerAsBeneficiary>[0], c: Parameters<typeof rules.answerAsBeneficiary>[2]) =>
  rules.answerAsBeneficiary(s, { linkId: 'lnk_1', beneficiary: ' Warehouse no. 3 ', verdict, comment }, c);

function verified(): Case {
  return Case.issue()
    .do(P.owner, 1, rules.accept)
    .do(P.owner, 2, (s, c) => rules.submit(s, { evidence: [{ kind: 'text', text: 'delivered' }] }, c))
    .do(P.verifier, 3, (s, c) => rules.verify(s, {}, c));
}

describe('beneficiary answers (F3)', () => {
  it('a confirmation of verified work is counted and changes nothing else', () => {
    const c = verified().do(rules.BENEFICIARY_ACTOR, 4, answer('confirmed'));
    expect(c.state.status).toBe('verified');
    expect(c.state.counts['confirmations']).toBe(1);
    const last = c.events[c.events.length - 1];
    expect(last?.type).toBe('assignment.beneficiary-confirmed');
    expect(last?.payload).toEqual({ linkId: 'lnk_1', beneficiary: 'Warehouse no. 3', comment: '' });
  });

  it('a dispute of verified work reopens the question for the verifier', () => {
    const c = verified().do(rules.BENEFICIARY_ACTOR, 4, answer('disputed', 'only half of it arrived'));
    expect(c.state.status).toBe('submitted');
    expect(c.state.closedAt).toBeNull();
    expect(c.state.verifiedBy).toBeNull();
    expect(c.state.counts['disputes']).toBe(1);
    expect(attributedHolder(c.state).personId).toBe(P.verifier.id);
    // The verifier decides again: rejecting sends it back to the owner.
    c.do(P.verifier, 5, (s, ctx) => rules.reject(s, { reasons: ['the beneficiary got half'] }, ctx));
    expect(c.state.status).toBe('in_progress');
  });

  it('a dispute needs a reason (REASON_REQUIRED); work not yet submitted cannot be answered (INVALID_TRANSITION)', () => {
    const refused = verified().try(rules.BENEFICIARY_ACTOR, 4, answer('disputed', '  '));
    expect(refused.ok ? undefined : refused.error.code).toBe('REASON_REQUIRED');
    const early = Case.issue().try(rules.BENEFICIARY_ACTOR, 1, answer('confirmed'));
    expect(early.ok ? undefined : early.error.code).toBe('INVALID_TRANSITION');
  });
});
