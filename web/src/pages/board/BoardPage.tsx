/** Placeholder: filled in by its own change. */
export function BoardPage() {
  return <h1>BoardPage</h1>;
}
