/**
 * Accounts that make a demo database usable over the API (what `start` adds when it builds the
 * demo): `admin`, a demo person administering every root unit, and `executor`, the owner of an
 * open case of the city. Both sign in with DEMO_PASSWORD, which is printed on the console: it is
 * for the demo only, never for a real database.
 */
import { createAccount } from '../app/accounts/accounts.js';
import { unwrap } from '../app/errors.js';
import type { Proverka } from '../app/proverka.js';
import { PERIOD_END } from '../demo/city/city-calendar.js';
import { SYSTEM_ACTOR } from '../domain/event.js';

/** The password of the demo accounts: public, printed, for the demo only. */
export const DEMO_PASSWORD = 'demo-password-123';

/** The person the demo's `admin` account belongs to, registered for it. */
export const DEMO_ADMIN_PERSON = 'per_demo-admin';

/** A demo account as printed. */
export interface DemoAccount {
  readonly username: string;
  readonly personId: string;
  readonly what: string;
}

/** The units at the top of the organisation (no parent), in id order. */
async function rootUnits(app: Proverka): Promise<string[]> {
  const roots: string[] = [];
  for (let after: string | undefined; ; ) {
    const page = await app.store.fresh.streams('unit', { limit: 1000, ...(after !== undefined ? { after } : {}) });
    for (const u of page) if ((u.state as { parentId?: string | null }).parentId === null) roots.push(u.id);
    if (page.length < 1000) return roots;
    after = page[page.length - 1]?.id;
  }
}

/**
 * Registers the demo administrator (in the largest root unit), grants it `administrator` over
 * every root unit, and opens `admin` and `executor` accounts with DEMO_PASSWORD. Commands are
 * issued as the system, dated no earlier than the end of the demo's period.
 */
export async function createDemoAccounts(app: Proverka, now: number): Promise<DemoAccount[]> {
  const at = Math.max(now, PERIOD_END);
  const roots = await rootUnits(app);
  if (roots.length === 0) throw new Error('the demo holds no unit');
  const sizes = await Promise.all(roots.map(async (id) => ({ id, units: (await app.store.fresh.unitSubtree(id)).length })));
  const largest = sizes.reduce((a, b) => (b.units > a.units ? b : a));
  unwrap(await app.execute(SYSTEM_ACTOR, { type: 'person.register', id: DEMO_ADMIN_PERSON, name: 'Demo Administrator', unitId: largest.id }));
  for (const scopeId of roots) unwrap(await app.execute(SYSTEM_ACTOR, { type: 'person.grant-role', personId: DEMO_ADMIN_PERSON, role: 'administrator', scopeId }));
  const accounts: DemoAccount[] = [];
  unwrap(await createAccount(app.store, { personId: DEMO_ADMIN_PERSON, username: 'admin', password: DEMO_PASSWORD }, at));
  accounts.push({ username: 'admin', personId: DEMO_ADMIN_PERSON, what: `administrator of every root unit (${roots.join(', ')})` });

  // The owner of the first case of the city still open at the end of its period.
  const open = await app.store.fresh.assignments({ overdueAt: new Date(PERIOD_END).toISOString(), unitIds: await app.store.fresh.unitSubtree(largest.id), limit: 1 });
  const executor = open[0]?.ownerId;
  if (executor !== undefined) {
    unwrap(await createAccount(app.store, { personId: executor, username: 'executor', password: DEMO_PASSWORD }, at));
    accounts.push({ username: 'executor', personId: executor, what: `owner of ${open[0]?.id ?? ''} and other cases` });
  }
  return accounts;
}

/** The demo accounts of a database, if `start` made them (the `admin` account of the demo administrator). */
export async function demoAccountsIn(app: Proverka): Promise<DemoAccount[]> {
  const admin = await app.store.accounts.byUsername('admin');
  if (admin?.personId !== DEMO_ADMIN_PERSON) return [];
  const found: DemoAccount[] = [{ username: 'admin', personId: admin.personId, what: 'administrator of every root unit' }];
  const executor = await app.store.accounts.byUsername('executor');
  if (executor !== undefined) found.push({ username: 'executor', personId: executor.personId, what: 'an owner of cases' });
  return found;
}
