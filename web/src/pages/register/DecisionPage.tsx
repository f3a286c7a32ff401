/** Placeholder: filled in by its own change. */
export function DecisionPage() {
  return <h1>DecisionPage</h1>;
}
