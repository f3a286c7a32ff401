/** What the demo tells about each case of the founding document it replays. */

/** A founding case: the fixed id of its assignment, a title, and its story in one paragraph citing the seed. */
export interface FoundingCase {
  readonly id: string;
  readonly title: string;
  readonly story: string;
}
