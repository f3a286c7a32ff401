/**
 * The verification status of the record over HTTP. Anyone signed in with a role reads how much the
 * record holds, its last checkpoint (sequence, instant, Merkle root) and the outcome of the last
 * verification run through the API; an administrator of the whole organisation runs a
 * verification (every hash chain and checkpoint recomputed; nothing written to the record).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { isAdministratorOfAll } from '../../domain/access/access-policy.js';
import type { LedgerState } from '../../domain/checkpoint.js';
import { LEDGER_STREAM_ID } from '../../domain/ids.js';
import { toInstant } from '../../domain/time.js';
import { rootUnits } from '../../app/access/placement.js';
import type { VerifyReport } from '../../store/port.js';
import type { Api } from '../api.js';
import { problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import { sendProblem } from '../problem.js';
import type { ServerOptions } from '../options.js';
import { recordStatusSchema, verificationSchema } from './record.schemas.js';

type Verification = z.infer<typeof verificationSchema>;

/** The outcome of a verification report, as kept and returned. */
export function verificationOf(report: VerifyReport, at: string, by: string): Verification {
  const first = report.problems[0];
  return {
    ok: report.ok,
    at,
    by,
    events: report.events,
    streams: report.streams,
    checkpoints: report.checkpoints,
    integrity: report.integrity,
    problems: report.problems.length,
    firstProblem: first === undefined ? null : { kind: first.kind, streamId: first.streamId, seq: first.seq, position: first.position, message: first.message },
  };
}

/** The file beside the evidence files that keeps the last verification's outcome. */
const VERIFICATION_FILE = 'verification.json';

/** Registers the record's status and verification. */
export function recordRoutes(api: Api, options: ServerOptions): void {
  const { app } = options;
  const store = app.store;
  const file = join(options.filesDir, VERIFICATION_FILE);
  let running: Promise<Verification> | undefined;

  async function lastVerification(): Promise<Verification | null> {
    try {
      const parsed = verificationSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async function keep(v: Verification): Promise<void> {
    await mkdir(options.filesDir, { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(v));
    await rename(tmp, file);
  }

  api.get(
    '/api/v1/record/status',
    {
      schema: {
        tags: ['record'],
        operationId: 'getRecordStatus',
        summary: 'The verification status of the record: its size, last checkpoint and last verification (anyone with a role)',
        response: { 200: recordStatusSchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      if (who.principal.grants.length === 0) {
        denied(request, who.caller.personId, 'the status of the record is for people with a role');
        return sendProblem(reply, 'FORBIDDEN', 'the status of the record is shown to people with a role');
      }
      const counts = await store.reads.counts();
      const ledger = await store.reads.snapshot(LEDGER_STREAM_ID);
      const state = ledger?.state as LedgerState | undefined;
      return {
        events: counts.events,
        streams: counts.streams,
        lastCheckpoint: ledger === undefined || state === undefined || state.lastRoot === null ? null : { seq: ledger.seq, at: state.lastEventAt, root: state.lastRoot },
        lastVerification: await lastVerification(),
      };
    },
  );

  api.post(
    '/api/v1/record/verify',
    {
      schema: {
        tags: ['record'],
        operationId: 'verifyRecord',
        summary: 'Recompute every hash chain and checkpoint of the record now (an administrator of the whole organisation); nothing is written to the record',
        response: { 200: verificationSchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      if (!isAdministratorOfAll(who.principal, await rootUnits(store.reads))) {
        denied(request, who.caller.personId, "verifying the record needs the 'maintain' action over the whole organisation");
        return sendProblem(reply, 'FORBIDDEN', 'verifying the record needs an administrator of the whole organisation');
      }
      // One verification at a time in this process: a second request gets the running one's outcome.
      running ??= (async () => {
        try {
          const report = await store.verify();
          const v = verificationOf(report, toInstant(options.clock.now()), who.caller.personId);
          await keep(v);
          return v;
        } finally {
          running = undefined;
        }
      })();
      const v = await running;
      request.log.info({ event: 'record-verified', who: who.caller.personId, ok: v.ok, problems: v.problems }, 'record verified');
      return v;
    },
  );
}
