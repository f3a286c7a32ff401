/**
 * Beneficiary confirmation through signed links, on both back ends: who may make a link, the page
 * (escaped), a confirmation and a dispute (which sends verified work back to the verifier) recorded
 * as events by the actor `beneficiary`, one answer per link, expired and tampered links refused,
 * and no account power in a link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLink, openLink, signLink } from '../../src/app/access/beneficiary-links.js';
import { escapeHtml } from '../../src/http/routes/confirm-page.js';
import { apiWorld, type Answer, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { DAY, issueCommand, ORG, run } from '../support/world.js';

const code = (body: unknown): string | undefined => (body as { code?: string } | undefined)?.code;
const p = ORG.people;

function pathOf(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/, '');
}

function tokenOf(url: string): string {
  return pathOf(url).replace(/^\/confirm\//, '');
}

describe('signed links (pure)', () => {
  const key = 'k'.repeat(43);
  const now = Date.parse('2022-03-05T10:00:00.000Z');

  it('opens what it signed, until it expires', () => {
    const { token, claims } = makeLink(key, { assignmentId: 'asg_x', beneficiary: 'Moscow consumers' }, now, 2);
    expect(openLink(key, token, now)).toEqual({ ok: true, claims });
    expect(claims.expiresAt).toBe(now + 2 * DAY);
    expect(openLink(key, token, now + 2 * DAY - 1).ok).toBe(true);
    expect(openLink(key, token, now + 2 * DAY)).toEqual({ ok: false, why: 'expired' });
  });

  it('refuses another key, a changed payload, a changed signature and garbage', () => {
    const { token, claims } = makeLink(key, { assignmentId: 'asg_x', beneficiary: 'B' }, now);
    expect(openLink('other'.repeat(9), token, now)).toEqual({ ok: false, why: 'bad-signature' });
    const [body = '', sig = ''] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ a: 'asg_y', b: 'B', n: claims.linkId, e: claims.expiresAt / 1000 })).toString('base64url');
    expect(openLink(key, `${forged}.${sig}`, now)).toEqual({ ok: false, why: 'bad-signature' });
    const flipped = sig.slice(0, -2) + (sig.at(-2) === 'A' ? 'B' : 'A') + sig.at(-1);
    expect(openLink(key, `${body}.${flipped}`, now)).toEqual({ ok: false, why: 'bad-signature' });
    expect(openLink(key, 'garbage', now)).toEqual({ ok: false, why: 'malformed' });
    expect(openLink(key, '', now)).toEqual({ ok: false, why: 'malformed' });
    // Well signed but not claims of a link.
    const junk = Buffer.from('[1,2]').toString('base64url');
    expect(openLink(key, signLink(key, { assignmentId: '', beneficiary: '', linkId: 'x', expiresAt: now }).replace(/^[^.]+/, junk), now).ok).toBe(false);
  });

  it('escapes every character that matters in HTML', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

for (const backend of backends()) {
  describe(`beneficiary links on ${backend.name}`, () => {
    let api: ApiWorld;
    let secretary: Client;

    beforeAll(async () => {
      api = await apiWorld(backend);
      secretary = await api.login(p.secretary);
      const w = api.world;
      await run(w, p.secretary, issueCommand({ id: 'asg_xss', title: '<script>alert("t")</script> & co', definitionOfDone: '<img src=x onerror=alert(1)> delivered', ownerId: p.krasin }));
      await run(w, p.krasin, { type: 'assignment.accept', assignmentId: 'asg_xss' });
      await run(w, p.krasin, {
        type: 'assignment.submit',
        assignmentId: 'asg_xss',
        evidence: [
          { kind: 'text', text: '<b>bold</b> claim' },
          { kind: 'link', url: 'https://example.org/"><script>x</script>', label: '<i>label</i>' },
          { kind: 'figure', label: 'tonnes<', value: 12, unit: '<t>' },
          { kind: 'document', name: '<evil>.pdf', sha256: 'e'.repeat(64) },
        ],
        note: '</textarea><script>note</script>',
      });
    });
    afterAll(() => api.close());

    async function makeLinkFor(client: Client, id: string, body: unknown = { beneficiary: 'Moscow consumers' }, headers: Record<string, string> = {}): Promise<Answer> {
      return client.call('POST', `/api/v1/assignments/${id}/beneficiary-links`, { body, headers });
    }

    async function answer(url: string, form: string): Promise<Answer> {
      return api.anonymous.call('POST', pathOf(url), { payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }

    async function assignment(id: string): Promise<{ status: string; counts: Record<string, number> }> {
      return (await secretary.call('GET', `/api/v1/assignments/${id}`)).body as { status: string; counts: Record<string, number> };
    }

    it('makes a link for the issuer, owner or verifier, not for others', async () => {
      const made = await makeLinkFor(secretary, 'asg_meat');
      expect(made.status).toBe(201);
      const link = made.body as { url: string; expiresAt: string; linkId: string };
      expect(link.url).toMatch(/^\/confirm\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(link.expiresAt)).toBe(Math.floor(api.world.clock.now() / 1000) * 1000 + 14 * DAY);
      expect((await makeLinkFor(await api.login(p.krasin), 'asg_meat')).status).toBe(201); // owner
      expect((await makeLinkFor(await api.login(p.tsiurupa), 'asg_meat', { beneficiary: 'Warehouse 3', expiresInDays: 90 })).status).toBe(201); // verifier
      // The holder sees the case but is none of those, and has no role over it.
      const holder = await makeLinkFor(await api.login(p.khinchuk), 'asg_meat');
      expect(holder.status).toBe(403);
      expect(code(holder.body)).toBe('FORBIDDEN');
      // The clerk takes no part in it: for him it does not exist.
      expect((await makeLinkFor(await api.login(p.clerk), 'asg_meat')).status).toBe(404);
      expect((await makeLinkFor(api.anonymous, 'asg_meat')).status).toBe(401);
      // Nothing to confirm on cancelled or untouched work.
      const purge = await makeLinkFor(secretary, 'asg_purge');
      expect(purge.status).toBe(409);
      expect(code(purge.body)).toBe('INVALID_TRANSITION');
      expect((await makeLinkFor(secretary, 'asg_meat', { beneficiary: '' })).status).toBe(400);
      expect((await makeLinkFor(secretary, 'asg_meat', { beneficiary: 'x', expiresInDays: 91 })).status).toBe(400);
      expect((await makeLinkFor(secretary, 'asg_meat', { beneficiary: 'x', extra: 1 })).status).toBe(400);
    });

    it('replays an Idempotency-Key with the same link', async () => {
      const headers = { 'idempotency-key': 'link-key-00000001' };
      const first = await makeLinkFor(secretary, 'asg_meat', { beneficiary: 'Same' }, headers);
      const again = await makeLinkFor(secretary, 'asg_meat', { beneficiary: 'Same' }, headers);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const other = await makeLinkFor(secretary, 'asg_meat', { beneficiary: 'Other' }, headers);
      expect(other.status).toBe(422);
      expect(code(other.body)).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('shows the work on a self-contained page with every text escaped', async () => {
      const link = (await makeLinkFor(secretary, 'asg_xss', { beneficiary: '<Beneficiary & "sons">' })).body as { url: string };
      const page = await api.anonymous.call('GET', pathOf(link.url));
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['set-cookie']).toBeUndefined();
      const html = page.raw.body;
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toContain('<b>');
      expect(html).not.toContain('<evil>');
      expect(html).not.toContain('</textarea><script>');
      expect(html).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; co');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; delivered');
      expect(html).toContain('&lt;b&gt;bold&lt;/b&gt; claim');
      expect(html).toContain('&lt;Beneficiary &amp; &quot;sons&quot;&gt;');
      expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;note&lt;/script&gt;');
      expect(html).toContain('href="https://example.org/&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
      expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b|@import|url\(/i);
      expect(html).toContain('name="verdict" value="confirmed"');
      expect(html).toContain('name="verdict" value="disputed"');
    });

    it('records a confirmation (JSON) by the beneficiary actor, once', async () => {
      const link = (await makeLinkFor(secretary, 'asg_xss', { beneficiary: 'Consumers of Tula' })).body as { url: string; linkId: string };
      const before = await assignment('asg_xss');
      const confirmed = await api.anonymous.call('POST', pathOf(link.url), { body: { verdict: 'confirmed', comment: 'all 12 tonnes' } });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toEqual({ assignmentId: 'asg_xss', linkId: link.linkId, verdict: 'confirmed', recorded: true });
      const after = await assignment('asg_xss');
      expect(after.status).toBe('submitted');
      expect(after.counts['confirmations']).toBe((before.counts['confirmations'] ?? 0) + 1);
      const events = (await secretary.call('GET', '/api/v1/assignments/asg_xss/events')).body as { items: Array<{ type: string; actor: string; payload: Record<string, unknown> }> };
      const last = events.items.at(-1);
      expect(last).toMatchObject({ type: 'assignment.beneficiary-confirmed', actor: 'beneficiary', payload: { linkId: link.linkId, beneficiary: 'Consumers of Tula', comment: 'all 12 tonnes' } });
      // The same answer again is a replay; another answer is refused; nothing more is written.
      const replay = await api.anonymous.call('POST', pathOf(link.url), { body: { verdict: 'confirmed', comment: 'all 12 tonnes' } });
      expect(replay.status).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      const reused = await api.anonymous.call('POST', pathOf(link.url), { body: { verdict: 'disputed', comment: 'changed my mind' } });
      expect(reused.status).toBe(409);
      expect(code(reused.body)).toBe('LINK_USED');
      const reusedPage = await answer(link.url, 'verdict=confirmed&comment=again');
      expect(reusedPage.status).toBe(409);
      expect(reusedPage.headers['content-type']).toBe('text/html; charset=utf-8');
      expect((await assignment('asg_xss')).counts['confirmations']).toBe(after.counts['confirmations']);
      const usedPage = await api.anonymous.call('GET', pathOf(link.url));
      expect(usedPage.status).toBe(200);
      expect(usedPage.raw.body).toContain('already used');
      expect(usedPage.raw.body).not.toContain('name="verdict"');
    });

    it('records one answer per link when answers race', async () => {
      const link = (await makeLinkFor(secretary, 'asg_xss', { beneficiary: 'Racing clients' })).body as { url: string; linkId: string };
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => api.anonymous.call('POST', pathOf(link.url), { body: i % 2 === 0 ? { verdict: 'confirmed', comment: `c${i}` } : { verdict: 'disputed', comment: `d${i}` } })),
      );
      const recorded = answers.filter((a) => a.status === 200 && a.headers['idempotent-replayed'] === undefined);
      expect(recorded).toHaveLength(1);
      expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409 && code(a.body) === 'LINK_USED')).toBe(true);
      const events = (await secretary.call('GET', '/api/v1/assignments/asg_xss/events')).body as { items: Array<{ payload: Record<string, unknown> }> };
      expect(events.items.filter((e) => e.payload['linkId'] === link.linkId)).toHaveLength(1);
    });

    it('a dispute (form) sends verified work back to the verifier, who decides again', async () => {
      expect((await assignment('asg_meat')).status).toBe('verified');
      const link = (await makeLinkFor(secretary, 'asg_meat', { beneficiary: 'Petrograd soviet' })).body as { url: string; linkId: string };
      const blank = await answer(link.url, 'verdict=disputed&comment=');
      expect(blank.status).toBe(422); // a dispute says what is missing
      expect(blank.raw.body).toContain('<h1>Your answer was not recorded</h1>');
      const disputed = await answer(link.url, `verdict=disputed&comment=${encodeURIComponent('only 8 tonnes <arrived>')}`);
      expect(disputed.status).toBe(200);
      expect(disputed.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(disputed.raw.body).toContain('Thank you');
      const reopened = await secretary.call('GET', '/api/v1/assignments/asg_meat');
      expect(reopened.body).toMatchObject({ status: 'submitted', closedAt: null, verifiedBy: null });
      expect((reopened.body as { counts: Record<string, number> }).counts['disputes']).toBe(1);
      const events = (await secretary.call('GET', '/api/v1/assignments/asg_meat/events')).body as { items: Array<{ type: string; actor: string; payload: Record<string, unknown> }> };
      expect(events.items.at(-1)).toMatchObject({ type: 'assignment.beneficiary-disputed', actor: 'beneficiary', payload: { linkId: link.linkId, comment: 'only 8 tonnes <arrived>' } });
      // The verifier must decide again.
      const tsiurupa = await api.login(p.tsiurupa);
      const verified = await tsiurupa.call('POST', '/api/v1/assignments/asg_meat/verify', { body: { note: 'the rest arrived' }, headers: { 'if-match': String(reopened.headers.etag) } });
      expect(verified.status).toBe(200);
      expect((verified.body as { status: string }).status).toBe('verified');
      // The used link stays used.
      const again = await answer(link.url, 'verdict=confirmed');
      expect(again.status).toBe(409);
    });

    it('refuses expired and tampered links with LINK_INVALID, as a page or a problem', async () => {
      const link = (await makeLinkFor(secretary, 'asg_meat', { beneficiary: 'Short-lived', expiresInDays: 1 })).body as { url: string };
      const token = tokenOf(link.url);
      const [body = '', sig = ''] = token.split('.');
      const flipped = `${body}.${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
      const tampered = await api.anonymous.call('GET', `/confirm/${flipped}`);
      expect(tampered.status).toBe(403);
      expect(tampered.headers['content-type']).toBe('text/html; charset=utf-8');
      const otherBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), a: 'asg_coal' })).toString('base64url');
      const moved = await api.anonymous.call('POST', `/confirm/${otherBody}.${sig}`, { body: { verdict: 'confirmed' } });
      expect(moved.status).toBe(403);
      expect(code(moved.body)).toBe('LINK_INVALID');
      expect(JSON.stringify(moved.body)).not.toContain(sig);
      expect((await api.anonymous.call('GET', '/confirm/nonsense')).status).toBe(403);
      expect((await api.anonymous.call('GET', pathOf(link.url))).status).toBe(200);
      api.world.clock.advance(DAY + 1000);
      const expired = await api.anonymous.call('POST', pathOf(link.url), { body: { verdict: 'confirmed' } });
      expect(expired.status).toBe(403);
      expect(code(expired.body)).toBe('LINK_INVALID');
      expect((await api.anonymous.call('GET', pathOf(link.url))).status).toBe(403);
    });

    it('gives the link no account power, and a signed-in person cannot answer as the beneficiary', async () => {
      secretary = await api.login(p.secretary); // the clock moved past the idle timeout of the earlier session
      const made = await makeLinkFor(secretary, 'asg_xss', { beneficiary: 'Nobody' });
      expect(made.status, made.raw.body).toBe(201);
      const link = made.body as { url: string };
      const token = tokenOf(link.url);
      expect((await api.anonymous.call('GET', '/api/v1/assignments/asg_xss', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
      expect((await api.anonymous.call('GET', '/api/v1/assignments/asg_xss', { headers: { cookie: `proverka_session=${token}` } })).status).toBe(401);
      const page = await api.anonymous.call('GET', pathOf(link.url));
      expect(page.headers['set-cookie']).toBeUndefined();
      // There is no API route through which a signed-in person gives the beneficiary's answer.
      const asApi = await secretary.call('POST', '/api/v1/assignments/asg_xss/beneficiary/answer', { body: { verdict: 'confirmed' } });
      expect(asApi.status).toBe(404);
      // An answer the rules refuse (an unknown verdict) writes nothing.
      const before = await assignment('asg_xss');
      expect((await answer(link.url, 'verdict=maybe')).status).toBe(400);
      expect((await assignment('asg_xss')).counts).toEqual(before.counts);
    });
  });
}
