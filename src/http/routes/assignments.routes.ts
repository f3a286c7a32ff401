/**
 * Assignments over HTTP: read one (with its ETag), list what the caller may see with filters and a
 * cursor, issue one under a decision (Idempotency-Key), take each lifecycle step (If-Match), read
 * its hour ledger and its events. Every step is the same command the CLI and the demo issue.
 */
import { z } from 'zod';
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import type { CommandInput, CommandType } from '../../app/commands/schemas.js';
import { mayIssue, readable } from '../../app/access/gate.js';
import { visibilityOf } from '../../app/access/principal.js';
import { caseView } from '../../app/queries/case-view.js';
import { listCases, mentionedIds } from '../../app/queries/cases.js';
import { toInstant, toMs, type Instant } from '../../domain/time.js';
import type { Api } from '../api.js';
import { decodeCursor, encodeCursor, idParam, problems } from '../api.js';
import { denied, requireCaller } from '../auth.js';
import { etagOf, requireIfMatch } from '../etag.js';
import { FileStore, firstUncitableDocument } from '../files.js';
import { idempotencyKeyOf, oncePerKey } from '../idempotency.js';
import { sendAppError, sendProblem } from '../problem.js';
import type { ServerOptions } from '../options.js';
import { foldCreated } from './created.js';
import { assignmentPageSchema, assignmentSchema, caseEventsSchema, ledgerSchema, stepBody } from './assignment.schemas.js';

/** Each lifecycle step: its path under /assignments/{id}/, the command it runs, and a summary. */
export const STEPS: ReadonlyArray<{ readonly path: string; readonly type: CommandType; readonly summary: string }> = [
  { path: 'accept', type: 'assignment.accept', summary: 'The owner accepts the assignment' },
  { path: 'handover', type: 'assignment.handover.offer', summary: 'The holder offers the case to another person, with a reason' },
  { path: 'handover/accept', type: 'assignment.handover.accept', summary: 'The recipient takes the case' },
  { path: 'handover/refuse', type: 'assignment.handover.refuse', summary: 'The recipient refuses the case, with a reason' },
  { path: 'transfer', type: 'assignment.transfer.request', summary: 'The owner, issuer or controller asks another person to become the owner' },
  { path: 'transfer/accept', type: 'assignment.transfer.accept', summary: 'The proposed owner accepts' },
  { path: 'transfer/refuse', type: 'assignment.transfer.refuse', summary: 'The proposed owner refuses, with a reason' },
  { path: 'extension', type: 'assignment.extension.request', summary: 'The owner or holder asks for a later deadline' },
  { path: 'extension/grant', type: 'assignment.extension.grant', summary: 'The controller (or issuer) grants the extension' },
  { path: 'extension/refuse', type: 'assignment.extension.refuse', summary: 'The controller (or issuer) refuses the extension, with a reason' },
  { path: 'submit', type: 'assignment.submit', summary: 'The holder or owner submits the work with evidence' },
  { path: 'verify', type: 'assignment.verify', summary: 'The verifier verifies the work: the case is done' },
  { path: 'reject', type: 'assignment.reject', summary: 'The verifier rejects the work, with reasons' },
  { path: 'cancel', type: 'assignment.cancel', summary: 'The issuer or controller cancels the assignment, with a reason' },
  { path: 'reopen', type: 'assignment.reopen', summary: 'The verifier, issuer or controller reopens verified work, with a reason' },
  { path: 'escalate', type: 'assignment.escalate', summary: 'Someone answerable raises the case one level, to a person or a body' },
];

function representation(id: string, version: number, state: AssignmentState): z.infer<typeof assignmentSchema> {
  return { id, version, ...state, counts: { ...state.counts } };
}

const listQuery = z
  .object({
    unit: z.string().max(80).optional().describe('Only assignments in this unit and the units below it'),
    status: z.enum(['issued', 'in_progress', 'submitted', 'verified', 'cancelled']).optional(),
    overdue: z.enum(['true', 'false']).optional().describe('Only open assignments past their deadline'),
    owner: z.string().max(80).optional(),
    holder: z.string().max(80).optional(),
    verifier: z.string().max(80).optional(),
    decision: z.string().max(80).optional(),
    domain: z.string().max(100).optional(),
    deadlineFrom: z.iso.datetime().optional(),
    deadlineTo: z.iso.datetime().optional(),
    search: z.string().max(200).optional(),
    open: z.enum(['true', 'false']).optional().describe('Only open assignments: issued, in progress or submitted'),
    escalated: z.enum(['true', 'false']).optional().describe('Only open assignments at escalation level 1 or more'),
    level: z.coerce.number().int().min(0).max(100).optional().describe('Only assignments at this escalation level exactly'),
    dueWithinDays: z.coerce.number().int().min(1).max(366).optional().describe('Only open assignments due between now and this many days from now, both included'),
    awaiting: z.string().max(80).optional().describe('Only open assignments with a pending handover or transfer offered to this person, or a pending extension this person is to approve'),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

const DAY_MS = 86_400_000;

/** The later of now and an optional ISO date-time (both bounds of a due window must hold). */
function maxInstant(now: Instant, other: string | undefined): Instant {
  if (other === undefined) return now;
  const o = toInstant(Date.parse(other));
  return o > now ? o : now;
}

function isCursor(v: unknown): v is { deadline: string; id: string } {
  return typeof v === 'object' && v !== null && typeof (v as { deadline?: unknown }).deadline === 'string' && typeof (v as { id?: unknown }).id === 'string';
}

/** Registers the assignment routes. */
export function assignmentRoutes(api: Api, options: ServerOptions): void {
  const { app } = options;
  const store = app.store;
  const files = new FileStore(options.filesDir);

  api.get(
    '/api/v1/assignments/:id',
    { schema: { tags: ['assignments'], operationId: 'getAssignment', summary: 'One assignment, with its ETag', params: idParam, response: { 200: assignmentSchema, ...problems } } },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const found = await readable(store.reads, who.principal, request.params.id);
      if (!found.ok || found.value.kind !== 'assignment') {
        denied(request, who.caller.personId, 'not visible or not an assignment');
        return sendProblem(reply, 'NOT_FOUND', `no assignment ${request.params.id}`);
      }
      reply.header('etag', etagOf(found.value.seq));
      return representation(found.value.id, found.value.seq, found.value.state as AssignmentState);
    },
  );

  api.get(
    '/api/v1/assignments',
    { schema: { tags: ['assignments'], operationId: 'listAssignments', summary: 'The assignments the caller may see, by deadline, filtered; with the names of the people, units and decisions they mention', querystring: listQuery, response: { 200: assignmentPageSchema, ...problems } } },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const q = request.query;
      const after = decodeCursor(q.cursor, isCursor);
      if (q.cursor !== undefined && after === undefined) return sendProblem(reply, 'BAD_REQUEST', 'cursor: not a cursor this API gave');
      const limit = q.limit ?? 50;
      const now = toInstant(options.clock.now());
      const unitIds = q.unit === undefined ? undefined : await store.reads.unitSubtree(q.unit);
      const page = await listCases(
        store,
        {
          ...(q.search !== undefined ? { search: q.search } : {}),
          ...(q.overdue === 'true' ? { overdueAt: now } : {}),
          ...(q.status !== undefined ? { statuses: [q.status] } : {}),
          ...(q.owner !== undefined ? { ownerId: q.owner } : {}),
          ...(q.holder !== undefined ? { holderId: q.holder } : {}),
          ...(q.verifier !== undefined ? { verifierId: q.verifier } : {}),
          ...(q.decision !== undefined ? { decisionId: q.decision } : {}),
          ...(q.domain !== undefined ? { domain: q.domain } : {}),
          ...(unitIds !== undefined ? { unitIds } : {}),
          ...(q.deadlineFrom !== undefined ? { deadlineFrom: toInstant(Date.parse(q.deadlineFrom)) } : {}),
          ...(q.deadlineTo !== undefined ? { deadlineTo: toInstant(Date.parse(q.deadlineTo)) } : {}),
          ...(q.open === 'true' || q.escalated === 'true' || q.dueWithinDays !== undefined || q.awaiting !== undefined ? { open: true } : {}),
          ...(q.escalated === 'true' ? { minEscalationLevel: 1 } : {}),
          ...(q.level !== undefined ? { escalationLevel: q.level } : {}),
          ...(q.dueWithinDays !== undefined ? { deadlineFrom: maxInstant(now, q.deadlineFrom), deadlineAtMost: toInstant(toMs(now) + q.dueWithinDays * DAY_MS) } : {}),
          ...(q.awaiting !== undefined ? { awaiting: q.awaiting } : {}),
          ...(after !== undefined ? { after } : {}),
          visibleTo: await visibilityOf(store, who.principal),
          limit: limit + 1,
        },
        now,
      );
      const items = page.cases.slice(0, limit);
      const last = items[items.length - 1];
      // The names of what this page mentions, and nothing else (not the extra row that says there is a next page).
      const names: Record<string, string> = {};
      for (const id of items.flatMap(mentionedIds)) {
        const name = page.names.get(id);
        if (name !== undefined) names[id] = name;
      }
      return {
        items: items.map((c) => ({
          id: c.id,
          title: c.title,
          decisionId: c.decisionId,
          status: c.status,
          ownerId: c.ownerId,
          holderId: c.holderId,
          holderRole: c.holderRole,
          verifierId: c.verifierId,
          issuerId: c.issuerId,
          controllerId: c.controllerId,
          coExecutorIds: [...c.coExecutorIds],
          unitId: c.unitId,
          holderUnitId: c.holderUnitId,
          domain: c.domain,
          deadline: c.deadline,
          overdue: c.overdue,
          escalationLevel: c.escalationLevel,
        })),
        next: page.cases.length > limit && last !== undefined ? encodeCursor({ deadline: last.deadline, id: last.id }) : null,
        names,
      };
    },
  );

  api.post(
    '/api/v1/decisions/:id/assignments',
    {
      schema: {
        tags: ['assignments'],
        operationId: 'issueAssignment',
        summary: 'Issue an assignment under a decision (send an Idempotency-Key to make retries safe)',
        params: idParam,
        body: stepBody('assignment.issue').describe('The assignment: title, definition of done, deadline, owner, verifier …'),
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).loose(),
        response: { 201: assignmentSchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const command = { ...(request.body as object), type: 'assignment.issue', decisionId: request.params.id } as CommandInput;
      const gate = await mayIssue(store.reads, who.principal, command as never);
      if (!gate.ok) {
        denied(request, who.caller.personId, gate.error.message);
        return sendAppError(reply, gate.error);
      }
      const key = idempotencyKeyOf(request, reply, who.caller.personId);
      if (key === null) return reply;
      const result = await oncePerKey(key, reply, () => app.execute(who.caller.personId, command, key === undefined ? {} : { idempotency: key }));
      if (result === undefined) return reply;
      if (!result.ok) return sendAppError(reply, result.error);
      // As the command's own events made it: a replay answers as the first answer did, even after later steps.
      const created = foldCreated('assignment', result.value);
      if (created === undefined) return sendProblem(reply, 'INTERNAL', 'the assignment was issued but its events are not in the outcome');
      reply.header('etag', etagOf(created.version)).header('location', `/api/v1/assignments/${result.value.id}`);
      if (result.value.replayed === true) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(representation(result.value.id, created.version, created.state));
    },
  );

  for (const step of STEPS) {
    api.post(
      `/api/v1/assignments/:id/${step.path}`,
      {
        schema: {
          tags: ['assignment lifecycle'],
          operationId: `${step.type.replace(/^assignment\./, '').replace(/[.-](\w)/g, (_m, c: string) => c.toUpperCase())}Assignment`,
          summary: `${step.summary} (If-Match: the ETag you read)`,
          params: idParam,
          body: stepBody(step.type),
          headers: z.object({ 'if-match': z.string().max(100).optional() }).loose(),
          response: { 200: assignmentSchema, ...problems },
        },
      },
      async (request, reply) => {
        const who = await requireCaller(store, request, reply);
        if (who === undefined) return reply;
        const id = request.params.id;
        const command = { ...(request.body as object), type: step.type, assignmentId: id } as CommandInput;
        const gate = await mayIssue(store.reads, who.principal, command as never);
        if (!gate.ok) {
          denied(request, who.caller.personId, gate.error.message);
          return sendAppError(reply, gate.error);
        }
        const seq = requireIfMatch(request, reply);
        if (seq === undefined) return reply;
        if (step.type === 'assignment.submit') {
          // Every document cited must have been uploaded (POST /api/v1/files), with the size it has.
          const bad = await firstUncitableDocument(files, (command as { evidence?: unknown }).evidence);
          if (bad !== undefined) {
            return bad.problem === 'missing'
              ? sendProblem(reply, 'EVIDENCE_FILE_MISSING', `evidence item ${bad.index + 1}: no file with sha256 ${bad.sha256} was uploaded`, { index: bad.index, sha256: bad.sha256 })
              : sendProblem(reply, 'EVIDENCE_FILE_MISMATCH', `evidence item ${bad.index + 1}: the size given is not that of the uploaded file ${bad.sha256}`, { index: bad.index, sha256: bad.sha256 });
          }
        }
        const result = await app.execute(who.caller.personId, command, { expect: { id, seq } });
        if (!result.ok) {
          if (result.error.code.startsWith('NOT_THE_') || result.error.code === 'NOT_PERMITTED') denied(request, who.caller.personId, result.error.message);
          return sendAppError(reply, result.error);
        }
        const snap = await store.fresh.snapshot(id);
        if (snap === undefined) return sendProblem(reply, 'INTERNAL', 'the assignment cannot be read back');
        reply.header('etag', etagOf(snap.seq));
        return representation(id, snap.seq, snap.state as AssignmentState);
      },
    );
  }

  api.get(
    '/api/v1/assignments/:id/ledger',
    {
      schema: {
        tags: ['assignments'],
        operationId: 'getAssignmentLedger',
        summary: 'The hour ledger of a case: who held it, in what role, for how long, overdue or not; requests, refusals and marks',
        params: idParam,
        response: { 200: ledgerSchema, ...problems },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const found = await readable(store.reads, who.principal, request.params.id);
      if (!found.ok || found.value.kind !== 'assignment') return sendProblem(reply, 'NOT_FOUND', `no assignment ${request.params.id}`);
      const view = await caseView(store, request.params.id, toInstant(options.clock.now()));
      if (!view.ok) return sendAppError(reply, view.error);
      const { state: _state, ...ledger } = view.value.ledger;
      return { ...ledger, names: Object.fromEntries(view.value.names) };
    },
  );

  api.get(
    '/api/v1/assignments/:id/events',
    {
      schema: {
        tags: ['assignments'],
        operationId: 'getAssignmentEvents',
        summary: "The case's events, each with its hash chain",
        params: idParam,
        response: {
          200: caseEventsSchema,
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const who = await requireCaller(store, request, reply);
      if (who === undefined) return reply;
      const found = await readable(store.reads, who.principal, request.params.id);
      if (!found.ok || found.value.kind !== 'assignment') return sendProblem(reply, 'NOT_FOUND', `no assignment ${request.params.id}`);
      const events = await store.reads.streamEvents(request.params.id);
      return { items: events.map((e) => ({ seq: e.seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload, prevHash: e.prevHash, hash: e.hash })) };
    },
  );
}

