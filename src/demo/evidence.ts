/** Evidence the demo attaches to submissions: documents carry the sha256 and size of a text the demo writes. */
import { createHash } from 'node:crypto';

/** A document item of evidence whose hash and size are those of `text` in UTF-8. */
export function documentOf(name: string, text: string): { kind: 'document'; name: string; sha256: string; size: number; mediaType: string } {
  const bytes = Buffer.from(text, 'utf8');
  return { kind: 'document', name, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mediaType: 'text/plain' };
}
