/** Use cases of the organisation: units, people, posts, bodies, committees. Each decides everything before it appends. */
import { createBody } from '../../domain/organisation/body.js';
import { createCommittee, dissolveCommittee } from '../../domain/organisation/committee.js';
import type { RoleGrant } from '../../domain/access/roles.js';
import { grantRole, registerPerson, revokeRole } from '../../domain/organisation/person.js';
import { appointHolder, createPost, declareProfile, headPostTitle, vacatePost } from '../../domain/organisation/post.js';
import { createUnit } from '../../domain/organisation/unit.js';
import { fail } from '../../domain/result.js';
import type { WriteSession } from '../../store/port.js';
import type { AppResult } from '../errors.js';
import { existing, newId, optionalParty, parties, party, stamp, type CommandContext, type Outcome } from './context.js';
import type { CommandOf } from './schemas.js';

/** Creates a unit, under a parent unit or at the root, with its head post. */
export async function createUnitCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'unit.create'>): Promise<AppResult<Outcome>> {
  const parent = await optionalParty(tx, c.parentId, 'parent unit');
  if (!parent.ok) return parent;
  const id = await newId(tx, ctx, 'unit', c.id);
  if (!id.ok) return id;
  const postId = await newId(tx, ctx, 'post', c.headPostId);
  if (!postId.ok) return postId;
  const unit = createUnit({ name: c.name, parent: parent.value ?? null, headPostId: postId.value });
  if (!unit.ok) return unit;
  const post = createPost({ unit: { id: id.value, kind: 'unit' }, title: headPostTitle(c.name, c.headTitle), domain: 'management', head: true });
  if (!post.ok) return post;
  const events = [
    ...(await tx.append('unit', id.value, 0, stamp(unit.value, ctx))),
    ...(await tx.append('post', postId.value, 0, stamp(post.value, ctx))),
  ];
  return { ok: true, value: { id: id.value, events } };
}

/** Registers a person in a unit. */
export async function registerPersonCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'person.register'>): Promise<AppResult<Outcome>> {
  const unit = await party(tx, c.unitId, 'unit');
  if (!unit.ok) return unit;
  const id = await newId(tx, ctx, 'person', c.id);
  if (!id.ok) return id;
  const decided = registerPerson({ name: c.name, unit: unit.value, email: c.email });
  if (!decided.ok) return decided;
  return { ok: true, value: { id: id.value, events: await tx.append('person', id.value, 0, stamp(decided.value, ctx)) } };
}

/** Creates a post in a unit, optionally with its first holder. */
export async function createPostCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'post.create'>): Promise<AppResult<Outcome>> {
  const unit = await party(tx, c.unitId, 'unit');
  if (!unit.ok) return unit;
  const holder = await optionalParty(tx, c.holderId, 'holder');
  if (!holder.ok) return holder;
  const id = await newId(tx, ctx, 'post', c.id);
  if (!id.ok) return id;
  const created = createPost({ unit: unit.value, title: c.title, domain: c.domain, head: false });
  if (!created.ok) return created;
  const events = [...created.value];
  if (holder.value !== undefined) {
    if (holder.value.kind !== 'person') return fail('POST_HOLDER_INVALID', `a post is held by a person, not a ${holder.value.kind}`);
    events.push({ type: 'post.holder-appointed', payload: { personId: holder.value.id } });
  }
  return { ok: true, value: { id: id.value, events: await tx.append('post', id.value, 0, stamp(events, ctx)) } };
}

/** Appoints a person to a post. */
export async function appointCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'post.appoint'>): Promise<AppResult<Outcome>> {
  const loaded = await existing(tx, 'post', c.postId);
  if (!loaded.ok) return loaded;
  const post = loaded.value;
  const person = await party(tx, c.personId, 'person');
  if (!person.ok) return person;
  const decided = appointHolder(post.state, person.value, ctx.at);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: c.postId, events: await tx.append('post', c.postId, post.seq, stamp(decided.value, ctx)) } };
}

/** Makes a post vacant. */
export async function vacateCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'post.vacate'>): Promise<AppResult<Outcome>> {
  const loaded = await existing(tx, 'post', c.postId);
  if (!loaded.ok) return loaded;
  const post = loaded.value;
  const decided = vacatePost(post.state, ctx.at);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: c.postId, events: await tx.append('post', c.postId, post.seq, stamp(decided.value, ctx)) } };
}

/** Declares a post's profile for the choice of people (F9): its domains, floors and territory. */
export async function declareProfileCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'post.declare-profile'>): Promise<AppResult<Outcome>> {
  const loaded = await existing(tx, 'post', c.postId);
  if (!loaded.ok) return loaded;
  const post = loaded.value;
  const decided = declareProfile(post.state, { domains: c.domains, minVerified: c.minVerified, minFirstTime: c.minFirstTime, minOnTime: c.minOnTime, territory: c.territory }, ctx.at);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: c.postId, events: await tx.append('post', c.postId, post.seq, stamp(decided.value, ctx)) } };
}

/** Creates a body at a level, under an optional body above it. */
export async function createBodyCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'body.create'>): Promise<AppResult<Outcome>> {
  let parent: { ref: { id: string; kind: 'body' }; level: number } | null = null;
  if (c.parentId !== undefined) {
    const above = await existing(tx, 'body', c.parentId);
    if (!above.ok) return above;
    parent = { ref: { id: c.parentId, kind: 'body' }, level: above.value.state.level };
  }
  const id = await newId(tx, ctx, 'body', c.id);
  if (!id.ok) return id;
  const decided = createBody({ name: c.name, level: c.level, parent });
  if (!decided.ok) return decided;
  return { ok: true, value: { id: id.value, events: await tx.append('body', id.value, 0, stamp(decided.value, ctx)) } };
}

/** Creates a committee with its chair, members, mandate and sunset date. */
export async function createCommitteeCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'committee.create'>): Promise<AppResult<Outcome>> {
  const chair = await optionalParty(tx, c.chairId, 'chair');
  if (!chair.ok) return chair;
  const members = await parties(tx, c.memberIds, 'member');
  if (!members.ok) return members;
  const body = await optionalParty(tx, c.bodyId, 'body');
  if (!body.ok) return body;
  const id = await newId(tx, ctx, 'committee', c.id);
  if (!id.ok) return id;
  const decided = createCommittee({ name: c.name, mandate: c.mandate, chair: chair.value, members: members.value, sunset: c.sunset, body: body.value ?? null }, ctx.at);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: id.value, events: await tx.append('committee', id.value, 0, stamp(decided.value, ctx)) } };
}

/** Dissolves a committee, with a reason. */
export async function dissolveCommitteeCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'committee.dissolve'>): Promise<AppResult<Outcome>> {
  const loaded = await existing(tx, 'committee', c.committeeId);
  if (!loaded.ok) return loaded;
  const snap = loaded.value;
  const decided = dissolveCommittee(snap.state, c.reason, ctx.at);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: c.committeeId, events: await tx.append('committee', c.committeeId, snap.seq, stamp(decided.value, ctx)) } };
}

function grantOf(role: CommandOf<'person.grant-role'>['role'], scopeId: string): RoleGrant {
  return role === 'secretary' ? { role, bodyId: scopeId } : { role, unitId: scopeId };
}

/** Grants a person a role over a unit subtree (or, for a secretary, over a body). */
export async function grantRoleCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'person.grant-role'>): Promise<AppResult<Outcome>> {
  const loaded = await existing(tx, 'person', c.personId);
  if (!loaded.ok) return loaded;
  const scope = await party(tx, c.scopeId, 'scope');
  if (!scope.ok) return scope;
  const decided = grantRole(loaded.value.state, grantOf(c.role, c.scopeId), scope.value, ctx.at);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: c.personId, events: await tx.append('person', c.personId, loaded.value.seq, stamp(decided.value, ctx)) } };
}

/** Revokes a role a person holds. */
export async function revokeRoleCommand(tx: WriteSession, ctx: CommandContext, c: CommandOf<'person.revoke-role'>): Promise<AppResult<Outcome>> {
  const loaded = await existing(tx, 'person', c.personId);
  if (!loaded.ok) return loaded;
  const decided = revokeRole(loaded.value.state, grantOf(c.role, c.scopeId), ctx.at);
  if (!decided.ok) return decided;
  return { ok: true, value: { id: c.personId, events: await tx.append('person', c.personId, loaded.value.seq, stamp(decided.value, ctx)) } };
}
