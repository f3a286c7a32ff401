/** The real event logs of the shared data folder, for the tests that read them: where they are, and their counts per the folder's README. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Cases and events per log, as the data folder's README.md gives them. */
export const README_TABLE: Record<string, { cases: number; events: number }> = {
  'receipt.xes': { cases: 1434, events: 8577 },
  'roadtraffic100traces.xes': { cases: 100, events: 390 },
  'bpic2013_incidents.xes.gz': { cases: 7554, events: 65533 },
  'bpic2012.xes.gz': { cases: 13087, events: 262200 },
  'bpic2020_permit_1t_per_variant.xes.gz': { cases: 1478, events: 26028 },
  'helpdesk.xes.gz': { cases: 4580, events: 21348 },
  'interval_event_log.xes': { cases: 1266, events: 8109 },
  'running-example.xes': { cases: 6, events: 42 },
};

/** The logs also compared with activities named by concept:name and lifecycle:transition. */
export const WITH_LIFECYCLE = new Set(['bpic2012.xes.gz', 'interval_event_log.xes']);

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The data folder: $PROVERKA_DATA_DIR when set (it must exist), else `<repo>/../shared/data`, else `/work/shared/data`. */
export function findDataDir(): { dir: string } | { problem: string } {
  const fromEnv = process.env['PROVERKA_DATA_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') {
    return existsSync(fromEnv) ? { dir: fromEnv } : { problem: `PROVERKA_DATA_DIR is ${fromEnv}, which does not exist` };
  }
  const candidates = [join(REPO, '..', 'shared', 'data'), '/work/shared/data'];
  const dir = candidates.find((d) => existsSync(d));
  return dir === undefined ? { problem: `no XES data folder: set PROVERKA_DATA_DIR, or put the logs in ${candidates.join(' or ')}` } : { dir };
}
