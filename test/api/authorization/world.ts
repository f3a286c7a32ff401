/**
 * The world of the authorization sweep: a fresh store of a back end holding only the organisation
 * of roles.ts (set up with commands as `system`), an account and an API token for every caller,
 * the server over it, and the helpers fixtures use to make fresh targets and to call as somebody.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../../../src/app/accounts/accounts.js';
import { issueToken } from '../../../src/app/accounts/tokens.js';
import type { Outcome } from '../../../src/app/commands/context.js';
import type { CommandInput } from '../../../src/app/commands/schemas.js';
import { buildServer } from '../../../src/http/server.js';
import type { KyselyStore } from '../../../src/store/kysely-store.js';
import { call, loginAs, PASSWORD, type Answer, type CallOptions, type Client } from '../../support/api-world.js';
import type { Backend } from '../../support/backends.js';
import { at, makeWorld, type World } from '../../support/world.js';
import { Plantation } from './leaks.js';
import { startProvider } from './oidc.js';
import type { Thing } from './policy.js';
import { B_PARTIES, BODIES, CALLERS, callerOf, COMMITTEE, DECISIONS, emailOf, people, ROOT_ADMIN, UNIT_NAMES, UNIT_PARENT, UNITS, type CallerKey } from './roles.js';

/** The username of a person of this organisation: the id without `per_`. */
export function usernameOf(personId: string): string {
  return personId.replace(/^per_/, '');
}

/** How a caller authenticates a call. */
export type Auth = 'token' | 'session' | 'new-session' | 'none';

/** The world fixtures work in. */
export interface AuthzWorld {
  readonly server: FastifyInstance;
  readonly world: World<KyselyStore>;
  readonly store: KyselyStore;
  readonly markers: Plantation;
  /** Where the server keeps evidence files. */
  readonly filesDir: string;
  /** Runs a command as someone (`system` for set-up); fails the sweep if it is refused. */
  run(actor: string, command: CommandInput): Promise<Outcome>;
  /**
   * Calls the server as a caller: with their API token (`token`), a session of theirs (`session`,
   * signed in once and kept), a session opened for this call only (`new-session`: for calls that
   * end it), or no credentials.
   */
  call(key: CallerKey, method: string, url: string, options?: CallOptions & { readonly auth?: Auth }): Promise<Answer>;
  /** The ETag of a stream now. */
  etag(id: string): Promise<string>;
  /** A new number, for unique ids and markers (zero-padded, so that none is a prefix of another). */
  next(): string;
  /** The person id of a caller (throws for anonymous). */
  person(key: CallerKey): string;
  /** The account id of a caller's person. */
  account(key: CallerKey): string;
  /** Every account of the world. */
  accountIds(): string[];
  close(): Promise<void>;
}

function personOf(key: CallerKey): string {
  const id = callerOf(key).personId;
  if (id === null) throw new Error(`${key} is nobody`);
  return id;
}

function unitThing(id: string): Thing {
  return { kind: 'unit', id };
}

/** Sets up the organisation, the accounts and tokens, the server and the planted markers. */
export async function authzWorld(backend: Backend): Promise<AuthzWorld> {
  const store = await backend.fresh();
  const world = makeWorld(store, { seed: 11 });
  const markers = new Plantation();
  const run = async (actor: string, command: CommandInput): Promise<Outcome> => {
    const r = await world.app.execute(actor, command);
    if (!r.ok) throw new Error(`set-up refused (${command.type} as ${actor}): ${r.error.code} ${r.error.message}`);
    return r.value;
  };

  for (const [id, parent] of Object.entries(UNIT_PARENT)) {
    const name = UNIT_NAMES[id] ?? id;
    const headPostId = `post_${id.slice('unit_'.length)}-head`;
    await run('system', { type: 'unit.create', id, name, headPostId, ...(parent !== null ? { parentId: parent } : {}) });
    if (id !== UNITS.root) {
      markers.plant(unitThing(id), [id, name]);
      markers.plant({ kind: 'post', id: headPostId, unitId: id }, [headPostId]);
      markers.carry(name, headPostId); // the head post's title names the unit
      markers.carry(id, headPostId);
    }
  }
  await run('system', { type: 'body.create', id: BODIES.alpha, name: 'Board Alpha', level: 1 });
  await run('system', { type: 'body.create', id: BODIES.beta, name: 'Board Beta', level: 1 });
  for (const p of people()) {
    await run('system', { type: 'person.register', id: p.id, name: p.name, unitId: p.unitId, email: emailOf(p.name) });
    if (p.unitId !== UNITS.root) {
      markers.plant({ kind: 'person', id: p.id, unitId: p.unitId }, [p.name, emailOf(p.name)]);
      markers.carry(p.unitId, p.id); // a person shows their unit
    }
    markers.inDirectory([p.name, p.unitId, UNIT_NAMES[p.unitId] ?? p.unitId]);
  }
  for (const c of CALLERS) {
    if (c.key === 'readonly:administrator' || c.personId === null) continue;
    for (const g of c.grants) await run('system', { type: 'person.grant-role', personId: c.personId, role: g.role, scopeId: g.role === 'secretary' ? g.bodyId : g.unitId });
  }
  await run('system', { type: 'decision.register', id: DECISIONS.alpha, bodyId: BODIES.alpha, number: 'A-1', date: '2022-03-01', title: 'Decision Alpha' });
  await run('system', { type: 'decision.register', id: DECISIONS.beta, bodyId: BODIES.beta, number: 'B-1', date: '2022-03-01', title: 'Decision Beta' });
  await run('system', { type: 'committee.create', id: COMMITTEE, name: 'Committee Alpha', mandate: 'what Alpha asks', chairId: ROOT_ADMIN, sunset: '2023-12-31', bodyId: BODIES.alpha });

  // B's own case: what the out-of-scope callers see, and the in-scope ones must not.
  await run(B_PARTIES.issuer, {
    type: 'assignment.issue',
    id: 'asg_zqb-case',
    decisionId: DECISIONS.beta,
    title: 'zqb-title-case',
    definitionOfDone: 'zqb-dod-case',
    deadline: at(200), // READ_DEADLINE of targets.ts: the lists of the sweep show it
    ownerId: B_PARTIES.owner,
    verifierId: B_PARTIES.verifier,
  });
  const bCase: Thing = {
    kind: 'assignment',
    id: 'asg_zqb-case',
    ownerUnit: UNITS.bSub,
    bodyId: BODIES.beta,
    parties: { ownerId: B_PARTIES.owner, holderId: B_PARTIES.owner, verifierId: B_PARTIES.verifier, issuerId: B_PARTIES.issuer, controllerId: null, coExecutorIds: [], recipientId: null },
  };
  markers.plant(bCase, ['asg_zqb-case', 'zqb-title-case', 'zqb-dod-case']);
  carryParties(markers, bCase);

  // Accounts and tokens: every caller's token is named with a marker only its own account may see.
  const accounts = new Map<string, string>();
  const tokens = new Map<CallerKey, string>();
  for (const c of CALLERS) {
    if (c.personId === null) continue;
    let accountId = accounts.get(c.personId);
    if (accountId === undefined) {
      const made = await createAccount(store, { personId: c.personId, username: usernameOf(c.personId), password: PASSWORD }, world.clock.now());
      if (!made.ok) throw new Error(`account for ${c.personId}: ${made.error.message}`);
      accountId = made.value.id;
      accounts.set(c.personId, accountId);
    }
    const name = `zqt-${c.key.replace(':', '-')}`;
    const issued = await issueToken(store, accountId, name, c.scopes, world.clock.now());
    if (!issued.ok) throw new Error(`token for ${c.key}: ${issued.error.message}`);
    tokens.set(c.key, issued.value.token);
    markers.plant({ kind: 'token', id: issued.value.record.id, personId: c.personId }, [name]);
  }

  const filesDir = mkdtempSync(join(tmpdir(), 'proverka-authz-files-'));
  const provider = await startProvider();
  // Limits on sign-in attempts are not what this test is about: every caller signs in many times.
  const server = await buildServer({ app: world.app, clock: world.clock, filesDir, logger: false, oidc: provider.options, loginRateLimit: false });
  await server.ready();
  let n = 0;
  const sessions = new Map<CallerKey, Client>();

  return {
    server,
    world,
    store,
    markers,
    filesDir,
    run,
    async call(key, method, url, options = {}) {
      const auth = options.auth ?? 'token';
      const personId = callerOf(key).personId;
      if (auth === 'none' || personId === null) return call(server, method, url, {}, options);
      if (auth === 'session' || auth === 'new-session') {
        let session = auth === 'session' ? sessions.get(key) : undefined;
        if (session === undefined) {
          session = await loginAs(server, usernameOf(personId));
          // A session the call may end (logout, a password change) is not kept for the next one.
          if (auth === 'session') sessions.set(key, session);
          else sessions.delete(key);
        }
        return session.call(method, url, options);
      }
      const token = tokens.get(key);
      if (token === undefined) throw new Error(`no token for ${key}`);
      return call(server, method, url, { authorization: `Bearer ${token}` }, options);
    },
    async etag(id) {
      const snap = await store.fresh.snapshot(id);
      if (snap === undefined) throw new Error(`no stream ${id}`);
      return `"${snap.seq}"`;
    },
    next() {
      n += 1;
      return String(n).padStart(5, '0');
    },
    person: personOf,
    account(key) {
      const id = accounts.get(personOf(key));
      if (id === undefined) throw new Error(`no account for ${key}`);
      return id;
    },
    accountIds: () => [...accounts.values()],
    async close() {
      await server.close();
      await provider.close();
      await store.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** Records that a case's answers legitimately show the names and units of its parties. */
export function carryParties(markers: Plantation, t: Extract<Thing, { kind: 'assignment' }>): void {
  const p = t.parties;
  const ids = [p.ownerId, p.holderId, p.verifierId, p.issuerId, p.controllerId, p.recipientId, ...p.coExecutorIds].filter((x): x is string => x !== null);
  const everyone = people();
  for (const id of ids) {
    const person = everyone.find((x) => x.id === id);
    if (person === undefined) continue;
    markers.carry(person.name, t.id);
    markers.carry(person.unitId, t.id);
    const unitName = UNIT_NAMES[person.unitId];
    if (unitName !== undefined) markers.carry(unitName, t.id);
  }
}
