/** Placeholder: filled in by its own change. */
export function CasePage() {
  return <h1>CasePage</h1>;
}
