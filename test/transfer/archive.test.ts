/**
 * The record archive by itself (no back end): what is written reads back whole; an event source
 * that fails leaves no file; a damaged archive is refused by `check` and, as its events pass, by
 * `open` — so that an import reading it rolls back.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../src/interop/record-archive.js';
import { recordArchiveFiles } from '../../src/interop/record-archive-files.js';
import { eventHash, GENESIS_HASH } from '../../src/store/hash-chain.js';
import type { AppendedEvent } from '../../src/store/port.js';
import { tempDir } from '../support/temp.js';
import { archiveLines, listed, writeArchiveLines } from './transfer-support.js';

const dir = tempDir('proverka-archive-');
let n = 0;
const newFile = (): string => join(dir, `a${++n}.proverka.gz`);
const origin = { backend: 'sqlite', createdAt: '2024-01-01T00:00:00.000Z' };

/** A chain of `count` events of one unit stream, then a checkpoint on the ledger. */
function chain(count: number): AppendedEvent[] {
  const out: AppendedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const e = { streamId: 'unit_a', seq, type: seq === 1 ? 'unit.created' : 'unit.renamed', actor: 'system', at: '2024-01-01T00:00:00.000Z', payload: { name: `name ${seq} ✓` } };
    const hash = eventHash(prevHash, { stream: e.streamId, seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload });
    out.push({ ...e, prevHash, hash });
    prevHash = hash;
  }
  const cp = { streamId: 'ledger_main', seq: 1, type: 'checkpoint.recorded', actor: 'system', at: '2024-01-02T00:00:00.000Z', payload: { root: 'f'.repeat(64), streams: 1, changed: [] } };
  out.push({ ...cp, prevHash: GENESIS_HASH, hash: eventHash(GENESIS_HASH, { stream: cp.streamId, seq: 1, type: cp.type, actor: cp.actor, at: cp.at, payload: cp.payload }) });
  return out;
}

async function collect(events: AsyncIterable<AppendedEvent>): Promise<AppendedEvent[]> {
  const out: AppendedEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe('the record archive', () => {
  it('reads back what was written, event for event; the header and trailer describe it', async () => {
    const events = chain(12_345);
    const file = newFile();
    const written = await recordArchiveFiles.write(file, listed(events), origin);
    expect(written.header).toEqual({ format: 'proverka-record', version: 1, ...origin, events: events.length, lastCheckpoint: { seq: 1, root: 'f'.repeat(64) } });
    expect(written.streams).toBe(2);
    expect(await recordArchiveFiles.check(file)).toEqual(written);
    const opened = await recordArchiveFiles.open(file);
    expect(opened.header).toEqual(written.header);
    expect(await collect(opened.events)).toEqual(events);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('an event source that fails leaves no file, partial or whole', async () => {
    const file = newFile();
    async function* failing(): AsyncGenerator<AppendedEvent> {
      for await (const e of listed(chain(3000))) yield e;
      throw new Error('the source went away');
    }
    await expect(recordArchiveFiles.write(file, failing(), origin)).rejects.toThrow('the source went away');
    expect(readdirSync(dir).filter((f) => f.startsWith(`a${n}.`))).toEqual([]);
  });

  it('refuses, through check and through open alike, an archive whose header misdescribes its events or that runs on after its trailer', async () => {
    const file = newFile();
    await recordArchiveFiles.write(file, listed(chain(10)), origin);
    const lines = archiveLines(file);
    const variants: Array<[string, string[], RegExp]> = [
      ['a header with another count', [lines[0]?.replace('"events":11', '"events":12') ?? '', ...lines.slice(1)], /its header does not describe its events/],
      ['text after the trailer', [...lines.slice(0, -1), '{"stream":"unit_a"}', ''], /text after the trailer/],
      ['a line that is not an event', [lines[0] ?? '', '{"stream":"unit_a","seq":"one"}', ...lines.slice(2)], /line 2: not a complete event/],
      ['another version', [lines[0]?.replace('"version":1', '"version":2') ?? '', ...lines.slice(1)], /version 2; this Proverka reads version 1/],
      ['an empty file', [''], /is empty, not a Proverka record archive/],
    ];
    for (const [name, changed, pattern] of variants) {
      const bad = newFile();
      writeArchiveLines(bad, changed);
      const checked = await recordArchiveFiles.check(bad).catch((e: unknown) => e);
      expect(checked, name).toBeInstanceOf(ArchiveError);
      expect((checked as ArchiveError).message, name).toMatch(pattern);
      const read = await recordArchiveFiles
        .open(bad)
        .then((o) => collect(o.events))
        .catch((e: unknown) => e);
      expect(read, name).toBeInstanceOf(ArchiveError);
      expect((read as ArchiveError).message, name).toMatch(pattern);
    }
  });

  it('refuses a missing file and a directory', async () => {
    await expect(recordArchiveFiles.check(join(dir, 'none.gz'))).rejects.toMatchObject({ code: 'ARCHIVE_NOT_FOUND' });
    await expect(recordArchiveFiles.check(dir)).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' });
    const file = join(dir, 'plain.txt');
    writeFileSync(file, '');
    await expect(recordArchiveFiles.check(file)).rejects.toMatchObject({ code: 'ARCHIVE_INVALID' });
  });
});
