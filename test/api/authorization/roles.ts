/**
 * The organisation of the authorization test and the callers who knock on every operation.
 *
 *   unit_root ─┬─ unit_zqa-top ── unit_zqa-sub     (subtree A: the target objects live here)
 *              └─ unit_zqb-top ── unit_zqb-sub     (subtree B: where the out-of-scope callers hold their roles)
 *   body_alpha decides for A (dec_alpha), body_beta for B (dec_beta).
 *
 * Every role is held once over A ("in:") and once over B ("out:"); a secretary "in" is the
 * secretary of body_alpha, "out" of body_beta. The parties of A's assignments hold no role at all,
 * so that what they see and do comes from the object rules alone. Strings of A are marked `zqa`,
 * of B `zqb`: leaks.ts looks for them in answers to callers who may not see them.
 */
import { ROLES, type Role, type RoleGrant } from '../../../src/domain/access/roles.js';
import type { TokenScope } from '../../../src/app/accounts/tokens.js';

/** The units, and the parent of each. */
export const UNITS = {
  root: 'unit_root',
  aTop: 'unit_zqa-top',
  aSub: 'unit_zqa-sub',
  bTop: 'unit_zqb-top',
  bSub: 'unit_zqb-sub',
} as const;

/** A unit's parent (null for the root). */
export const UNIT_PARENT: Readonly<Record<string, string | null>> = {
  [UNITS.root]: null,
  [UNITS.aTop]: UNITS.root,
  [UNITS.aSub]: UNITS.aTop,
  [UNITS.bTop]: UNITS.root,
  [UNITS.bSub]: UNITS.bTop,
};

/** Each unit's name: the A and B ones are leak markers. */
export const UNIT_NAMES: Readonly<Record<string, string>> = {
  [UNITS.root]: 'The whole organisation',
  [UNITS.aTop]: 'zqa-unitname-top',
  [UNITS.aSub]: 'zqa-unitname-sub',
  [UNITS.bTop]: 'zqb-unitname-top',
  [UNITS.bSub]: 'zqb-unitname-sub',
};

/** The bodies (public acts: readable by anyone holding a role). */
export const BODIES = { alpha: 'body_alpha', beta: 'body_beta' } as const;
/** A committee reporting to body_alpha (a public act), chaired by the administrator of everything. */
export const COMMITTEE = 'cmt_alpha';
/** One decision of each body. */
export const DECISIONS = { alpha: 'dec_alpha', beta: 'dec_beta' } as const;

/** Inside the scope of the target objects (A, body_alpha) or outside it (B, body_beta). */
export type Side = 'in' | 'out';

/** The parts a person may take in an assignment. `recipient` is the person a handover or transfer is offered to. */
export const PARTIES = ['owner', 'holder', 'coexec', 'verifier', 'issuer', 'controller', 'recipient'] as const;
/** A part in an assignment. */
export type PartyKind = (typeof PARTIES)[number];

/** Who calls. */
export type CallerKey =
  | 'anonymous'
  /** A person of A with an account and no role and no part in anything. */
  | 'plain'
  /** Administrator over the root unit: the whole organisation. */
  | 'root:administrator'
  /** The same person, with a token that may only read. */
  | 'readonly:administrator'
  | `${Side}:${Role}`
  | `party:${PartyKind}`;

/** A caller: the person (null when anonymous), their unit, their grants, their token's scopes. */
export interface CallerSpec {
  readonly key: CallerKey;
  readonly personId: string | null;
  readonly unitId: string | null;
  readonly name: string | null;
  readonly grants: readonly RoleGrant[];
  readonly scopes: readonly TokenScope[];
}

function grantOver(role: Role, side: Side): RoleGrant {
  if (role === 'secretary') return { role, bodyId: side === 'in' ? BODIES.alpha : BODIES.beta };
  return { role, unitId: side === 'in' ? UNITS.aTop : UNITS.bTop };
}

function roleCaller(role: Role, side: Side): CallerSpec {
  const mark = side === 'in' ? 'zqa' : 'zqb';
  return {
    key: `${side}:${role}`,
    personId: `per_${mark}-role-${role}`,
    unitId: side === 'in' ? UNITS.aTop : UNITS.bTop,
    name: `${mark}-rolename-${role}`,
    grants: [grantOver(role, side)],
    scopes: ['read', 'write'],
  };
}

function partyCaller(part: PartyKind): CallerSpec {
  return { key: `party:${part}`, personId: `per_zqa-party-${part}`, unitId: UNITS.aSub, name: `zqa-partyname-${part}`, grants: [], scopes: ['read', 'write'] };
}

/** The administrator of everything. */
export const ROOT_ADMIN = 'per_root-admin';

/** Every caller of the sweep. */
export const CALLERS: readonly CallerSpec[] = [
  { key: 'anonymous', personId: null, unitId: null, name: null, grants: [], scopes: [] },
  { key: 'plain', personId: 'per_zqa-plain', unitId: UNITS.aTop, name: 'zqa-plainname', grants: [], scopes: ['read', 'write'] },
  { key: 'root:administrator', personId: ROOT_ADMIN, unitId: UNITS.root, name: 'Administrator of everything', grants: [{ role: 'administrator', unitId: UNITS.root }], scopes: ['read', 'write'] },
  { key: 'readonly:administrator', personId: ROOT_ADMIN, unitId: UNITS.root, name: 'Administrator of everything', grants: [{ role: 'administrator', unitId: UNITS.root }], scopes: ['read'] },
  ...ROLES.map((r) => roleCaller(r, 'in')),
  ...ROLES.map((r) => roleCaller(r, 'out')),
  ...PARTIES.map(partyCaller),
];

/** The caller of a key. */
export function callerOf(key: CallerKey): CallerSpec {
  const found = CALLERS.find((c) => c.key === key);
  if (found === undefined) throw new Error(`no caller ${key}`);
  return found;
}

/** The person of a party. */
export function partyId(part: PartyKind): string {
  return `per_zqa-party-${part}`;
}

/** People of B who take part in B's assignment (no accounts). */
export const B_PARTIES = { owner: 'per_zqb-party-owner', verifier: 'per_zqb-party-verifier', issuer: 'per_zqb-party-issuer' } as const;

/** Every person of the organisation: id, name, unit (callers first, then B's parties). */
export function people(): ReadonlyArray<{ readonly id: string; readonly name: string; readonly unitId: string }> {
  const seen = new Set<string>();
  const out: Array<{ id: string; name: string; unitId: string }> = [];
  for (const c of CALLERS) {
    if (c.personId === null || c.name === null || c.unitId === null || seen.has(c.personId)) continue;
    seen.add(c.personId);
    out.push({ id: c.personId, name: c.name, unitId: c.unitId });
  }
  for (const [part, id] of Object.entries(B_PARTIES)) out.push({ id, name: `zqb-partyname-${part}`, unitId: UNITS.bSub });
  return out;
}

/** The e-mail address of a person (a leak marker like their name). */
export function emailOf(name: string): string {
  return `${name}@mail.invalid`;
}
