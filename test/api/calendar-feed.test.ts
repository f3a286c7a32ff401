/**
 * The per-person iCalendar feed of deadlines (issue #5), on both back ends: made from a browser
 * session, fetched without any session at its secret URL, parsed by an independent parser (ical.js):
 * one event per open case of the person at its deadline, none for a closed case or another person's;
 * rotation and revocation end the old URL (404); the feed's token is no API credential (401); only
 * its hash is stored; an Idempotency-Key replays the same URL without rotating again.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/cli/commands/serve.js';
import type { AssignmentState } from '../../src/domain/assignment/assignment.state.js';
import { buildServer } from '../../src/http/server.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { badAuthorization, badCookie, encodeAny, headerText } from './fuzz/garbage.js';
import { at, ORG, run } from '../support/world.js';

const FEED_URL = /^http:\/\/localhost(?::\d+)?(\/calendar\/pvc_[A-Za-z0-9_-]{43}\.ics)$/;

interface Feed {
  readonly url: string;
  /** The URL's path: what the server is asked for. */
  readonly path: string;
  readonly token: string;
}

interface ParsedEvent {
  readonly uid: string;
  readonly summary: string;
  readonly start: ICAL.Time;
  readonly stamp: ICAL.Time;
  readonly lastModified: ICAL.Time;
  readonly status: string;
  readonly categories: string[];
  readonly description: string;
  readonly url: string | null;
  readonly alarmTriggers: string[];
}

function code(body: unknown): string | undefined {
  return (body as { code?: string } | undefined)?.code;
}

/** Parses a feed with ical.js: the calendar and its events (throws when ical.js cannot read it). */
function parse(text: string): { calendar: ICAL.Component; events: Map<string, ParsedEvent> } {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const events = new Map<string, ParsedEvent>();
  for (const v of calendar.getAllSubcomponents('vevent')) {
    const uid = String(v.getFirstPropertyValue('uid'));
    if (events.has(uid)) throw new Error(`two events with UID ${uid}`);
    events.set(uid, {
      uid,
      summary: String(v.getFirstPropertyValue('summary')),
      start: v.getFirstPropertyValue('dtstart') as ICAL.Time,
      stamp: v.getFirstPropertyValue('dtstamp') as ICAL.Time,
      lastModified: v.getFirstPropertyValue('last-modified') as ICAL.Time,
      status: String(v.getFirstPropertyValue('status')),
      categories: v.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
      description: String(v.getFirstPropertyValue('description')),
      url: v.hasProperty('url') ? String(v.getFirstPropertyValue('url')) : null,
      alarmTriggers: v.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
    });
  }
  return { calendar, events };
}

for (const backend of backends()) {
  describe(`calendar feed on ${backend.name}`, () => {
    let api: ApiWorld;
    let khinchuk: Client;
    let auditor: Client;

    beforeAll(async () => {
      api = await apiWorld(backend);
      khinchuk = await api.login(ORG.people.khinchuk);
      auditor = await api.login(ORG.people.auditor);
    });
    afterAll(() => api.close());

    async function makeFeed(client: Client, headers: Record<string, string> = {}): Promise<Feed & { replayed: boolean }> {
      const answer = await client.call('POST', '/api/v1/auth/calendar-feed', { headers });
      expect(answer.status, answer.raw.body).toBe(201);
      const url = (answer.body as { url: string }).url;
      const path = FEED_URL.exec(url)?.[1];
      if (path === undefined) throw new Error(`not a feed URL: ${url}`);
      return { url, path, token: path.slice('/calendar/'.length, -'.ics'.length), replayed: answer.headers['idempotent-replayed'] === 'true' };
    }

    /** Fetches a feed as a calendar client does: no cookie, no Authorization. */
    function fetchFeed(path: string, headers: Record<string, string> = {}, server: FastifyInstance = api.server): Promise<LightMyRequestResponse> {
      return server.inject({ method: 'GET', url: path, headers });
    }

    async function deadlineOf(id: string): Promise<string> {
      const snap = await api.store.fresh.snapshot(id);
      return (snap?.state as AssignmentState).deadline;
    }

    it("serves one event per open case of the person, at its deadline, readable by ical.js; closed cases and others' cases are absent", async () => {
      const feed = await makeFeed(khinchuk);
      const res = await fetchFeed(feed.path);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar\b/);
      expect(String(res.headers['cache-control'])).toMatch(/\bprivate\b/);
      expect(res.headers['set-cookie']).toBeUndefined();

      const { calendar, events } = parse(res.body);
      expect(calendar.name).toBe('vcalendar');
      expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
      expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('Proverka');
      // Khinchuk owns the coal and the audit, and helps on the prices; the meat he held is verified (closed);
      // the wagons are the clerk's and Tsiurupa's; the purge is cancelled.
      expect([...events.keys()].sort()).toEqual(['asg_audit@proverka', 'asg_coal@proverka', 'asg_prices@proverka']);
      for (const absent of ['asg_meat', 'asg_purge', 'asg_wagons']) expect(res.body).not.toContain(absent);

      const coal = events.get('asg_coal@proverka');
      // The coal's deadline was extended from +72h to +120h: the event is at the deadline in force.
      expect(coal?.start.toJSDate().toISOString()).toBe(at(120));
      expect(coal?.start.isDate).toBe(false);
      expect(coal?.start.zone?.tzid).toBe('UTC');
      expect(coal?.summary).toBe('Due: Coal for the Donbass');
      expect(coal?.categories).toEqual(['owner', 'holder']);
      expect(coal?.description).toContain('Your part: owner, holder');
      expect(coal?.description).toContain('Decision: 1 Canned meat (dec_meat)');
      expect(coal?.description).toContain('Case: Coal for the Donbass (asg_coal)');
      expect(coal?.url).toBeNull(); // the server was not told its public URL
      for (const e of events.values()) {
        const id = e.uid.replace(/@proverka$/, '');
        const state = (await api.store.fresh.snapshot(id))?.state as AssignmentState;
        expect(e.start.toJSDate().toISOString()).toBe(await deadlineOf(id));
        expect(e.summary).toBe(`Due: ${state.title}`);
        expect(e.stamp.toJSDate().toISOString()).toBe(state.lastEventAt);
        expect(e.lastModified.toJSDate().toISOString()).toBe(state.lastEventAt);
        expect(e.status).toBe('CONFIRMED');
        expect(e.alarmTriggers).toEqual(['-P1D']);
      }
      expect(events.get('asg_prices@proverka')?.categories).toEqual(['co-executor']);
      expect(events.get('asg_audit@proverka')?.categories).toEqual(['owner', 'holder', 'urgent']);

      // The auditor controls the coal and verifies the prices.
      const auditorFeed = parse((await fetchFeed((await makeFeed(auditor)).path)).body).events;
      expect([...auditorFeed.keys()].sort()).toEqual(['asg_coal@proverka', 'asg_prices@proverka']);
      expect(auditorFeed.get('asg_coal@proverka')?.categories).toEqual(['controller']);
      expect(auditorFeed.get('asg_prices@proverka')?.categories).toEqual(['verifier']);
    });

    it('follows the record: a case closed after the feed was made leaves it; the same record gives the same bytes (ETag, 304)', async () => {
      const feed = await makeFeed(khinchuk);
      const first = await fetchFeed(feed.path);
      const again = await fetchFeed(feed.path);
      expect(again.body).toBe(first.body);
      const etag = String(first.headers['etag']);
      expect((await fetchFeed(feed.path, { 'if-none-match': etag })).statusCode).toBe(304);

      await run(api.world, ORG.people.secretary, { type: 'assignment.cancel', assignmentId: 'asg_audit', reason: 'no longer needed' });
      const after = await fetchFeed(feed.path, { 'if-none-match': etag });
      expect(after.statusCode).toBe(200);
      expect([...parse(after.body).events.keys()].sort()).toEqual(['asg_coal@proverka', 'asg_prices@proverka']);
    });

    it("rotates: a new feed's URL works and the old one is 404, without echoing its token", async () => {
      const old = await makeFeed(khinchuk);
      expect((await fetchFeed(old.path)).statusCode).toBe(200);
      const rotated = await makeFeed(khinchuk);
      expect(rotated.token).not.toBe(old.token);
      const gone = await fetchFeed(old.path);
      expect(gone.statusCode).toBe(404);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(gone.body).not.toContain(old.token);
      expect((await fetchFeed(rotated.path)).statusCode).toBe(200);
      // One live feed per account, whatever was made before.
      const account = (await api.store.accounts.byPerson(ORG.people.khinchuk))?.id ?? '';
      const live = await api.store.db.selectFrom('calendar_feeds').select('id').where('account_id', '=', account).where('revoked_at', 'is', null).execute();
      expect(live).toHaveLength(1);
    });

    it('keeps one live feed per person under concurrent rotations: exactly one of ten URLs made at once works', async () => {
      const made = await Promise.all(Array.from({ length: 10 }, () => makeFeed(auditor)));
      const statuses = await Promise.all(made.map(async (f) => (await fetchFeed(f.path)).statusCode));
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 404)).toHaveLength(9);
      const account = (await api.store.accounts.byPerson(ORG.people.auditor))?.id ?? '';
      const live = await api.store.db.selectFrom('calendar_feeds').select('id').where('account_id', '=', account).where('revoked_at', 'is', null).execute();
      expect(live).toHaveLength(1);
    });

    it('ends a feed: its URL is 404 at once; ending it again changes nothing', async () => {
      const feed = await makeFeed(khinchuk);
      expect((await khinchuk.call('DELETE', '/api/v1/auth/calendar-feed')).status).toBe(204);
      expect((await fetchFeed(feed.path)).statusCode).toBe(404);
      expect((await khinchuk.call('DELETE', '/api/v1/auth/calendar-feed')).status).toBe(204);
    });

    it('is no API credential: the feed token as a bearer token is 401, and a token cannot make or end feeds', async () => {
      const feed = await makeFeed(khinchuk);
      for (const url of ['/api/v1/auth/session', '/api/v1/assignments/asg_coal', '/api/v1/assignments']) {
        const res = await api.server.inject({ method: 'GET', url, headers: { authorization: `Bearer ${feed.token}` } });
        expect(res.statusCode, url).toBe(401);
      }
      const withToken = await api.withToken(ORG.people.khinchuk, ['read', 'write']);
      const made = await withToken.call('POST', '/api/v1/auth/calendar-feed');
      expect(made.status).toBe(403);
      expect(code(made.body)).toBe('FORBIDDEN');
      expect((await withToken.call('DELETE', '/api/v1/auth/calendar-feed')).status).toBe(403);
      expect((await api.anonymous.call('POST', '/api/v1/auth/calendar-feed')).status).toBe(401);
      // Still the live feed: the refused calls changed nothing.
      expect((await fetchFeed(feed.path)).statusCode).toBe(200);
      // A malformed or unknown name is 404 too.
      for (const path of ['/calendar/x.ics', `/calendar/${feed.token}`, `/calendar/${feed.token}.ics.ics`, `/calendar/pvk_${feed.token.slice(4)}.ics`]) {
        expect((await fetchFeed(path)).statusCode, path).toBe(404);
      }
    });

    it('stores only the hash of the token', async () => {
      const feed = await makeFeed(khinchuk);
      const rows = await api.store.db.selectFrom('calendar_feeds').selectAll().execute();
      expect(rows.some((r) => r.token_hash === createHash('sha256').update(feed.token).digest('hex'))).toBe(true);
      const dump = JSON.stringify(rows) + JSON.stringify(await api.store.db.selectFrom('idempotency').selectAll().execute());
      expect(dump).not.toContain(feed.token.slice(4));
    });

    it('replays an Idempotency-Key: the same URL, one rotation only', async () => {
      const before = await makeFeed(khinchuk);
      const key = `calendar-${backend.name}-${Date.now()}`;
      // Six at once with one key: one feed made, six identical answers, five of them replays.
      const answers = await Promise.all(Array.from({ length: 6 }, () => makeFeed(khinchuk, { 'idempotency-key': key })));
      const first = answers.find((a) => !a.replayed);
      if (first === undefined) throw new Error('every answer was a replay');
      for (const a of answers) expect(a.url).toBe(first.url);
      expect(answers.filter((a) => a.replayed)).toHaveLength(5);
      expect((await fetchFeed(before.path)).statusCode).toBe(404);
      expect((await fetchFeed(first.path)).statusCode).toBe(200);
      // After a later rotation, a replay answers the first URL again but does not bring it back.
      const later = await makeFeed(khinchuk);
      expect((await makeFeed(khinchuk, { 'idempotency-key': key })).url).toBe(first.url);
      expect((await fetchFeed(first.path)).statusCode).toBe(404);
      expect((await fetchFeed(later.path)).statusCode).toBe(200);
    });

    it("ends with the account: a disabled account's feed is 404", async () => {
      const clerk = await api.login(ORG.people.clerk);
      const feed = await makeFeed(clerk);
      expect([...parse((await fetchFeed(feed.path)).body).events.keys()]).toEqual(['asg_wagons@proverka']);
      const account = await api.store.accounts.byPerson(ORG.people.clerk);
      await api.store.accounts.disable(account?.id ?? '', new Date(api.world.clock.now()).toISOString());
      expect((await fetchFeed(feed.path)).statusCode).toBe(404);
    });

    it('answers malformed and spoiled feed URLs with a 404 problem, never a 5xx and never the feed', async () => {
      const feed = await makeFeed(auditor);
      const t = feed.token;
      const spoiled = fc.oneof(
        fc.constantFrom(`${t}x`, t.slice(0, -1), t.slice(1), t.toUpperCase(), `pvk_${t.slice(4)}`, `${t}.ics.ics`, '', '.', '..', '%zz', '%00', '../../etc/passwd', 'a/b', 'x'.repeat(5_000)),
        fc.tuple(fc.nat({ max: t.length - 1 }), fc.constantFrom(...'ABCabc019-_.%')).map(([i, c]) => t.slice(0, i) + c + t.slice(i + 1)).filter((x) => x !== t),
        fc.string({ unit: 'grapheme', maxLength: 60 }).map(encodeAny),
      );
      const request = fc.record({
        token: spoiled,
        suffix: fc.constantFrom('.ics', '.ICS', '', '.ics/', '.ics?x=1', '.json'),
        method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'DELETE'),
        headers: fc.record({ cookie: badCookie, authorization: badAuthorization, 'if-none-match': headerText() }, { requiredKeys: [] }),
      });
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const res = await api.server.inject({ method: r.method as 'GET', url: `/calendar/${r.token}${r.suffix}`, headers: r.headers });
          sent += 1;
          expect(res.statusCode).toBeLessThan(500);
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          if (r.method !== 'HEAD') expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body).not.toContain('BEGIN:VCALENDAR');
        }),
        { seed: 20_220_301, numRuns: 400 },
      );
      expect(sent).toBeGreaterThanOrEqual(400);
      expect((await fetchFeed(feed.path)).statusCode).toBe(200);
    });

    it("links each case to its API URL when the server knows its public URL; the token never reaches the logs' URL", async () => {
      const server = await buildServer({ app: api.world.app, clock: api.world.clock, filesDir: api.filesDir, logger: false, publicUrl: 'https://proverka.example/' });
      try {
        const login = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'tsiurupa', password: 'correct horse battery staple' } });
        const cookie = login.cookies.find((c) => c.name === 'proverka_session')?.value ?? '';
        const made = await server.inject({ method: 'POST', url: '/api/v1/auth/calendar-feed', headers: { cookie: `proverka_session=${cookie}`, 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken } });
        expect(made.statusCode).toBe(201);
        const url = made.json<{ url: string }>().url;
        expect(url).toMatch(/^https:\/\/proverka\.example\/calendar\/pvc_[A-Za-z0-9_-]{43}\.ics$/);
        const path = url.slice('https://proverka.example'.length);
        const events = parse((await fetchFeed(path, {}, server)).body).events;
        // Tsiurupa verifies the coal and the wagons (the audit was cancelled above; the meat is verified, the purge cancelled).
        expect([...events.keys()].sort()).toEqual(['asg_coal@proverka', 'asg_wagons@proverka']);
        for (const e of events.values()) expect(e.url).toBe(`https://proverka.example/api/v1/assignments/${e.uid.replace(/@proverka$/, '')}`);
        expect(redactUrl(path)).toBe('/calendar/[redacted]');
        expect(redactUrl(`${path}?x=1`)).toBe('/calendar/[redacted]?x=1');
      } finally {
        await server.close();
      }
    });
  });
}
