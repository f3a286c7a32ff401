/** Placeholder: filled in by its own change. */
export function InquiryPage() {
  return <h1>InquiryPage</h1>;
}
