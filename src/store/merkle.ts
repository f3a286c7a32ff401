/**
 * Merkle root over stream heads, in the style of RFC 6962 (Certificate Transparency): a leaf is
 * sha256(0x00 ‖ JCS of [stream, seq, hash]) and a node sha256(0x01 ‖ left ‖ right), so that a
 * leaf can never pass for a node. Built level by level, the last odd node carried up unchanged,
 * which gives RFC 6962's tree. Written here because it is twenty lines and the packages that offer
 * it bring much more.
 */
import { hash } from 'node:crypto';
import type { StreamHead } from '../domain/checkpoint.js';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

function leafHash(head: StreamHead): Buffer {
  // An array of strings and integers: its JSON.stringify form is already its RFC 8785 form.
  return hash('sha256', Buffer.concat([LEAF, Buffer.from(JSON.stringify(head), 'utf8')]), 'buffer');
}

/** The Merkle root over heads, which must be sorted by stream id. The empty tree's root is sha256 of nothing. */
export function merkleRoot(heads: readonly StreamHead[]): string {
  if (heads.length === 0) return hash('sha256', '', 'hex');
  let level = heads.map(leafHash);
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hash('sha256', Buffer.concat([NODE, level[i] as Buffer, level[i + 1] as Buffer]), 'buffer'));
    if (level.length % 2 === 1) next.push(level[level.length - 1] as Buffer);
    level = next;
  }
  return (level[0] as Buffer).toString('hex');
}
