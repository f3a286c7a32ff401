/** The JSON shapes of the people directory in the API (GET /api/v1/directory) and of its query. */
import { z } from 'zod';

/** The directory's query: part of a name (required), and how many people to show. */
export const directoryQuerySchema = z
  .object({
    search: z.string().min(2).max(100).describe('Part of a name, 2 to 100 characters; case and accents are ignored (e.g. "petr" finds "Pëtr")'),
    limit: z.coerce.number().int().min(1).max(20).optional().describe('How many people to show, 1 to 20 (default 10)'),
  })
  .strict();

/** One person as the directory shows them: name and unit, nothing else. */
export const directoryEntrySchema = z.object({
  id: z.string().describe('The person'),
  name: z.string(),
  unitId: z.string().describe('The unit the person belongs to'),
  unitName: z.string(),
});

/** The people found. */
export const directorySchema = z.object({
  items: z
    .array(directoryEntrySchema)
    .describe('The people whose name contains the text: names starting with it first, then those with a word starting with it, then the rest; each group by name'),
});
