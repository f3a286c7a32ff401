/**
 * Writing an object-centric event log in the OCEL 2.0 JSON format (ocel-standard.org; the
 * `schema_ocel2.json` of the standard) that pm4py and ocpa read: `events` ({id, type, time,
 * attributes [{name, value}], relationships [{objectId, qualifier}]}), `objects` ({id, type,
 * attributes [{name, time, value}], relationships}), `objectTypes` and `eventTypes` ({name,
 * attributes [{name, type}]}), every value a string, every time ISO-8601 UTC.
 *
 * Written in one pass as the cases come: the events go to the file at once (memory never holds
 * them all), the objects — far fewer — are kept, one JSON text each, and written after the events,
 * then the types (JSON readers do not care for the order of the top-level keys). An object keeps
 * its first declaration. Object attributes carry the time 1970-01-01T00:00:00Z, the standard's
 * mark of a value without a history of changes. Gzip when the file name ends in `.gz`.
 */
import { createTextFile } from '../text-file-out.js';

/** A link from an event or object to an object, with what the link means. */
export interface OcelRelationship {
  readonly objectId: string;
  readonly qualifier: string;
}

/** One object: its id (unique in the log), its type, its attributes as text and its links to other objects. */
export interface OcelOutObject {
  readonly id: string;
  readonly type: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly relationships?: readonly OcelRelationship[];
}

/** One event: its id (unique in the log), its type (the activity), its instant (UTC ms), attributes as text and the objects it concerns. */
export interface OcelOutEvent {
  readonly id: string;
  readonly type: string;
  readonly time: number;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly relationships: readonly OcelRelationship[];
}

/** One case's share of the log: the objects it brings (repeats of known objects are ignored) and its events. */
export interface OcelOutCase {
  readonly objects: readonly OcelOutObject[];
  readonly events: readonly OcelOutEvent[];
}

/** What was written: how many cases, events and distinct objects. */
export interface OcelWritten {
  readonly cases: number;
  readonly events: number;
  readonly objects: number;
}

/** The time of an object attribute whose value has no history. */
export const OCEL_TIMELESS = '1970-01-01T00:00:00Z';

const attributeList = (attributes: Readonly<Record<string, string>> | undefined, time?: string): object[] =>
  Object.entries(attributes ?? {}).map(([name, value]) => (time === undefined ? { name, value } : { name, time, value }));

/** The JSON text of an object as OCEL 2.0 writes it. */
export function ocelObjectJson(o: OcelOutObject): string {
  return JSON.stringify({ id: o.id, type: o.type, attributes: attributeList(o.attributes, OCEL_TIMELESS), relationships: o.relationships ?? [] });
}

/** The JSON text of an event as OCEL 2.0 writes it. */
export function ocelEventJson(e: OcelOutEvent): string {
  return JSON.stringify({ id: e.id, type: e.type, time: new Date(e.time).toISOString(), attributes: attributeList(e.attributes), relationships: e.relationships });
}

/** The attribute names seen for each type, in the order first seen. */
class TypeAttributes {
  private readonly byType = new Map<string, Set<string>>();

  note(type: string, attributes: Readonly<Record<string, string>> | undefined): void {
    let names = this.byType.get(type);
    if (names === undefined) this.byType.set(type, (names = new Set()));
    for (const name of Object.keys(attributes ?? {})) names.add(name);
  }

  json(): string {
    return JSON.stringify([...this.byType].map(([name, attributes]) => ({ name, attributes: [...attributes].map((a) => ({ name: a, type: 'string' })) })));
  }
}

/**
 * Writes the cases to `path` (gzip when it ends in `.gz`; the file must not exist) and returns
 * what it wrote. The file is complete when the promise resolves. Rejects, leaving the file
 * unfinished, when it cannot be written or when a relationship names an object that no case
 * declared (the log would not be valid OCEL).
 */
export async function writeOcel(path: string, cases: AsyncIterable<OcelOutCase> | Iterable<OcelOutCase>): Promise<OcelWritten> {
  const out = createTextFile(path);
  const objects = new Map<string, string>();
  const undeclared = new Set<string>();
  const objectTypes = new TypeAttributes();
  const eventTypes = new TypeAttributes();
  const refer = (rs: readonly OcelRelationship[] | undefined): void => {
    for (const r of rs ?? []) if (!objects.has(r.objectId)) undeclared.add(r.objectId);
  };
  let nCases = 0;
  let nEvents = 0;
  try {
    await out.write('{"events":[');
    for await (const c of cases) {
      for (const o of c.objects) {
        if (objects.has(o.id)) continue;
        objects.set(o.id, ocelObjectJson(o));
        undeclared.delete(o.id);
        objectTypes.note(o.type, o.attributes);
      }
      for (const o of c.objects) refer(o.relationships);
      let chunk = '';
      for (const e of c.events) {
        refer(e.relationships);
        eventTypes.note(e.type, e.attributes);
        chunk += `${nEvents === 0 ? '\n' : ',\n'}${ocelEventJson(e)}`;
        nEvents++;
      }
      if (chunk !== '') await out.write(chunk);
      nCases++;
    }
    if (undeclared.size > 0) throw new Error(`OCEL export: relationships name objects never declared: ${[...undeclared].slice(0, 5).join(', ')}`);
    await out.write('\n],\n"objects":[');
    let chunk = '';
    let sep = '\n';
    for (const json of objects.values()) {
      chunk += `${sep}${json}`;
      sep = ',\n';
      if (chunk.length > 65_536) {
        await out.write(chunk);
        chunk = '';
      }
    }
    await out.write(chunk);
  } catch (e) {
    out.abort();
    throw e;
  }
  await out.close(`\n],\n"objectTypes":${objectTypes.json()},\n"eventTypes":${eventTypes.json()}\n}\n`);
  return { cases: nCases, events: nEvents, objects: objects.size };
}
