/** Evidence that work was done (F3): a document with its content hash, a figure, a link or a text. */
import { fail, ok, type Result } from '../result.js';

/** One item of evidence attached to a submission. */
export type Evidence =
  | { readonly kind: 'document'; readonly name: string; readonly sha256: string; readonly size?: number; readonly mediaType?: string }
  | { readonly kind: 'figure'; readonly label: string; readonly value: number; readonly unit?: string }
  | { readonly kind: 'link'; readonly url: string; readonly label?: string }
  | { readonly kind: 'text'; readonly text: string };

const SHA256 = /^[0-9a-f]{64}$/;

function invalid(index: number, why: string): Result<never> {
  return fail('EVIDENCE_INVALID', `evidence item ${index + 1}: ${why}`, { index });
}

function checkItem(item: Evidence, index: number): Result<void> | undefined {
  switch (item.kind) {
    case 'document':
      if (item.name.trim() === '') return invalid(index, 'a document needs a name');
      if (!SHA256.test(item.sha256)) return invalid(index, 'a document needs its sha256 as 64 lower-case hex digits');
      return undefined;
    case 'figure':
      if (item.label.trim() === '') return invalid(index, 'a figure needs a label');
      if (!Number.isFinite(item.value)) return invalid(index, 'a figure needs a finite number');
      return undefined;
    case 'link': {
      let url: URL;
      try {
        url = new URL(item.url);
      } catch {
        return invalid(index, `not a URL: ${item.url}`);
      }
      return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : invalid(index, 'a link must be http or https');
    }
    case 'text':
      return item.text.trim() === '' ? invalid(index, 'a text must not be blank') : undefined;
    default:
      return invalid(index, 'unknown kind of evidence');
  }
}

/** Passes when there is at least one item and every item is well formed (EVIDENCE_REQUIRED, EVIDENCE_INVALID). */
export function checkEvidence(items: readonly Evidence[]): Result<void> {
  if (items.length === 0) return fail('EVIDENCE_REQUIRED', 'submitting needs at least one item of evidence');
  for (const [i, item] of items.entries()) {
    const failure = checkItem(item, i);
    if (failure) return failure;
  }
  return ok(undefined);
}
