/**
 * The control board of a caller: open cases counted over what the caller may see — in total, per
 * unit (each child of the unit asked for, or each top-most unit the caller sees, over its whole
 * subtree), by escalation level — and the agenda load of each body whose agenda the caller reads.
 * The cases are counted by the database (grouped by unit and escalation level); only the few
 * groups are summed here.
 */
import type { Principal } from '../../domain/access/access-policy.js';
import { isAdministratorOfAll } from '../../domain/access/access-policy.js';
import type { AgendaItemState } from '../../domain/agenda/agenda-item.js';
import { bodyLoad } from '../../domain/agenda/body-load.js';
import type { StateOf } from '../../domain/streams.js';
import { toInstant, toMs, type CalendarDate, type Instant } from '../../domain/time.js';
import type { Store } from '../../store/port.js';
import type { OpenCaseGroup, StreamSnapshot } from '../../store/read-model.js';
import { readable } from '../access/gate.js';
import { rootUnits } from '../access/placement.js';
import { visibilityOf } from '../access/principal.js';
import { appFail, type AppResult } from '../errors.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const PAGE = 1000;

/** Open cases counted: open, past their deadline, due within the soon window, submitted, escalated (level 1 or more). */
export interface CaseFigures {
  readonly open: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly submitted: number;
  readonly escalated: number;
}

/** The figures of one unit's whole subtree. */
export interface UnitFigures extends CaseFigures {
  readonly unitId: string;
  readonly name: string;
}

/** The agenda load of one body, as its agenda's load figures give it. */
export interface BodyFigures {
  readonly bodyId: string;
  readonly name: string;
  readonly level: number;
  /** Items submitted or scheduled now. */
  readonly open: number;
  /** Items scheduled for a session now. */
  readonly scheduled: number;
  readonly returnedShare: number | null;
  readonly byLadderShare: number | null;
  /** Mean time on the agenda of the stays that ended by a decision or a return, in hours (null without such stays). */
  readonly meanHoursOnAgenda: number | null;
}

/** The board. `units` are sorted by overdue (most first), then name; `escalations` by level; `bodies` by level, then name. */
export interface Board {
  readonly asOf: Instant;
  readonly unitId: string | null;
  readonly soonDays: number;
  readonly totals: CaseFigures;
  readonly units: readonly UnitFigures[];
  readonly escalations: ReadonlyArray<{ readonly level: number; readonly count: number }>;
  readonly bodies: readonly BodyFigures[];
}

/** What the board is asked for. */
export interface BoardQuery {
  /** The unit whose children make the rows (and whose subtree the totals cover); none: the caller's top-most units, and everything they see. */
  readonly unitId?: string;
  /** The soon window, in days from now. */
  readonly soonDays: number;
  readonly now: number;
}

const ZERO: CaseFigures = { open: 0, overdue: 0, dueSoon: 0, submitted: 0, escalated: 0 };

function add(a: CaseFigures, g: OpenCaseGroup): CaseFigures {
  return {
    open: a.open + g.open,
    overdue: a.overdue + g.overdue,
    dueSoon: a.dueSoon + g.dueSoon,
    submitted: a.submitted + g.submitted,
    escalated: a.escalated + (g.escalationLevel >= 1 ? g.open : 0),
  };
}

interface UnitRow {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
}

/** Every unit of the list (in pages of ids), as rows. */
async function unitRows(store: Store, unitIds: readonly string[]): Promise<UnitRow[]> {
  const out: UnitRow[] = [];
  for (let i = 0; i < unitIds.length; i += PAGE) {
    const ids = unitIds.slice(i, i + PAGE);
    let after: string | undefined;
    for (;;) {
      const page = await store.reads.streams('unit', { unitIds: ids, limit: PAGE, ...(after !== undefined ? { after } : {}) });
      for (const s of page) {
        const u = s.state as StateOf<'unit'>;
        out.push({ id: s.id, name: u.name, parentId: u.parentId });
      }
      const last = page[page.length - 1];
      if (last === undefined || page.length < PAGE) break;
      after = last.id;
    }
  }
  return out;
}

/** For each unit of `units`, the root (one of `roots`) whose subtree holds it, following parents within `units`. */
function rootOf(units: readonly UnitRow[], roots: ReadonlySet<string>): Map<string, string> {
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const out = new Map<string, string>([...roots].map((r) => [r, r]));
  for (const u of units) {
    const path: string[] = [];
    let at: string | null | undefined = u.id;
    let root: string | undefined;
    while (at !== null && at !== undefined && path.length <= units.length) {
      root = out.get(at);
      if (root !== undefined) break;
      path.push(at);
      at = parent.get(at);
    }
    if (root !== undefined) for (const id of path) out.set(id, root);
  }
  return out;
}

/** Every snapshot of a kind matching the filter, all pages. */
async function allOf(store: Store, kind: 'body' | 'agenda', bodyId?: string): Promise<StreamSnapshot[]> {
  const out: StreamSnapshot[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.reads.streams(kind, { limit: PAGE, ...(bodyId !== undefined ? { bodyId } : {}), ...(after !== undefined ? { after } : {}) });
    out.push(...page);
    const last = page[page.length - 1];
    if (last === undefined || page.length < PAGE) return out;
    after = last.id;
  }
}

/** The agenda load of each body whose agenda the principal reads: the bodies they are secretary of, or every body for an administrator of the whole organisation. */
async function bodyFigures(store: Store, principal: Principal, now: Instant): Promise<BodyFigures[]> {
  const secretaryOf = new Set(principal.grants.flatMap((g) => (g.role === 'secretary' ? [g.bodyId] : [])));
  const all = principal.grants.some((g) => g.role === 'administrator') && isAdministratorOfAll(principal, await rootUnits(store.reads));
  if (!all && secretaryOf.size === 0) return [];
  const bodies = (await allOf(store, 'body')).filter((b) => all || secretaryOf.has(b.id));
  const out: BodyFigures[] = [];
  for (const b of bodies) {
    const body = b.state as StateOf<'body'>;
    const items = (await allOf(store, 'agenda', b.id)).map((s) => s.state as AgendaItemState);
    const sessions = [...new Set(items.map((i) => i.session).filter((d): d is CalendarDate => d !== null))];
    const load = bodyLoad(items, sessions, now);
    out.push({
      bodyId: b.id,
      name: body.name,
      level: body.level,
      open: load.open,
      scheduled: items.filter((i) => i.firstSubmittedAt <= now && i.status === 'scheduled').length,
      returnedShare: load.returnedShare,
      byLadderShare: load.ladderShare,
      meanHoursOnAgenda: load.timeOnAgenda.meanMs === null ? null : load.timeOnAgenda.meanMs / HOUR_MS,
    });
  }
  return out.sort((a, b) => a.level - b.level || a.name.localeCompare(b.name) || (a.bodyId < b.bodyId ? -1 : 1));
}

/**
 * The board of a principal. NOT_FOUND when `unitId` names no unit the principal may see. Every
 * figure is the length of the list GET /api/v1/assignments gives with the matching filters (the
 * same visibility, unit subtree and instant).
 */
export async function controlBoard(store: Store, principal: Principal, query: BoardQuery): Promise<AppResult<Board>> {
  const now = toInstant(query.now);
  const soonUntil = toInstant(toMs(now) + query.soonDays * DAY_MS);
  const visibility = await visibilityOf(store, principal);

  let scope: readonly string[] | undefined;
  let units: UnitRow[];
  let roots: string[];
  if (query.unitId !== undefined) {
    const found = await readable(store.reads, principal, query.unitId);
    if (!found.ok || found.value.kind !== 'unit') return appFail('NOT_FOUND', `no unit ${query.unitId}`, { id: query.unitId });
    scope = await store.reads.unitSubtree(query.unitId);
    units = await unitRows(store, scope);
    roots = units.filter((u) => u.parentId === query.unitId).map((u) => u.id);
  } else {
    units = await unitRows(store, visibility.unitIds);
    const seen = new Set(units.map((u) => u.id));
    roots = units.filter((u) => u.parentId === null || !seen.has(u.parentId)).map((u) => u.id);
  }

  const groups = await store.reads.openCaseGroups({ visibleTo: visibility, ...(scope !== undefined ? { unitIds: scope } : {}), now, soonUntil });
  const rootSet = new Set(roots);
  const rootOfUnit = rootOf(units, rootSet);
  const byRoot = new Map<string, CaseFigures>(roots.map((r) => [r, ZERO]));
  const byLevel = new Map<number, number>();
  let totals = ZERO;
  for (const g of groups) {
    totals = add(totals, g);
    const root = g.unitId === null ? undefined : rootOfUnit.get(g.unitId);
    if (root !== undefined) byRoot.set(root, add(byRoot.get(root) ?? ZERO, g));
    if (g.escalationLevel >= 1) byLevel.set(g.escalationLevel, (byLevel.get(g.escalationLevel) ?? 0) + g.open);
  }
  const names = new Map(units.map((u) => [u.id, u.name]));
  const rows: UnitFigures[] = roots
    .map((id) => ({ unitId: id, name: names.get(id) ?? id, ...(byRoot.get(id) ?? ZERO) }))
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name) || (a.unitId < b.unitId ? -1 : 1));

  return {
    ok: true,
    value: {
      asOf: now,
      unitId: query.unitId ?? null,
      soonDays: query.soonDays,
      totals,
      units: rows,
      escalations: [...byLevel.entries()].sort(([a], [b]) => a - b).map(([level, count]) => ({ level, count })),
      bodies: await bodyFigures(store, principal, now),
    },
  };
}
