/** Reads several queries share: every stream of a kind (all at once, or page by page), and the units a caller sees within a unit's subtree. */
import type { Principal } from '../../domain/access/access-policy.js';
import type { StreamKind } from '../../domain/ids.js';
import type { Store } from '../../store/port.js';
import type { AssignmentCursor, StreamSnapshot } from '../../store/read-model.js';
import { readable } from '../access/gate.js';
import { visibilityOf } from '../access/principal.js';
import { appFail, type AppResult } from '../errors.js';

const PAGE = 1000;

/** Every stream of a kind as the read model holds it, in id order, read and handed out page by page (one page in memory). */
export async function* eachStream(store: Store, kind: StreamKind): AsyncGenerator<StreamSnapshot> {
  let after: string | undefined;
  for (;;) {
    const page = await store.reads.streams(kind, { limit: PAGE, ...(after !== undefined ? { after } : {}) });
    yield* page;
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE) return;
    after = last.id;
  }
}

/** Every stream of a kind as the read model holds it, in id order. */
export async function allStreams(store: Store, kind: StreamKind): Promise<StreamSnapshot[]> {
  const out: StreamSnapshot[] = [];
  for await (const s of eachStream(store, kind)) out.push(s);
  return out;
}

/** The units a caller sees, within `unitId`'s subtree when one is asked for; NOT_FOUND when that unit does not exist or they may not see it. */
export async function visibleUnitsWithin(store: Store, principal: Principal, unitId: string | undefined): Promise<AppResult<Set<string>>> {
  const visible = new Set((await visibilityOf(store, principal)).unitIds);
  if (unitId !== undefined) {
    const found = await readable(store.reads, principal, unitId);
    if (!found.ok || found.value.kind !== 'unit') return appFail('NOT_FOUND', `no unit ${unitId}`, { id: unitId });
    const subtree = new Set(await store.reads.unitSubtree(unitId));
    for (const u of [...visible]) if (!subtree.has(u)) visible.delete(u);
  }
  return { ok: true, value: visible };
}

/** The ids of every case GET /assignments lists for the principal (all pages): a party, a role over the case's unit, the secretary of the deciding body. */
export async function visibleCaseIds(store: Store, principal: Principal): Promise<Set<string>> {
  const visibleTo = await visibilityOf(store, principal);
  const ids = new Set<string>();
  let after: AssignmentCursor | undefined;
  for (;;) {
    const page = await store.reads.assignments({ visibleTo, limit: PAGE, ...(after !== undefined ? { after } : {}) });
    for (const a of page) ids.add(a.id);
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE) return ids;
    after = { deadline: last.deadline, id: last.id };
  }
}
