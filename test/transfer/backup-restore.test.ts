/**
 * Backups and restores through the archive file, on each back end and across them: the round trip
 * keeps every event, hash and projection; a damaged archive (an altered line, a truncation, an
 * event that breaks its chain, not an archive at all) is refused and the target stays empty; a
 * target that holds a record is refused; a backup taken while another connection appends is
 * still one consistent record.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupRecord, restoreRecord } from '../../src/app/record-transfer.js';
import { ManualClock } from '../../src/domain/clock.js';
import { ArchiveError } from '../../src/interop/record-archive.js';
import { recordArchiveFiles } from '../../src/interop/record-archive-files.js';
import { StoreError } from '../../src/store/errors.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { backends, type Backend } from '../support/backends.js';
import { populate } from '../support/scenario.js';
import { tempDir } from '../support/temp.js';
import { makeWorld } from '../support/world.js';
import { archiveLines, countEvents, eventsOf, expectEmpty, expectSameRecord, fillWithUnits, projectionsOf, resealed, writeArchiveLines } from './transfer-support.js';

/** The back ends, each used once at the top level so that the clean-up of its databases (registered on first use) runs after this file. */
const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

const clock = new ManualClock(Date.parse('2024-05-01T12:00:00.000Z'));
const archives = recordArchiveFiles;
const dir = tempDir('proverka-transfer-');
let files = 0;
const newFile = (): string => join(dir, `backup-${++files}.proverka.gz`);

/** A populated store of a back end, checkpointed, and its backup file. */
async function backedUp(backend: Backend): Promise<{ store: KyselyStore; file: string }> {
  const store = await backend.fresh();
  await populate(store);
  await store.checkpoint('2022-03-10T00:00:00.000Z');
  const file = newFile();
  await backupRecord(store, file, { archives, clock });
  return { store, file };
}

for (const source of BACKENDS) {
  describe(`[${source.name}] backup`, () => {
    it('writes the documented archive: a header, one line per event in position order, a trailer', async () => {
      const { store, file } = await backedUp(source);
      const lines = archiveLines(file);
      const events = await eventsOf(store);
      expect(lines.at(-1)).toBe('');
      expect(lines).toHaveLength(events.length + 3);
      const header = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
      const last = events.filter((e) => e['stream_id'] === 'ledger_main').at(-1);
      expect(header).toEqual({
        format: 'proverka-record',
        version: 1,
        backend: source.name,
        createdAt: '2024-05-01T12:00:00.000Z',
        events: events.length,
        lastCheckpoint: { seq: last?.['seq'], root: (JSON.parse(String(last?.['payload'])) as { root: string }).root },
      });
      const body = lines.slice(1, -2).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(Object.keys(body[0] ?? {})).toEqual(['stream', 'seq', 'type', 'actor', 'at', 'payload', 'prevHash', 'hash']);
      expect(body.map((e) => `${String(e['stream'])}#${String(e['seq'])}:${String(e['hash'])}`)).toEqual(events.map((e) => `${String(e['stream_id'])}#${String(e['seq'])}:${String(e['hash'])}`));
      const trailer = JSON.parse(lines.at(-2) ?? '') as Record<string, unknown>;
      expect(trailer).toMatchObject({ end: 'proverka-record', events: events.length });
      expect(resealed(lines).at(-2)).toBe(lines.at(-2));
      await store.close();
    });

    it('refuses to write over an existing file and leaves it untouched', async () => {
      const { store, file } = await backedUp(source);
      const before = readFileSync(file);
      const error = await backupRecord(store, file, { archives, clock }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveError);
      expect((error as ArchiveError).code).toBe('ARCHIVE_EXISTS');
      expect(readFileSync(file).equals(before)).toBe(true);
      await store.close();
    });

    it('taken while another connection appends, is still one consistent record: whole chains, and the restore verifies', async () => {
      const store = await source.fresh();
      await fillWithUnits(store, 2500);
      const other = await source.reopen(store);
      const w = makeWorld(other, { seed: 5 });
      let stop = false;
      let written = 0;
      const writer = (async () => {
        while (!stop) {
          const n = written++;
          // One event per command, and two in one transaction (a unit and its head post).
          const r = await w.app.execute('system', { type: 'unit.create', id: `unit_busy${n}`, name: `Busy ${n}` });
          if (!r.ok) throw new Error(r.error.message);
          if (n % 10 === 0) await w.app.checkpoint(true);
          // SQLite answers synchronously: let the backup's file I/O have its turn.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const file = newFile();
      let report;
      try {
        report = await backupRecord(store, file, { archives, clock });
      } finally {
        stop = true;
        await writer;
      }
      expect(report.events).toBeLessThanOrEqual(await countEvents(store));
      const target = await source.fresh();
      const restored = await restoreRecord(file, target, { archives });
      expect(restored.imported.events).toBe(report.events);
      expect(restored.verify.problems).toEqual([]);
      await Promise.all([store.close(), other.close(), target.close()]);
    });
  });

  for (const target of BACKENDS) {
    describe(`[${source.name}] backup restored into [${target.name}]`, () => {
      it('restores every event, hash and projection, and the target verifies', async () => {
        const { store, file } = await backedUp(source);
        const into = await target.fresh();
        const phases = new Set<string>();
        const report = await restoreRecord(file, into, { archives, progress: (_d, _t, phase) => phases.add(phase) });
        expect(report.verify.ok).toBe(true);
        expect(report).toMatchObject({ from: source.name, to: target.name, archivedAt: '2024-05-01T12:00:00.000Z' });
        expect([...phases]).toEqual(['checking', 'importing', 'verifying']);
        await expectSameRecord(into, { events: await eventsOf(store), projections: await projectionsOf(store) });
        // The job index is not in the record: the ladder of the open cases is planned anew on the target.
        expect((await into.jobs.pending()).map((i) => i.id)).toEqual(['ladder-replan:imported']);
        await Promise.all([store.close(), into.close()]);
      });
    });
  }
}

for (const target of BACKENDS) {
  describe(`[${target.name}] restore refuses`, () => {
    let file = '';
    let lines: string[] = [];
    beforeAll(async () => {
      const { store, file: made } = await backedUp(target);
      file = made;
      lines = archiveLines(file);
      await store.close();
    });

    /** Restores `archive` into a fresh store; expects the refusal `check` describes and an empty target. */
    async function refused(archive: string, check: (error: unknown) => void): Promise<void> {
      const into = await target.fresh();
      const error = await restoreRecord(archive, into, { archives }).catch((e: unknown) => e);
      check(error);
      await expectEmpty(into);
      await into.close();
    }

    const invalid =
      (pattern: RegExp) =>
      (error: unknown): void => {
        expect(error).toBeInstanceOf(ArchiveError);
        expect((error as ArchiveError).code).toBe('ARCHIVE_INVALID');
        expect((error as ArchiveError).message).toMatch(pattern);
      };

    it('an archive with one event line altered', async () => {
      const altered = [...lines];
      altered[5] = (altered[5] ?? '').replace('"actor":"', '"actor":"x');
      expect(altered[5]).not.toBe(lines[5]);
      const bad = newFile();
      writeArchiveLines(bad, altered);
      await refused(bad, invalid(/was altered: its events do not match its trailer/));
    });

    it('a truncated archive: its compressed bytes cut short', async () => {
      const bytes = readFileSync(file);
      const bad = newFile();
      writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await refused(bad, invalid(/truncated/));
    });

    it('a truncated archive: whole lines missing at the end, trailer and all', async () => {
      const bad = newFile();
      writeArchiveLines(bad, [...lines.slice(0, 20), '']);
      await refused(bad, invalid(/truncated: it ends after 19 events without its trailer/));
    });

    it('an archive whose event breaks its chain (trailer re-sealed to match)', async () => {
      const forged = [...lines];
      const i = forged.findIndex((l) => l.includes('"stream":"asg_meat","seq":3'));
      forged[i] = (forged[i] ?? '').replace(/"prevHash":"[0-9a-f]{64}"/, `"prevHash":"${'a'.repeat(64)}"`);
      const bad = newFile();
      writeArchiveLines(bad, resealed(forged));
      await refused(bad, (error) => {
        expect(error).toBeInstanceOf(StoreError);
        expect((error as StoreError).code).toBe('RECORD_REJECTED');
        expect((error as StoreError).details).toEqual({ streamId: 'asg_meat', seq: 3, reason: 'chain-broken' });
      });
    });

    it('a file that is not an archive', async () => {
      const bad = newFile();
      writeFileSync(bad, 'stream,seq,hash\n');
      await refused(bad, invalid(/not an intact gzip file/));
      const other = newFile();
      writeArchiveLines(other, ['{"format":"something-else","version":1}', '']);
      await refused(other, invalid(/is not a Proverka record archive/));
    });

    it('a target that already holds a record, which is left as it was', async () => {
      const into = await target.fresh();
      await fillWithUnits(into, 3);
      const before = await eventsOf(into);
      const error = await restoreRecord(file, into, { archives }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('DB_EXISTS');
      expect(await eventsOf(into)).toEqual(before);
      await into.close();
    });
  });
}
