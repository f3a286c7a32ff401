/**
 * The JSON shapes of the organisation in the API — units, people, posts, bodies, committees,
 * decisions and role grants — and how a stream's folded state becomes one. Every representation
 * is the state as the record folds it, plus the stream's id and version (the ETag).
 */
import { z } from 'zod';
import { ROLES, scopeOf, type RoleGrant } from '../../domain/access/roles.js';
import type { StateOf } from '../../domain/streams.js';
import { commandSchema, type CommandType } from '../../app/commands/schemas.js';

const instant = z.string().describe('ISO-8601 UTC instant');
const date = z.string().describe('Calendar date, YYYY-MM-DD');
const version = z.number().int().describe('The sequence of its last event; the ETag is this number in quotes');

/** A role over its scope: a unit (and everything below it), or for a secretary a body. */
export const roleGrantSchema = z.object({
  role: z.enum(ROLES),
  scopeId: z.string().describe('The unit (or, for a secretary, the body) the role is held over'),
});

/** A unit: its name, the unit above it (null at the root) and its head post. */
export const unitSchema = z.object({ id: z.string(), version, name: z.string(), parentId: z.string().nullable(), headPostId: z.string(), lastEventAt: instant });

/** A person: name, unit, e-mail and the roles they hold now. */
export const personSchema = z.object({
  id: z.string(),
  version,
  name: z.string(),
  unitId: z.string(),
  email: z.string().nullable(),
  roles: z.array(roleGrantSchema),
  lastEventAt: instant,
});

/** What a post declares for the choice of people: its domains (weights summing to 1), floors on its holder's record, its territory. */
export const postProfileSchema = z.object({
  domains: z.array(z.object({ domain: z.string(), weight: z.number() })),
  minVerified: z.number().int(),
  minFirstTime: z.number().nullable(),
  minOnTime: z.number().nullable(),
  territory: z.string().nullable(),
});

/** A post: its unit, title, domain, whether it heads the unit, its holder (null when vacant) and since when, and its declared profile (null until declared). */
export const postSchema = z.object({
  id: z.string(),
  version,
  unitId: z.string(),
  title: z.string(),
  domain: z.string(),
  head: z.boolean(),
  holderId: z.string().nullable(),
  holderSince: instant.nullable(),
  profile: postProfileSchema.nullable(),
  lastEventAt: instant,
});

/** A body: its name, level (1 is the top) and the body above it. */
export const bodySchema = z.object({ id: z.string(), version, name: z.string(), level: z.number().int(), parentId: z.string().nullable(), lastEventAt: instant });

/** A committee: mandate, chair, members, sunset, the body it reports to, and when it was dissolved (null while active). */
export const committeeSchema = z.object({
  id: z.string(),
  version,
  name: z.string(),
  mandate: z.string(),
  chairId: z.string(),
  memberIds: z.array(z.string()),
  sunset: date,
  bodyId: z.string().nullable(),
  createdAt: instant,
  dissolvedAt: instant.nullable(),
  lastEventAt: instant,
});

/** A decision of a body: its number (unique within the body), date, title and text. */
export const decisionSchema = z.object({
  id: z.string(),
  version,
  bodyId: z.string(),
  number: z.string(),
  date,
  title: z.string(),
  text: z.string(),
  registeredAt: instant,
  lastEventAt: instant,
});

/** How a decision is being carried out: its assignments counted by status, and the open ones past their deadline. */
export const executionSchema = z
  .object({
    total: z.number().int(),
    issued: z.number().int(),
    inProgress: z.number().int(),
    submitted: z.number().int(),
    verified: z.number().int(),
    cancelled: z.number().int(),
    overdue: z.number().int().describe('Open (issued, in progress or submitted) and past their deadline'),
  })
  .describe("The decision's assignments (all of them, sub-assignments included) counted by status");

/** A decision as it is read (GET one, lists): the decision and how it is being carried out. */
export const decisionViewSchema = decisionSchema.extend({ execution: executionSchema });

/** The roles a person holds, with the person's version (the ETag a grant or revocation must name). */
export const rolesSchema = z.object({ personId: z.string(), version, items: z.array(roleGrantSchema) });

/** A page of items and the cursor of the next page. */
export function pageOf<T extends z.ZodType>(item: T): z.ZodObject<{ items: z.ZodArray<T>; next: z.ZodNullable<z.ZodString> }> {
  return z.object({ items: z.array(item), next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last') });
}

/** The body a route takes for a command: the command's own schema without its type and the fields the path gives. */
export function commandBody(type: CommandType, fromPath: readonly string[] = []): z.ZodObject {
  const option = commandSchema.options.find((o) => o.shape.type.value === type);
  if (option === undefined) throw new Error(`no command ${type}`);
  const shape = (option as z.ZodObject).shape;
  const mask = Object.fromEntries(['type', ...fromPath].filter((k) => k in shape).map((k) => [k, true]));
  return (option as z.ZodObject).omit(mask as never).strict();
}

/** A role grant as the API shows it. */
export function grantView(g: RoleGrant): z.infer<typeof roleGrantSchema> {
  return { role: g.role, scopeId: scopeOf(g) };
}

/** How each kind's folded state becomes its representation. */
export const represent = {
  unit: (id: string, v: number, s: StateOf<'unit'>): z.infer<typeof unitSchema> => ({ id, version: v, name: s.name, parentId: s.parentId, headPostId: s.headPostId, lastEventAt: s.lastEventAt }),
  person: (id: string, v: number, s: StateOf<'person'>): z.infer<typeof personSchema> => ({
    id,
    version: v,
    name: s.name,
    unitId: s.unitId,
    email: s.email,
    roles: (s.roles ?? []).map(grantView),
    lastEventAt: s.lastEventAt,
  }),
  post: (id: string, v: number, s: StateOf<'post'>): z.infer<typeof postSchema> => ({
    id,
    version: v,
    unitId: s.unitId,
    title: s.title,
    domain: s.domain,
    head: s.head,
    holderId: s.holderId,
    holderSince: s.holderSince ?? null,
    profile: s.profile === undefined ? null : { ...s.profile, domains: [...s.profile.domains] },
    lastEventAt: s.lastEventAt,
  }),
  body: (id: string, v: number, s: StateOf<'body'>): z.infer<typeof bodySchema> => ({ id, version: v, name: s.name, level: s.level, parentId: s.parentId, lastEventAt: s.lastEventAt }),
  committee: (id: string, v: number, s: StateOf<'committee'>): z.infer<typeof committeeSchema> => ({
    id,
    version: v,
    name: s.name,
    mandate: s.mandate,
    chairId: s.chairId,
    memberIds: [...s.memberIds],
    sunset: s.sunset,
    bodyId: s.bodyId,
    createdAt: s.createdAt,
    dissolvedAt: s.dissolvedAt,
    lastEventAt: s.lastEventAt,
  }),
  decision: (id: string, v: number, s: StateOf<'decision'>): z.infer<typeof decisionSchema> => ({
    id,
    version: v,
    bodyId: s.bodyId,
    number: s.number,
    date: s.date,
    title: s.title,
    text: s.text,
    registeredAt: s.registeredAt,
    lastEventAt: s.lastEventAt,
  }),
} as const;

/** The roles of a person as the API shows them. */
export function rolesView(personId: string, v: number, s: StateOf<'person'>): z.infer<typeof rolesSchema> {
  return { personId, version: v, items: (s.roles ?? []).map(grantView) };
}
