/**
 * The record the crash and race tests write to: the standard organisation and `count` issued
 * assignments owned by the writers' actor, created through commands in a new database.
 */
import { expect } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { issueCommand, makeWorld, ORG, run, setupOrganisation } from '../support/world.js';
import { ESCALATION_TARGET, WRITER_ACTOR } from './writer-protocol.js';

/** Far enough ahead that no assignment of the tests falls due. */
const DEADLINE = '2099-12-31T00:00:00.000Z';

/** Creates the database at `location` with `count` open assignments; returns their ids. */
export async function prepareRecord(location: string, count: number): Promise<string[]> {
  expect(WRITER_ACTOR).toBe(ORG.people.krasin);
  expect(ESCALATION_TARGET).toBe(ORG.bodies.sto);
  const store = await openStore({ location, mode: 'create' });
  // On the worlds' clock (March 2022): the writers' events, on the machine's clock, come after these.
  const w = makeWorld(store, { seed: 7 });
  const ids: string[] = [];
  try {
    await setupOrganisation(w);
    for (let i = 0; i < count; i++) {
      const id = `asg_w${String(i).padStart(3, '0')}`;
      await run(w, ORG.people.secretary, issueCommand({ id, title: `Case ${i}`, deadline: DEADLINE, ownerId: WRITER_ACTOR }));
      ids.push(id);
    }
  } finally {
    await w.app.close();
  }
  return ids;
}
