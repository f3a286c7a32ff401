/**
 * The shapes of the record's verification status over HTTP: the outcome of a verification and
 * the status of the record (its size, last checkpoint and last verification).
 */
import { z } from 'zod';

const instant = z.string().describe('ISO-8601 UTC instant');

const problemItem = z.object({
  kind: z.string(),
  streamId: z.string(),
  seq: z.number().int().nullable(),
  position: z.number().int().nullable(),
  message: z.string(),
});

/** The outcome of a verification as the API reports it. */
export const verificationSchema = z.object({
  ok: z.boolean().describe('True only when no problem was found'),
  at: instant.describe('When the verification ended'),
  by: z.string().describe('Who ran it'),
  events: z.number().int(),
  streams: z.number().int(),
  checkpoints: z.number().int(),
  integrity: z.string().describe("The database's own integrity check ('ok', or 'not applicable')"),
  problems: z.number().int().describe('How many problems were found'),
  firstProblem: problemItem.nullable().describe('The first problem in the order of the record, naming the first broken event'),
});

/** The verification status of the record. */
export const recordStatusSchema = z.object({
  events: z.number().int(),
  streams: z.number().int(),
  lastCheckpoint: z
    .object({ seq: z.number().int().describe('Its sequence in the ledger stream'), at: instant, root: z.string().describe('Merkle root over every stream head') })
    .nullable()
    .describe('Null while no checkpoint was recorded'),
  lastVerification: verificationSchema.nullable().describe('Null until a verification was run through the API (on the servers sharing this files directory)'),
});
