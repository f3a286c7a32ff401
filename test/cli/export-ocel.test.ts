/**
 * `proverka export ocel`: the small demo, with the running example imported into it, as an OCEL
 * 2.0 JSON log, plain and gzip. Read back, the file has the standard's shape (a strict zod schema
 * of schema_ocel2.json's objects); every event and object is of a declared type with declared
 * attributes, every relationship names an object of the file, every time is ISO-8601 UTC; its
 * events are the database's own rows — per assignment, in order, each with its actor and the
 * actor's unit — and the imported cases' events as imported; its assignments carry their title,
 * domain and decision. An existing target or a missing folder is refused in one line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { importedCase, type ImportedEvent, type RecordedCase } from '../../src/domain/trace/trace.js';
import { z } from 'zod';
import { findDataDir } from '../interop/data-dir.js';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-export-ocel-');
const db = join(dir, 'demo.db');
const found = findDataDir();

// The OCEL 2.0 JSON format as its schema (schema_ocel2.json) gives it, each object strict.
const Iso = z.iso.datetime({ offset: true });
const Relationship = z.strictObject({ objectId: z.string(), qualifier: z.string() });
const TypeDecl = z.strictObject({ name: z.string(), attributes: z.array(z.strictObject({ name: z.string(), type: z.string() })) });
const OcelObject = z.strictObject({
  id: z.string(),
  type: z.string(),
  attributes: z.array(z.strictObject({ name: z.string(), time: Iso, value: z.string() })).optional(),
  relationships: z.array(Relationship).optional(),
});
const OcelEvent = z.strictObject({
  id: z.string(),
  type: z.string(),
  time: Iso,
  attributes: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
  relationships: z.array(Relationship).optional(),
});
const Ocel = z.strictObject({ objectTypes: z.array(TypeDecl), eventTypes: z.array(TypeDecl), objects: z.array(OcelObject), events: z.array(OcelEvent) });
type OcelLog = z.infer<typeof Ocel>;

/** The standard's own JSON schema (shared/data/ocel/schema_ocel2.json), compiled by a JSON Schema validator, date-time formats checked. */
function standardSchema(): (data: unknown) => string[] {
  if ('problem' in found) throw new Error(found.problem);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(found.dir, 'ocel', 'schema_ocel2.json'), 'utf8')) as object);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}
let violations: (data: unknown) => string[] = () => ['not compiled'];

interface Row {
  readonly stream_id: string;
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly actor: string;
}

let rows: Row[] = [];
let imported: { id: string; events: readonly ImportedEvent[] }[] = [];
let unitOf = new Map<string, string>();
let assignments: { id: string; title: string; domain: string; decision: string }[] = [];

beforeAll(async () => {
  if ('problem' in found) throw new Error(found.problem);
  violations = standardSchema();
  const built = await runCli(['demo', '--db', db, '--size', 'small']);
  expect(built.code, built.stderr).toBe(0);
  const added = await runCli(['import', 'xes', join(found.dir, 'running-example.xes'), '--db', db]);
  expect(added.code, added.stderr).toBe(0);
  const sqlite = new Database(db, { readonly: true });
  rows = sqlite.prepare("SELECT stream_id, seq, type, at, actor FROM events WHERE stream_id LIKE 'asg\\_%' ESCAPE '\\' ORDER BY stream_id, seq").all() as Row[];
  const traces = sqlite.prepare("SELECT stream_id, payload FROM events WHERE stream_id LIKE 'trc\\_%' ESCAPE '\\' ORDER BY position").all() as { stream_id: string; payload: string }[];
  imported = traces.map((t) => ({ id: t.stream_id, events: importedCase(JSON.parse(t.payload) as RecordedCase).events }));
  unitOf = new Map((sqlite.prepare('SELECT id, unit_id FROM people').all() as { id: string; unit_id: string }[]).map((p) => [p.id, p.unit_id]));
  assignments = sqlite.prepare('SELECT id, title, domain, decision_id AS decision FROM assignments ORDER BY id').all() as typeof assignments;
  sqlite.close();
}, 300_000);

/** The relationship of a given qualifier (exactly one), or undefined when there is none. */
function related(e: { relationships?: { objectId: string; qualifier: string }[] | undefined }, qualifier: string): string | undefined {
  const found = (e.relationships ?? []).filter((r) => r.qualifier === qualifier);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.objectId;
}

/** The file read back: gunzipped when gzip (its first bytes say so), parsed, valid by the standard's JSON schema, and checked against the strict one above. */
function readOcel(file: string, gzip: boolean): OcelLog {
  const bytes = readFileSync(file);
  expect(bytes[0] === 0x1f && bytes[1] === 0x8b).toBe(gzip);
  const data: unknown = JSON.parse((gzip ? gunzipSync(bytes) : bytes).toString('utf8'));
  expect(violations(data)).toEqual([]);
  return Ocel.parse(data);
}

describe('proverka export ocel', () => {
  it.each(['log.jsonocel', 'log.jsonocel.gz'])('writes %s: an OCEL 2.0 log of the record’s own and imported cases', async (name) => {
    const file = join(dir, name);
    const run = await runCli(['export', 'ocel', '--db', db, '--to', file]);
    expect(run.code, run.stderr).toBe(0);
    const streams = new Set(rows.map((r) => r.stream_id));
    const importedEvents = imported.reduce((n, t) => n + t.events.length, 0);
    expect(importedEvents).toBe(42);
    expect(imported.every((t) => t.events.every((e) => e.at !== null))).toBe(true);
    const events = rows.length + importedEvents;
    expect(run.stdout).toContain(`wrote ${file}: ${(streams.size + imported.length).toLocaleString('en')} cases, ${events.toLocaleString('en')} events (OCEL 2.0 JSON`);

    const log = readOcel(file, name.endsWith('.gz'));
    expect(log.events).toHaveLength(events);
    // Ids unique; types declared once each, with every attribute used.
    expect(new Set(log.events.map((e) => e.id)).size).toBe(events);
    const objects = new Map(log.objects.map((o) => [o.id, o]));
    expect(objects.size).toBe(log.objects.length);
    for (const [decls, items] of [
      [log.eventTypes, log.events],
      [log.objectTypes, log.objects],
    ] as const) {
      const declared = new Map(decls.map((t) => [t.name, new Set(t.attributes.map((a) => a.name))]));
      expect(declared.size).toBe(decls.length);
      for (const item of items) {
        const attributes = declared.get(item.type);
        expect(attributes, `${item.id} is of an undeclared type ${item.type}`).toBeDefined();
        for (const a of item.attributes ?? []) expect(attributes?.has(a.name), `${item.type}: ${a.name}`).toBe(true);
      }
    }
    // The running example names resources, not groups.
    expect(log.objectTypes.map((t) => t.name).sort()).toEqual(['assignment', 'decision', 'imported case', 'person', 'resource', 'unit']);
    // Every relationship names an object of the file; every time is UTC.
    for (const item of [...log.events, ...log.objects]) for (const r of item.relationships ?? []) expect(objects.has(r.objectId), `${item.id} → ${r.objectId}`).toBe(true);
    for (const e of log.events) expect(e.time).toMatch(/Z$/);

    // The own cases' events: the database's rows per assignment in order, with the actor's unit.
    const own = log.events.filter((e) => related(e, 'case')?.startsWith('asg_'));
    const mine = own.map((e) => ({ stream_id: related(e, 'case'), seq: Number(e.id.slice(e.id.lastIndexOf(':') + 1)), type: `assignment.${e.type}`, at: e.time, actor: related(e, 'actor') }));
    mine.sort((a, b) => ((a.stream_id ?? '') < (b.stream_id ?? '') ? -1 : (a.stream_id ?? '') > (b.stream_id ?? '') ? 1 : 0)); // stable: file order within a case
    expect(mine).toEqual(rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })));
    expect(own.map((e) => e.id)).toEqual(own.map((e) => `${related(e, 'case')}:${e.id.slice(e.id.lastIndexOf(':') + 1)}`));
    for (const e of own) {
      const actor = related(e, 'actor') ?? '';
      expect(objects.get(actor)?.type).toBe('person');
      expect(related(e, 'unit')).toBe(unitOf.get(actor));
      expect(objects.get(related(e, 'unit') ?? '')?.type).toBe('unit');
    }
    const asg = log.objects.filter((o) => o.type === 'assignment').map((o) => ({ id: o.id, ...Object.fromEntries((o.attributes ?? []).map((a) => [a.name, a.value])), decision: related(o, 'decision') }));
    expect(asg.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(assignments);
    for (const a of assignments) expect(objects.get(a.decision)?.type).toBe('decision');

    // The imported cases' events, as imported, in order, with their resources.
    const byCase = new Map<string, { activity: string; at: string; resource: string | null }[]>();
    for (const e of log.events) {
      const c = related(e, 'case') ?? '';
      if (!c.startsWith('trc_')) continue;
      expect(objects.get(c)?.type).toBe('imported case');
      const resource = related(e, 'resource');
      byCase.set(c, [...(byCase.get(c) ?? []), { activity: e.type, at: e.time, resource: resource === undefined ? null : (objects.get(resource)?.attributes?.find((a) => a.name === 'name')?.value ?? '?') }]);
    }
    expect([...byCase]).toEqual(imported.map((t) => [t.id, t.events.map((e) => ({ activity: e.activity, at: e.at, resource: e.resource }))]));
  });

  it('checks with the standard’s schema, which takes the standard’s example and refuses a log without an event’s time', async () => {
    if ('problem' in found) throw new Error(found.problem);
    expect(violations(JSON.parse(readFileSync(join(found.dir, 'ocel', 'ocel20_example.jsonocel'), 'utf8')))).toEqual([]);
    const file = join(dir, 'checked.jsonocel');
    expect((await runCli(['export', 'ocel', '--db', db, '--to', file])).code).toBe(0);
    const log = JSON.parse(readFileSync(file, 'utf8')) as { events: Record<string, unknown>[]; objects: Record<string, unknown>[] };
    expect(violations(log)).toEqual([]);
    const first = log.events[0] as Record<string, unknown>;
    delete first['time'];
    expect(violations(log)).toEqual(["/events/0 must have required property 'time'"]);
    first['time'] = '27 November 2026';
    expect(violations(log)).toEqual(['/events/0/time must match format "date-time"']);
  });

  it('refuses a file that exists, leaving it untouched, and a missing folder', async () => {
    const file = join(dir, 'taken.jsonocel');
    writeFileSync(file, 'mine');
    expectOneErrorLine(await runCli(['export', 'ocel', '--db', db, '--to', file]), /taken\.jsonocel already exists; choose another file \(it was left untouched\)/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expectOneErrorLine(await runCli(['export', 'ocel', '--db', db, '--to', join(dir, 'nowhere', 'log.jsonocel')]), /no folder .*nowhere to write/);
  });
});
