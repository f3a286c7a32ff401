/**
 * Evidence files over HTTP on both back ends: upload (content-addressed, idempotent, limits),
 * a submission citing an uploaded file, a submission citing a missing one refused, and download
 * only through an assignment the caller sees and whose submissions cite the file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/http/files.js';
import { attachmentDisposition, mediaTypeOf } from '../../src/http/routes/files.routes.js';
import { apiWorld, type ApiWorld, type Client } from '../support/api-world.js';
import { backends } from '../support/backends.js';
import { ORG } from '../support/world.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const code = (body: unknown): string | undefined => (body as { code?: string } | undefined)?.code;

async function upload(client: Client, bytes: Buffer | string, mediaType = 'application/pdf', headers: Record<string, string> = {}) {
  return client.call('POST', '/api/v1/files', { payload: bytes, headers: { 'content-type': mediaType, ...headers } });
}

async function submit(client: Client, id: string, evidence: unknown[]) {
  const read = await client.call('GET', `/api/v1/assignments/${id}`);
  expect(read.status).toBe(200);
  return client.call('POST', `/api/v1/assignments/${id}/submit`, { body: { evidence }, headers: { 'if-match': String(read.headers.etag) } });
}

describe('file helpers', () => {
  it('keeps the essence of a media type and falls back to octet-stream', () => {
    expect(mediaTypeOf('Application/PDF; charset=binary')).toBe('application/pdf');
    expect(mediaTypeOf(undefined)).toBe('application/octet-stream');
    expect(mediaTypeOf('text/html\r\nx: y')).toBe('application/octet-stream');
    expect(mediaTypeOf('nonsense')).toBe('application/octet-stream');
  });

  it('always makes an attachment with a harmless name', () => {
    const d = attachmentDisposition('../../etc/"passwd";\r\n.pdf');
    expect(d.startsWith('attachment; filename="')).toBe(true);
    expect(d).not.toMatch(/[\r\n]/);
    expect(d).not.toContain('/');
    expect(attachmentDisposition('счёт.pdf')).toContain("filename*=UTF-8''%D1%81%D1%87%D1%91%D1%82.pdf");
  });
});

for (const backend of backends()) {
  describe(`evidence files on ${backend.name}`, () => {
    let api: ApiWorld;
    let khinchuk: Client;
    const pdf = Buffer.from('%PDF-1.4 the coal was delivered: 40 wagons\n');

    beforeAll(async () => {
      api = await apiWorld(backend);
      khinchuk = await api.login(ORG.people.khinchuk);
    });
    afterAll(() => api.close());

    it('stores an upload by its sha256, once, at <dir>/<aa>/<sha256>', async () => {
      const first = await upload(khinchuk, pdf);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ sha256: sha(pdf), size: pdf.length, mediaType: 'application/pdf' });
      const again = await upload(khinchuk, pdf);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      const path = join(api.filesDir, sha(pdf).slice(0, 2), sha(pdf));
      expect(existsSync(path)).toBe(true);
      expect(readdirSync(join(api.filesDir, 'tmp'))).toEqual([]);
    });

    it('takes any media type, JSON included, as raw bytes', async () => {
      const json = Buffer.from('{"not": "parsed"}');
      const answer = await upload(khinchuk, json, 'application/json');
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ sha256: sha(json), mediaType: 'application/json' });
      const none = await khinchuk.call('POST', '/api/v1/files', { payload: Buffer.from('raw'), headers: {} });
      expect(none.status).toBe(201);
      expect(none.body).toMatchObject({ mediaType: 'application/octet-stream' });
    });

    it('replays an Idempotency-Key and refuses it for other bytes', async () => {
      const bytes = Buffer.from('idempotent upload');
      const first = await upload(khinchuk, bytes, 'text/plain', { 'idempotency-key': 'upload-key-0001' });
      expect(first.status).toBe(201);
      const replay = await upload(khinchuk, bytes, 'text/plain', { 'idempotency-key': 'upload-key-0001' });
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      const other = await upload(khinchuk, Buffer.from('other bytes'), 'text/plain', { 'idempotency-key': 'upload-key-0001' });
      expect(other.status).toBe(422);
      expect(code(other.body)).toBe('IDEMPOTENCY_KEY_REUSED');
      const bad = await upload(khinchuk, bytes, 'text/plain', { 'idempotency-key': 'x' });
      expect(bad.status).toBe(400);
    });

    it('refuses anonymous callers, read-only tokens, empty files and files over the limit', async () => {
      expect((await upload(api.anonymous, pdf)).status).toBe(401);
      const reader = await api.withToken(ORG.people.khinchuk, ['read']);
      const readOnly = await upload(reader, pdf);
      expect(readOnly.status).toBe(403);
      const writer = await api.withToken(ORG.people.khinchuk, ['write']);
      expect((await upload(writer, Buffer.from('by token'))).status).toBe(201);
      const empty = await upload(khinchuk, Buffer.alloc(0));
      expect(empty.status).toBe(400);
      const declared = await upload(khinchuk, Buffer.alloc(MAX_FILE_BYTES + 1));
      expect(declared.status).toBe(413);
      expect(code(declared.body)).toBe('PAYLOAD_TOO_LARGE');
      // Streamed without a length: cut off while it is written, and nothing kept.
      const chunk = Buffer.alloc(1024 * 1024, 7);
      const streamed = await khinchuk.call('POST', '/api/v1/files', {
        payload: Readable.from((function* () {
          for (let i = 0; i <= MAX_FILE_BYTES / chunk.length; i++) yield chunk;
        })()) as unknown as Buffer,
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(streamed.status).toBe(413);
      expect(readdirSync(join(api.filesDir, 'tmp'))).toEqual([]);
    });

    it('lets a submission cite an uploaded file and serves it through the assignment', async () => {
      expect((await upload(khinchuk, pdf)).status).toBe(201);
      const submitted = await submit(khinchuk, 'asg_coal', [{ kind: 'document', name: 'waybill "40".pdf', sha256: sha(pdf), size: pdf.length, mediaType: 'application/pdf' }]);
      expect(submitted.status).toBe(200);
      const got = await khinchuk.call('GET', `/api/v1/assignments/asg_coal/evidence/${sha(pdf)}`);
      expect(got.status).toBe(200);
      expect(got.raw.rawPayload.equals(pdf)).toBe(true);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(String(got.headers['content-disposition'])).toMatch(/^attachment; filename="waybill _40_.pdf"/);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      // The verifier (a party) reads it too.
      const tsiurupa = await api.login(ORG.people.tsiurupa);
      expect((await tsiurupa.call('GET', `/api/v1/assignments/asg_coal/evidence/${sha(pdf)}`)).status).toBe(200);
    });

    it('keeps serving a file an earlier, rejected submission cited', async () => {
      const tsiurupa = await api.login(ORG.people.tsiurupa);
      const read = await tsiurupa.call('GET', '/api/v1/assignments/asg_coal');
      const rejected = await tsiurupa.call('POST', '/api/v1/assignments/asg_coal/reject', { body: { reasons: ['the waybill is not signed'] }, headers: { 'if-match': String(read.headers.etag) } });
      expect(rejected.status).toBe(200);
      const signed = Buffer.from('%PDF-1.4 signed waybill\n');
      expect((await upload(khinchuk, signed)).status).toBe(201);
      expect((await submit(khinchuk, 'asg_coal', [{ kind: 'document', name: 'signed.pdf', sha256: sha(signed) }])).status).toBe(200);
      expect((await khinchuk.call('GET', `/api/v1/assignments/asg_coal/evidence/${sha(signed)}`)).status).toBe(200);
      const old = await khinchuk.call('GET', `/api/v1/assignments/asg_coal/evidence/${sha(pdf)}`);
      expect(old.status).toBe(200);
      expect(old.raw.rawPayload.equals(pdf)).toBe(true);
    });

    it('refuses a submission citing a file never uploaded, or with another size, and writes nothing', async () => {
      const clerk = await api.login(ORG.people.clerk);
      const before = await clerk.call('GET', '/api/v1/assignments/asg_wagons');
      const accept = await clerk.call('POST', '/api/v1/assignments/asg_wagons/accept', { body: {}, headers: { 'if-match': String(before.headers.etag) } });
      expect(accept.status).toBe(200);
      const missing = await submit(clerk, 'asg_wagons', [{ kind: 'text', text: 'done' }, { kind: 'document', name: 'ghost.pdf', sha256: 'c'.repeat(64) }]);
      expect(missing.status).toBe(422);
      expect(code(missing.body)).toBe('EVIDENCE_FILE_MISSING');
      expect((missing.body as { index: number }).index).toBe(1);
      const wrongSize = await submit(clerk, 'asg_wagons', [{ kind: 'document', name: 'waybill.pdf', sha256: sha(pdf), size: pdf.length + 1 }]);
      expect(wrongSize.status).toBe(422);
      expect(code(wrongSize.body)).toBe('EVIDENCE_FILE_MISMATCH');
      const after = await clerk.call('GET', '/api/v1/assignments/asg_wagons');
      expect(after.headers.etag).toBe(accept.headers.etag);
      expect((after.body as { status: string }).status).toBe('in_progress');
      // A malformed sha256 is the domain's to refuse.
      const malformed = await submit(clerk, 'asg_wagons', [{ kind: 'document', name: 'x.pdf', sha256: 'not-a-hash' }]);
      expect(code(malformed.body)).toBe('EVIDENCE_INVALID');
    });

    it('answers 404 for a file the assignment does not cite, an unknown sha and a hidden assignment', async () => {
      const stray = Buffer.from('uploaded but cited by nobody');
      expect((await upload(khinchuk, stray)).status).toBe(201);
      expect((await khinchuk.call('GET', `/api/v1/assignments/asg_coal/evidence/${sha(stray)}`)).status).toBe(404);
      expect((await khinchuk.call('GET', `/api/v1/assignments/asg_coal/evidence/${'d'.repeat(64)}`)).status).toBe(404);
      // Cited by asg_meat but never uploaded.
      const meat = await (await api.login(ORG.people.krasin)).call('GET', `/api/v1/assignments/asg_meat/evidence/${'b'.repeat(64)}`);
      expect(meat.status).toBe(404);
      // Krasin takes no part in asg_coal and has no role over it: the file is not there for him.
      const krasin = await api.login(ORG.people.krasin);
      const hidden = await krasin.call('GET', `/api/v1/assignments/asg_coal/evidence/${sha(pdf)}`);
      expect(hidden.status).toBe(404);
      expect(code(hidden.body)).toBe('NOT_FOUND');
      expect(hidden.raw.body).not.toContain('PDF');
      // Another assignment the caller sees does not open a file it does not cite.
      expect((await khinchuk.call('GET', `/api/v1/assignments/asg_meat/evidence/${sha(pdf)}`)).status).toBe(404);
      expect((await khinchuk.call('GET', '/api/v1/assignments/asg_coal/evidence/..%2F..%2Fpasswd')).status).toBe(404);
      expect((await api.anonymous.call('GET', `/api/v1/assignments/asg_coal/evidence/${sha(pdf)}`)).status).toBe(401);
    });
  });
}
