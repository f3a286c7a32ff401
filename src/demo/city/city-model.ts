/** The generator's map of the city: who is where, and who answers to whom. */
import type { DepartmentSpec, Sector } from './city-catalogue.js';

/** A person of the city as the generator sees them. */
export interface CityPerson {
  readonly id: string;
  readonly name: string;
  readonly unit: CityUnit;
  /** The department they work in, if any. */
  readonly department: CityDepartment | null;
  /** How fast they work: a multiplier of durations (1 is typical, larger is slower). */
  readonly pace: number;
  /** How careless they are: a multiplier of the chance that their work is rejected. */
  readonly sloppiness: number;
  /** The person they answer to (null for the mayor). */
  superior: CityPerson | null;
  /** The people who answer to them. */
  readonly subordinates: CityPerson[];
}

/** A unit of the city. */
export interface CityUnit {
  readonly id: string;
  readonly name: string;
  readonly headPostId: string;
  readonly parent: CityUnit | null;
  readonly members: CityPerson[];
}

/** A department, its divisions and its people. */
export interface CityDepartment {
  readonly spec: DepartmentSpec;
  readonly unit: CityUnit;
  readonly divisions: CityUnit[];
  /** Everyone in the department or its divisions. */
  readonly people: CityPerson[];
  /** A multiplier of how long the department's work takes (1 is typical). */
  readonly pace: number;
  /** The department's board (a body), if it has one. */
  boardId: string | null;
  head: CityPerson | null;
}

/** A committee registered for the city, and when (if ever) the generator dissolves it. */
export interface CityCommittee {
  readonly id: string;
  readonly name: string;
  readonly dissolve: { readonly at: number; readonly reason: string } | null;
}

/** A post of the city as filled at setup: its unit, first holder, whether it heads the unit, the domain of its work. */
export interface CityPost {
  readonly id: string;
  readonly unit: CityUnit;
  readonly holder: CityPerson;
  readonly head: boolean;
  readonly domain: string;
}

/** The whole city. */
export interface CityOrganisation {
  readonly mayor: CityPerson;
  readonly deputyMayors: ReadonlyMap<Sector, CityPerson>;
  readonly controlHead: CityPerson;
  readonly inspectors: readonly CityPerson[];
  readonly secretary: CityPerson;
  readonly councilId: string;
  readonly executiveId: string;
  readonly departments: readonly CityDepartment[];
  readonly people: readonly CityPerson[];
  readonly units: readonly CityUnit[];
  readonly posts: readonly CityPost[];
  readonly committees: readonly CityCommittee[];
}
