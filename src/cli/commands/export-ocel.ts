/**
 * `proverka export ocel --db FILE --to LOG.jsonocel[.gz]`: the record as an object-centric event
 * log (OCEL 2.0 JSON) for process-mining tools (pm4py, ocpa). Objects: every `assignment` (its
 * title and domain; related to its `decision`), every `person` who acted (related to their `unit`),
 * their units, and the system when it acted (`actor`); every imported case (`imported case`: its
 * name in the other system, its attributes, its import and source) with the `resource` and `group`
 * its events name (ids `resource:NAME`, `group:NAME`). Events: one per event of a case, of the
 * type of its activity (an assignment event's kind without `assignment.`), at its instant in UTC,
 * with the id `<case stream id>:<its number in the case>`, related to its case ("case"), its actor
 * or resource ("actor", "resource") and their unit or group ("unit", "group"); an imported event
 * keeps its lifecycle transition and attributes. An imported event without an instant cannot be an
 * OCEL event (time is required): it is left out and counted. Reads the record, writes only the new file.
 */
import type { Command } from 'commander';
import type { Proverka } from '../../app/proverka.js';
import { importedTraces } from '../../app/queries/imported-traces.js';
import { importedCase } from '../../domain/trace/trace.js';
import { kindOfId } from '../../domain/ids.js';
import { toMs } from '../../domain/time.js';
import { writeOcel, type OcelOutCase, type OcelOutEvent, type OcelOutObject, type OcelRelationship } from '../../interop/ocel/write-ocel.js';
import { withDatabase } from '../database.js';
import { refuseExportTarget } from '../export-target.js';
import type { Io } from '../io.js';
import { dbOption } from '../options.js';
import { formatCount, plural } from '../render/format.js';
import { ownActivity, ownCases, unitsOfPeople } from './export-sources.js';

/** The record's own cases as OCEL: each assignment with its decision, actors and units, and its events. */
export async function* ownOcelCases(app: Proverka): AsyncGenerator<OcelOutCase> {
  const unitOf = await unitsOfPeople(app);
  for await (const c of ownCases(app)) {
    const objects: OcelOutObject[] = [
      { id: c.id, type: 'assignment', attributes: { title: c.state.title, domain: c.state.domain }, relationships: [{ objectId: c.state.decisionId, qualifier: 'decision' }] },
      { id: c.state.decisionId, type: 'decision' },
    ];
    const events = c.events.map((e): OcelOutEvent => {
      const unit = unitOf.get(e.actor);
      const person = kindOfId(e.actor) === 'person';
      objects.push({ id: e.actor, type: person ? 'person' : 'actor', ...(unit !== undefined ? { relationships: [{ objectId: unit, qualifier: 'unit' }] } : {}) });
      if (unit !== undefined) objects.push({ id: unit, type: 'unit' });
      const relationships: OcelRelationship[] = [{ objectId: c.id, qualifier: 'case' }, { objectId: e.actor, qualifier: 'actor' }];
      if (unit !== undefined) relationships.push({ objectId: unit, qualifier: 'unit' });
      return { id: `${c.id}:${e.seq}`, type: ownActivity(e), time: toMs(e.at), relationships };
    });
    yield { objects, events };
  }
}

/** The imported cases as OCEL, their events without an instant left out and counted in `tally.untimed`. */
export async function* importedOcelCases(app: Proverka, tally: { untimed: number }): AsyncGenerator<OcelOutCase> {
  for await (const { id, trace: recorded } of importedTraces(app.store)) {
    const trace = importedCase(recorded);
    const attributes = { ...trace.attributes, ...(trace.name !== null ? { name: trace.name } : {}), 'proverka:import': trace.importId, 'proverka:source': trace.source };
    const objects: OcelOutObject[] = [{ id, type: 'imported case', attributes }];
    const events: OcelOutEvent[] = [];
    for (const [i, e] of trace.events.entries()) {
      if (e.at === null) {
        tally.untimed++;
        continue;
      }
      const relationships: OcelRelationship[] = [{ objectId: id, qualifier: 'case' }];
      for (const [type, name] of [['resource', e.resource], ['group', e.group]] as const) {
        if (name === null) continue;
        objects.push({ id: `${type}:${name}`, type, attributes: { name } });
        relationships.push({ objectId: `${type}:${name}`, qualifier: type });
      }
      const more = { ...e.attributes, ...(e.lifecycle !== null ? { lifecycle: e.lifecycle } : {}) };
      events.push({ id: `${id}:${i + 1}`, type: e.activity, time: toMs(e.at), attributes: more, relationships });
    }
    yield { objects, events };
  }
}

/** Writes the record to `to` as OCEL 2.0 JSON; refuses an existing file or a missing folder (exit 2), writing nothing. */
export async function exportOcel(opts: { readonly db: string; readonly to: string }, io: Io): Promise<void> {
  refuseExportTarget(opts.to);
  const tally = { untimed: 0 };
  const written = await withDatabase(opts.db, (app) =>
    writeOcel(
      opts.to,
      (async function* () {
        yield* ownOcelCases(app);
        yield* importedOcelCases(app, tally);
      })(),
    ),
  );
  const left = tally.untimed > 0 ? `; ${plural(tally.untimed, 'imported event')} without an instant left out` : '';
  io.print(`wrote ${opts.to}: ${formatCount(written.cases)} cases, ${formatCount(written.events)} events (OCEL 2.0 JSON, ${plural(written.objects, 'object')}${left})`);
}

/** Adds `ocel` to the `export` command. */
export function addOcelExport(exporting: Command, io: Io): void {
  exporting
    .command('ocel')
    .description('the record as an object-centric event log, OCEL 2.0 JSON (gzip when the file name ends in .gz), for pm4py, ocpa and other tools')
    .addOption(dbOption())
    .requiredOption('--to <file>', 'the file to write (.jsonocel or .json, optionally .gz); it must not exist')
    .action((opts: { db: string; to: string }) => exportOcel(opts, io));
}
