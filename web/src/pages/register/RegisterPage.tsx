/** Placeholder: filled in by its own change. */
export function RegisterPage() {
  return <h1>RegisterPage</h1>;
}
