/** Placeholder: filled in by its own change. */
export function DeskPage() {
  return <h1>DeskPage</h1>;
}
