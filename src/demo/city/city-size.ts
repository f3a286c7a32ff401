/** How big the generated city is, per demo size. */

/** The shape of a generated city. */
export interface CitySize {
  /** How many departments of the catalogue (taken in order). */
  readonly departments: number;
  /** At most this many divisions per department. */
  readonly divisionsPerDepartment: number;
  /** People registered in the city's units, in total. */
  readonly people: number;
  /** Inspectors of the execution-control office (the controllers). */
  readonly inspectors: number;
  /** Assignments issued by decisions of the bodies; sub-assignments come on top. */
  readonly assignments: number;
  /** Departments that have a board of their own (a level-3 body). */
  readonly boards: number;
  /** Committees registered. */
  readonly committees: number;
}

/** The two sizes: `small` for fast tests, `large` for the demo that `npm start` opens. */
export const CITY_SIZES: Readonly<Record<'small' | 'large', CitySize>> = {
  small: { departments: 3, divisionsPerDepartment: 2, people: 40, inspectors: 2, assignments: 280, boards: 1, committees: 3 },
  large: { departments: 11, divisionsPerDepartment: 3, people: 260, inspectors: 6, assignments: 5200, boards: 4, committees: 6 },
};
