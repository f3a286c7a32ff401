/** The organisation's rules: units, people, posts, bodies and committees, each invariant with its code. */
import { describe, expect, it } from 'vitest';
import type { PartyRef } from '../ids.js';
import type { Result } from '../result.js';
import { createBody, evolveBody } from './body.js';
import { createCommittee, dissolveCommittee, evolveCommittee, type CommitteeState } from './committee.js';
import { evolvePerson, registerPerson } from './person.js';
import { appointHolder, createPost, declareProfile, evolvePost, headPostTitle, vacatePost, type PostEvent, type PostState } from './post.js';
import { createUnit, evolveUnit } from './unit.js';

/** The code of a refused result, or undefined when it passed. */
function codeOf(r: Result<unknown>): string | undefined {
  return r.ok ? undefined : r.error.code;
}

const UNIT: PartyRef = { id: 'unit_trade', kind: 'unit' };
const P = { owner: { id: 'per_owner', kind: 'person', unitId: 'unit_a' }, other: { id: 'per_other', kind: 'person', unitId: 'unit_b' } } satisfies Record<string, PartyRef>;
const NOT_PEOPLE = { unit: { id: 'unit_a', kind: 'unit' }, committee: { id: 'cmt_purchase', kind: 'committee' } } satisfies Record<string, PartyRef>;
const BODY: PartyRef = { id: 'body_sto', kind: 'body' };
const AT = '2022-03-01T09:00:00.000Z';

describe('units', () => {
  it('creates a unit at the root or under a unit, trimming its name', () => {
    expect(createUnit({ name: ' Foreign trade ', parent: null, headPostId: 'post_h' })).toEqual({
      ok: true,
      value: [{ type: 'unit.created', payload: { name: 'Foreign trade', parentId: null, headPostId: 'post_h' } }],
    });
    const under = createUnit({ name: 'Purchasing', parent: UNIT, headPostId: 'post_p' });
    expect(under.ok && under.value[0]?.payload.parentId).toBe('unit_trade');
  });
  it('NAME_REQUIRED: a unit without a name', () => {
    expect(codeOf(createUnit({ name: '  ', parent: null, headPostId: 'post_h' }))).toBe('NAME_REQUIRED');
  });
  it('UNIT_PARENT_INVALID: a unit under a body, a person or a committee', () => {
    for (const parent of [BODY, P.owner, NOT_PEOPLE.committee]) expect(codeOf(createUnit({ name: 'X', parent, headPostId: 'post_h' })), parent.id).toBe('UNIT_PARENT_INVALID');
  });
  it('folds into its state', () => {
    expect(evolveUnit(undefined, { type: 'unit.created', payload: { name: 'X', parentId: null, headPostId: 'post_h' }, actor: 'system', at: AT })).toEqual({
      name: 'X',
      parentId: null,
      headPostId: 'post_h',
      lastEventAt: AT,
    });
  });
});

describe('people', () => {
  it('registers a person in a unit; a blank email becomes null', () => {
    expect(registerPerson({ name: ' Krasin ', unit: UNIT, email: '  ' })).toEqual({
      ok: true,
      value: [{ type: 'person.registered', payload: { name: 'Krasin', unitId: 'unit_trade', email: null } }],
    });
    const r = registerPerson({ name: 'Krasin', unit: UNIT, email: ' krasin@example.org ' });
    expect(r.ok && r.value[0]?.payload.email).toBe('krasin@example.org');
  });
  it('NAME_REQUIRED: a person without a name', () => {
    expect(codeOf(registerPerson({ name: '', unit: UNIT }))).toBe('NAME_REQUIRED');
  });
  it('UNIT_PARENT_INVALID: a person in a body or a committee', () => {
    expect(codeOf(registerPerson({ name: 'X', unit: BODY }))).toBe('UNIT_PARENT_INVALID');
    expect(codeOf(registerPerson({ name: 'X', unit: NOT_PEOPLE.committee }))).toBe('UNIT_PARENT_INVALID');
  });
  it('folds into its state', () => {
    expect(evolvePerson(undefined, { type: 'person.registered', payload: { name: 'K', unitId: 'unit_trade', email: null }, actor: 'system', at: AT })).toEqual({
      name: 'K',
      unitId: 'unit_trade',
      email: null,
      roles: [],
      lastEventAt: AT,
    });
  });
});

describe('posts', () => {
  const post: PostState = { unitId: 'unit_trade', title: 'Buyer', domain: 'supply', head: false, holderId: null, lastEventAt: AT };

  it('creates a post in a unit', () => {
    expect(createPost({ unit: UNIT, title: ' Buyer ', domain: ' supply ', head: false })).toEqual({
      ok: true,
      value: [{ type: 'post.created', payload: { unitId: 'unit_trade', title: 'Buyer', domain: 'supply', head: false } }],
    });
  });
  it('NAME_REQUIRED: a post without a title', () => {
    expect(codeOf(createPost({ unit: UNIT, title: ' ', domain: 'supply', head: false }))).toBe('NAME_REQUIRED');
  });
  it('UNIT_PARENT_INVALID: a post in a body or held by nothing but a person', () => {
    expect(codeOf(createPost({ unit: BODY, title: 'Buyer', domain: 'supply', head: false }))).toBe('UNIT_PARENT_INVALID');
  });
  it('appoints a person; POST_HOLDER_INVALID for a unit or a committee', () => {
    expect(appointHolder(post, P.owner, AT)).toEqual({ ok: true, value: [{ type: 'post.holder-appointed', payload: { personId: 'per_owner' } }] });
    expect(codeOf(appointHolder(post, NOT_PEOPLE.unit, AT))).toBe('POST_HOLDER_INVALID');
    expect(codeOf(appointHolder(post, NOT_PEOPLE.committee, AT))).toBe('POST_HOLDER_INVALID');
  });
  it('EVENT_OUT_OF_ORDER: appointing or vacating before the post\'s last event', () => {
    expect(codeOf(appointHolder(post, P.owner, '2022-02-28T09:00:00.000Z'))).toBe('EVENT_OUT_OF_ORDER');
    expect(codeOf(vacatePost({ ...post, holderId: 'per_owner' }, '2022-02-28T09:00:00.000Z'))).toBe('EVENT_OUT_OF_ORDER');
  });
  it('vacates a held post; INVALID_TRANSITION when it is already vacant', () => {
    expect(vacatePost({ ...post, holderId: 'per_owner' }, AT)).toEqual({ ok: true, value: [{ type: 'post.vacated', payload: {} }] });
    expect(codeOf(vacatePost(post, AT))).toBe('INVALID_TRANSITION');
  });
  it('folds appointments and vacancies', () => {
    let s = evolvePost(undefined, { type: 'post.created', payload: { unitId: 'unit_trade', title: 'Buyer', domain: 'supply', head: true }, actor: 'system', at: AT });
    const LATER = '2022-03-02T09:00:00.000Z';
    s = evolvePost(s, { type: 'post.holder-appointed', payload: { personId: 'per_owner' }, actor: 'system', at: LATER });
    expect(s.holderId).toBe('per_owner');
    expect(s.holderSince).toBe(LATER);
    s = evolvePost(s, { type: 'post.vacated', payload: {}, actor: 'system', at: LATER });
    expect(s).toEqual({ unitId: 'unit_trade', title: 'Buyer', domain: 'supply', head: true, holderId: null, holderSince: null, lastEventAt: LATER });
    expect(() => evolvePost(undefined, { type: 'post.vacated', payload: {}, actor: 'system', at: AT })).toThrow();
  });
  it('declares a profile: weights normalised to 1, territory trimmed; POST_PROFILE_INVALID for no domain, a domain twice, a weight of 0, a floor above 1', () => {
    const decided = declareProfile(post, { domains: [{ domain: ' supply ', weight: 3 }, { domain: 'finance', weight: 1 }], minVerified: 4, minFirstTime: 0.5, minOnTime: null, territory: ' North ' }, AT);
    expect(decided).toEqual({
      ok: true,
      value: [{ type: 'post.profile-declared', payload: { domains: [{ domain: 'supply', weight: 0.75 }, { domain: 'finance', weight: 0.25 }], minVerified: 4, minFirstTime: 0.5, minOnTime: null, territory: 'North' } }],
    });
    const base = { minVerified: 0, minFirstTime: null, minOnTime: null, territory: null };
    expect(codeOf(declareProfile(post, { ...base, domains: [] }, AT))).toBe('POST_PROFILE_INVALID');
    expect(codeOf(declareProfile(post, { ...base, domains: [{ domain: 'a', weight: 1 }, { domain: ' a', weight: 1 }] }, AT))).toBe('POST_PROFILE_INVALID');
    expect(codeOf(declareProfile(post, { ...base, domains: [{ domain: 'a', weight: 0 }] }, AT))).toBe('POST_PROFILE_INVALID');
    expect(codeOf(declareProfile(post, { ...base, minOnTime: 1.5, domains: [{ domain: 'a', weight: 1 }] }, AT))).toBe('POST_PROFILE_INVALID');
    expect(codeOf(declareProfile(post, { ...base, minVerified: -1, domains: [{ domain: 'a', weight: 1 }] }, AT))).toBe('POST_PROFILE_INVALID');
    if (!decided.ok) throw new Error('declared');
    const folded = evolvePost(post, { ...(decided.value[0] as Extract<PostEvent, { type: 'post.profile-declared' }>), actor: 'system', at: AT });
    expect(folded.profile?.territory).toBe('North');
  });
  it('names a head post after its unit unless a title is given', () => {
    expect(headPostTitle(' Foreign trade ', undefined)).toBe('Head of Foreign trade');
    expect(headPostTitle('Foreign trade', '  ')).toBe('Head of Foreign trade');
    expect(headPostTitle('Foreign trade', ' Commissar ')).toBe('Commissar');
  });
});

describe('bodies', () => {
  it('creates a top body at level 1 and a body below it', () => {
    expect(createBody({ name: ' Council ', level: 1, parent: null })).toEqual({ ok: true, value: [{ type: 'body.created', payload: { name: 'Council', level: 1, parentId: null } }] });
    const below = createBody({ name: 'Labour and Defence', level: 2, parent: { ref: BODY, level: 1 } });
    expect(below.ok && below.value[0]?.payload).toEqual({ name: 'Labour and Defence', level: 2, parentId: 'body_sto' });
  });
  it('NAME_REQUIRED: a body without a name', () => {
    expect(codeOf(createBody({ name: '', level: 1, parent: null }))).toBe('NAME_REQUIRED');
  });
  it('BODY_LEVEL_INVALID: level 0, a negative or fractional level', () => {
    for (const level of [0, -1, 1.5, Number.NaN]) expect(codeOf(createBody({ name: 'X', level, parent: null })), String(level)).toBe('BODY_LEVEL_INVALID');
  });
  it('BODY_LEVEL_INVALID: a body above that is not a body, or not above', () => {
    expect(codeOf(createBody({ name: 'X', level: 2, parent: { ref: UNIT, level: 1 } }))).toBe('BODY_LEVEL_INVALID');
    expect(codeOf(createBody({ name: 'X', level: 2, parent: { ref: BODY, level: 2 } }))).toBe('BODY_LEVEL_INVALID');
    expect(codeOf(createBody({ name: 'X', level: 2, parent: { ref: BODY, level: 3 } }))).toBe('BODY_LEVEL_INVALID');
  });
  it('folds into its state', () => {
    expect(evolveBody(undefined, { type: 'body.created', payload: { name: 'C', level: 1, parentId: null }, actor: 'system', at: AT })).toEqual({ name: 'C', level: 1, parentId: null, lastEventAt: AT });
  });
});

describe('committees (F8)', () => {
  const valid = { name: ' Purchase commission ', mandate: ' buy food abroad ', chair: P.owner as PartyRef | undefined, members: [P.other, P.owner], sunset: '2022-06-30', body: BODY as PartyRef | null };

  it('creates a committee; the chair is a member, members are deduplicated', () => {
    expect(createCommittee(valid, AT)).toEqual({
      ok: true,
      value: [
        {
          type: 'committee.created',
          payload: { name: 'Purchase commission', mandate: 'buy food abroad', chairId: 'per_owner', memberIds: ['per_owner', 'per_other'], sunset: '2022-06-30', bodyId: 'body_sto' },
        },
      ],
    });
  });
  it('NAME_REQUIRED: no name, or no mandate', () => {
    expect(codeOf(createCommittee({ ...valid, name: '' }, AT))).toBe('NAME_REQUIRED');
    expect(codeOf(createCommittee({ ...valid, mandate: ' ' }, AT))).toBe('NAME_REQUIRED');
  });
  it('COMMITTEE_CHAIR_REQUIRED: no chair, or a chair that is a unit or a committee', () => {
    expect(codeOf(createCommittee({ ...valid, chair: undefined }, AT))).toBe('COMMITTEE_CHAIR_REQUIRED');
    expect(codeOf(createCommittee({ ...valid, chair: NOT_PEOPLE.unit }, AT))).toBe('COMMITTEE_CHAIR_REQUIRED');
    expect(codeOf(createCommittee({ ...valid, chair: NOT_PEOPLE.committee }, AT))).toBe('COMMITTEE_CHAIR_REQUIRED');
  });
  it('PARTY_NOT_A_PERSON: a member that is a unit', () => {
    expect(codeOf(createCommittee({ ...valid, members: [P.other, NOT_PEOPLE.unit] }, AT))).toBe('PARTY_NOT_A_PERSON');
  });
  it('COMMITTEE_SUNSET_INVALID: not a date, an impossible date, or not after the creation date', () => {
    expect(codeOf(createCommittee({ ...valid, sunset: 'never' }, AT))).toBe('COMMITTEE_SUNSET_INVALID');
    expect(codeOf(createCommittee({ ...valid, sunset: '2022-02-30' }, AT))).toBe('COMMITTEE_SUNSET_INVALID');
    expect(codeOf(createCommittee({ ...valid, sunset: '2022-03-01' }, AT))).toBe('COMMITTEE_SUNSET_INVALID');
    expect(codeOf(createCommittee({ ...valid, sunset: '2021-12-31' }, AT))).toBe('COMMITTEE_SUNSET_INVALID');
    expect(createCommittee({ ...valid, sunset: '2022-03-02' }, AT).ok).toBe(true);
  });
  it('UNIT_PARENT_INVALID: a committee reporting to a unit', () => {
    expect(codeOf(createCommittee({ ...valid, body: UNIT }, AT))).toBe('UNIT_PARENT_INVALID');
    expect(createCommittee({ ...valid, body: null }, AT).ok).toBe(true);
  });

  const state = (): CommitteeState =>
    evolveCommittee(undefined, {
      type: 'committee.created',
      payload: { name: 'P', mandate: 'm', chairId: 'per_owner', memberIds: ['per_owner'], sunset: '2022-06-30', bodyId: null },
      actor: 'system',
      at: AT,
    });
  it('dissolves with a reason; REASON_REQUIRED without; INVALID_TRANSITION when dissolved; EVENT_OUT_OF_ORDER before its last event', () => {
    const s = state();
    expect(dissolveCommittee(s, ' produced nothing ', AT)).toEqual({ ok: true, value: [{ type: 'committee.dissolved', payload: { reason: 'produced nothing' } }] });
    expect(codeOf(dissolveCommittee(s, '', AT))).toBe('REASON_REQUIRED');
    expect(codeOf(dissolveCommittee(s, 'r', '2022-02-01T00:00:00.000Z'))).toBe('EVENT_OUT_OF_ORDER');
    const dissolved = evolveCommittee(s, { type: 'committee.dissolved', payload: { reason: 'r' }, actor: 'system', at: '2022-04-01T00:00:00.000Z' });
    expect(dissolved.dissolvedAt).toBe('2022-04-01T00:00:00.000Z');
    expect(codeOf(dissolveCommittee(dissolved, 'again', '2022-04-02T00:00:00.000Z'))).toBe('INVALID_TRANSITION');
  });
});
