/** The standard organisation plus three people with e-mail addresses, and the mailer and dispatcher the notification tests use. */
import { DispatcherPass, type DispatcherOptions } from '../../src/jobs/notify/dispatcher.js';
import { smtpMailer, type Mailer } from '../../src/jobs/notify/mailer.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { issueCommand, makeWorld, ORG, run, setupOrganisation, type World } from '../support/world.js';

/** People with addresses: an owner, a controller, and the person a case escalates to. */
export const MAIL = {
  owner: { id: 'per_ivanov', email: 'ivanov@example.org' },
  controller: { id: 'per_petrov', email: 'petrov@example.org' },
  target: { id: 'per_sidorov', email: 'sidorov@example.org' },
} as const;

/** A world over a fresh store with the standard organisation and the people of MAIL. */
export async function notifyWorld(store: KyselyStore): Promise<World<KyselyStore>> {
  const w = makeWorld(store);
  await setupOrganisation(w);
  await run(w, 'system', { type: 'person.register', id: MAIL.owner.id, name: 'Ivanov', unitId: ORG.units.trade, email: MAIL.owner.email });
  await run(w, 'system', { type: 'person.register', id: MAIL.controller.id, name: 'Petrov', unitId: ORG.units.ctrl, email: MAIL.controller.email });
  await run(w, 'system', { type: 'person.register', id: MAIL.target.id, name: 'Sidorov', unitId: ORG.units.sec, email: ` ${MAIL.target.email} ` });
  return w;
}

/** Issues an assignment owned by MAIL.owner and controlled by MAIL.controller; returns its id. */
export async function issueToOwner(w: World, title = 'Buy the canned meat'): Promise<string> {
  return (await run(w, ORG.people.secretary, issueCommand({ title, ownerId: MAIL.owner.id, controllerId: MAIL.controller.id }))).id;
}

/** A mailer to a local SMTP sink on `port` (no TLS). */
export function sinkMailer(port: number): Mailer {
  return smtpMailer({ host: '127.0.0.1', port, secure: false, starttls: 'never', from: 'Proverka <proverka@example.org>', timeoutMs: 5_000 });
}

/** A dispatcher pass over the world's outbox with its clock. */
export function dispatcher(w: World, options: Partial<DispatcherOptions> = {}): DispatcherPass {
  return new DispatcherPass({ outbox: w.store.outbox, clock: w.clock, worker: 'test-dispatcher', ...options });
}
