/** A person named by an answer's names map, linking to their record page. */
import { Link } from 'react-router';
import { nameIn } from './peopleModel.js';

/** A link to /people/{id}/record showing the person's name (their id when the map lacks it). */
export function PersonLink({ id, names }: { readonly id: string; readonly names: Readonly<Record<string, string>> }) {
  return <Link to={`/people/${encodeURIComponent(id)}/record`}>{nameIn(names, id)}</Link>;
}
