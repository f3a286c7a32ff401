/**
 * Choosing the board's unit: a select over every unit the caller sees (GET /units, all pages, as
 * a tree), and the path from the top down to the unit the board is narrowed to, each step a link
 * back up.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api/client.js';
import type { Page, Unit } from '../../api/types.js';

/** Every unit the caller sees (a page of 200 at a time, at most 50 pages). */
async function allUnits(signal: AbortSignal): Promise<Unit[]> {
  const units: Unit[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await api<Page<Unit>>('GET', `/units${query({ limit: 200, cursor })}`, { signal });
    units.push(...page.items);
    if (page.next === null) break;
    cursor = page.next;
  }
  return units;
}

/** The units the caller sees, cached for the session. */
export function useUnits() {
  return useQuery({ queryKey: ['units', 'all'], queryFn: ({ signal }) => allUnits(signal), staleTime: 10 * 60_000 });
}

/** Units in tree order (each parent before its children, siblings by name), with their depth. */
function treeOrder(units: readonly Unit[]): Array<{ unit: Unit; depth: number }> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parent = u.parentId !== null && byId.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: Array<{ unit: Unit; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The select of the board's unit ("" for every unit the caller sees). */
export function UnitSelect({ value, onChange }: { readonly value: string | null; readonly onChange: (unit: string | null) => void }) {
  const { t } = useTranslation('board');
  const units = useUnits();
  const ordered = treeOrder(units.data ?? []);
  return (
    <label className="field">
      <span>{t('unit')}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)} disabled={units.isPending} className="board-unit-select">
        <option value="">{t('allUnits')}</option>
        {value !== null && !ordered.some((o) => o.unit.id === value) && <option value={value}>{value}</option>}
        {ordered.map(({ unit, depth }) => (
          <option key={unit.id} value={unit.id}>
            {'\u00a0\u00a0'.repeat(depth)}
            {unit.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The path from the top to `unit`, each step narrowing the board to it (`href` builds the link); nothing at the top. */
export function UnitTrail({ unit, href }: { readonly unit: string | null; readonly href: (unit: string | null) => string }) {
  const { t } = useTranslation('board');
  const units = useUnits();
  const byId = new Map((units.data ?? []).map((u) => [u.id, u]));
  const chain: Array<{ id: string; name: string }> = [];
  for (let id = unit, guard = 0; id !== null && guard < 100; guard++) {
    const u = byId.get(id);
    // A unit above the caller's sight is left out of the path (the board's own unit never is).
    if (u === undefined && id !== unit) break;
    chain.unshift({ id, name: u?.name ?? id });
    id = u?.parentId ?? null;
  }
  if (unit === null) return null;
  return (
    <nav aria-label={t('trail')} className="board-trail">
      <ol>
        <li>
          <Link to={href(null)}>{t('allUnits')}</Link>
        </li>
        {chain.map((step) => (
          <li key={step.id}>
            {step.id === unit ? (
              <span aria-current="page">{step.name}</span>
            ) : (
              <Link to={href(step.id)}>{step.name}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A unit's name from the units the caller sees (its id until they are loaded). */
export function useUnitName(): (id: string | null) => string | null {
  const units = useUnits();
  return (id) => (id === null ? null : (units.data?.find((u) => u.id === id)?.name ?? id));
}
