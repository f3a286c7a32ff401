/**
 * Authorization, generated from the OpenAPI document: every operation the document declares is
 * called as every role inside and outside the scope of its target, anonymously, as a person with
 * no role, and as each party of a case (authorization/roles.ts). The policy's verdict for each
 * call comes from an explicit table (authorization/policy.ts and the fixtures); the answers are
 * held against it — no 2xx where the policy refuses, nothing changed by a refused call, no refusal
 * where it allows — and scanned for fields of objects the caller may not see. An operation of the
 * document without a fixture fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import type { Finding, FindingKind, SweepResult } from './authorization/sweep.js';
import { sweep } from './authorization/sweep.js';
import { authzWorld, type AuthzWorld } from './authorization/world.js';

function of(result: SweepResult, kind: FindingKind): string[] {
  return result.findings.filter((f: Finding) => f.kind === kind).map((f) => `${f.operationId} as ${f.caller} → ${f.status}: ${f.detail}`);
}

for (const backend of backends()) {
  describe(`authorization of every operation on ${backend.name}`, () => {
    let w: AuthzWorld | undefined;
    let result: SweepResult;

    beforeAll(async () => {
      const started = performance.now();
      w = await authzWorld(backend);
      if (process.env['AUTHZ_VERBOSE'] === '1') console.info(`world built in ${Math.round(performance.now() - started)} ms`);
      const doc = await w.call('anonymous', 'GET', '/api/v1/openapi.json');
      expect(doc.status).toBe(200);
      result = await sweep(w, doc.body);
      const count = (k: FindingKind): number => result.findings.filter((f) => f.kind === k).length;
      console.info(
        `[authorization ${backend.name}] operations documented ${result.documented.length}, covered ${result.covered} (in ${result.cases} cases), uncovered ${result.uncovered.length}; ` +
          `calls ${result.calls} (allowed ${result.allowed}, of which 2xx ${result.allowed2xx}; denied ${result.denied}); ` +
          `unauthorized 2xx ${count('unauthorized-2xx')}, leaks ${count('leak')}, refused-but-changed ${count('refused-but-changed')}, ` +
          `allowed-but-refused ${count('allowed-but-refused')}, allowed-but-failed ${count('allowed-but-failed')}, refused-oddly ${count('refused-oddly')}, list-incomplete ${count('list-incomplete')}, list-leak ${count('list-leak')} (whole lists judged ${result.listsJudged}), ` +
          `5xx ${count('server-error')}; markers ${w.markers.size}`,
      );
      if (process.env['AUTHZ_VERBOSE'] === '1') console.info([...result.allowedOther, ...result.timings].join('\n'));
    }, 900_000);
    afterAll(() => w?.close());

    it('has a fixture for every operation of the document, and none for an operation it lacks', () => {
      expect(result.documented.length).toBeGreaterThan(0);
      expect(result.uncovered, 'operations of the OpenAPI document without an authorization fixture').toEqual([]);
      expect(result.stale, 'fixtures of operations the OpenAPI document does not have').toEqual([]);
    });

    it('gives no caller a 2xx that the policy refuses', () => {
      expect(result.denied).toBeGreaterThan(0);
      expect(of(result, 'unauthorized-2xx')).toEqual([]);
    });

    it('changes nothing on a refused call', () => {
      expect(of(result, 'refused-but-changed')).toEqual([]);
    });

    it('refuses with 401, 403 or 404', () => {
      expect(of(result, 'refused-oddly')).toEqual([]);
    });

    it('does not refuse a caller the policy allows', () => {
      expect(result.allowed2xx).toBeGreaterThan(0);
      expect(of(result, 'allowed-but-refused')).toEqual([]);
    });

    it('lets every call the policy allows succeed, so that each refusal is the access rules at work', () => {
      expect(of(result, 'allowed-but-failed')).toEqual([]);
    });

    it('leaks no field of an object to a caller who may not see it', () => {
      expect(w?.markers.collisions()).toEqual([]);
      expect(of(result, 'leak')).toEqual([]);
      expect(of(result, 'inspect')).toEqual([]);
    });

    it('lists show each caller exactly what they may see', () => {
      expect(result.listsJudged).toBeGreaterThan(0);
      expect(of(result, 'list-leak')).toEqual([]);
      expect(of(result, 'list-incomplete')).toEqual([]);
    });

    it('answers no call with a 5xx', () => {
      expect(of(result, 'server-error')).toEqual([]);
    });
  });
}
