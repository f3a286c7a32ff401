/** Rows of the organisation and decision tables, each a function of a stream's state after an event. */
import type { StreamEvent } from '../../domain/event.js';
import type { EventOf, StateOf } from '../../domain/streams.js';
import { rowFor, type ProjectedRow } from './rows.js';

/** The row of a unit. */
export function unitRows(id: string, s: StateOf<'unit'>): ProjectedRow[] {
  return [rowFor('units', { id, name: s.name, parent_id: s.parentId, head_post_id: s.headPostId })];
}

/** The row of a person, and the role grant or revocation the event carries. */
export function personRows(id: string, s: StateOf<'person'>, e: StreamEvent<EventOf<'person'>>): ProjectedRow[] {
  const rows = [rowFor('people', { id, name: s.name, unit_id: s.unitId, email: s.email })];
  if (e.type === 'person.role-granted' || e.type === 'person.role-revoked') {
    const g = e.payload.grant;
    rows.push(rowFor('role_grants', { person_id: id, role: g.role, scope_id: g.role === 'secretary' ? g.bodyId : g.unitId, active: e.type === 'person.role-granted' ? 1 : 0 }));
  }
  return rows;
}

/** The row of a post. */
export function postRows(id: string, s: StateOf<'post'>): ProjectedRow[] {
  return [rowFor('posts', { id, unit_id: s.unitId, title: s.title, domain: s.domain, head: s.head ? 1 : 0, holder_id: s.holderId })];
}

/** The row of a body. */
export function bodyRows(id: string, s: StateOf<'body'>): ProjectedRow[] {
  return [rowFor('bodies', { id, name: s.name, level: s.level, parent_id: s.parentId })];
}

/** The row of a committee, and its members when it is created. */
export function committeeRows(id: string, s: StateOf<'committee'>, e: StreamEvent<EventOf<'committee'>>): ProjectedRow[] {
  const rows = [
    rowFor('committees', { id, name: s.name, mandate: s.mandate, chair_id: s.chairId, body_id: s.bodyId, sunset: s.sunset, created_at: s.createdAt, dissolved_at: s.dissolvedAt }),
  ];
  if (e.type === 'committee.created') for (const person_id of s.memberIds) rows.push(rowFor('committee_members', { committee_id: id, person_id }));
  return rows;
}

/** The row of a decision. */
export function decisionRows(id: string, s: StateOf<'decision'>): ProjectedRow[] {
  return [rowFor('decisions', { id, body_id: s.bodyId, number: s.number, date: s.date, title: s.title, text: s.text, registered_at: s.registeredAt })];
}
