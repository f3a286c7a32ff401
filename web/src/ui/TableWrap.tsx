/**
 * The frame of a wide table: it scrolls sideways on a narrow screen, and because it may scroll it
 * is a focusable region named by the table's caption, so keyboard users can scroll it too.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Wraps one <table> (which must have a <caption>) in a scrollable, focusable, labelled region. */
export function TableWrap({ children, className }: { readonly children: ReactNode; readonly className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [label, setLabel] = useState<string | undefined>(undefined);
  useLayoutEffect(() => {
    const caption = ref.current?.querySelector('caption')?.textContent?.trim();
    setLabel(caption === undefined || caption === '' ? undefined : caption);
  });
  return (
    <div ref={ref} className={className === undefined ? 'table-wrap' : `table-wrap ${className}`} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
