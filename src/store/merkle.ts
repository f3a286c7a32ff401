/**
 * Merkle root over stream heads, in the style of RFC 6962 (Certificate Transparency): leaves are
 * hashed with a 0x00 prefix and inner nodes with 0x01, so that a leaf can never pass for a node.
 * Written here because it is twenty lines and the packages that offer it bring much more.
 */
import { createHash } from 'node:crypto';
import type { StreamHead } from '../domain/checkpoint.js';
import { canonicalJson } from './hash-chain.js';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

function leafHash(head: StreamHead): Buffer {
  return createHash('sha256').update(LEAF).update(canonicalJson(head)).digest();
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

function root(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0] as Buffer;
  // RFC 6962: split at the largest power of two smaller than n.
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(root(leaves.slice(0, k)), root(leaves.slice(k)));
}

/** The Merkle root over heads; they must be sorted by stream id. The empty tree's root is sha256 of nothing. */
export function merkleRoot(heads: readonly StreamHead[]): string {
  if (heads.length === 0) return createHash('sha256').digest('hex');
  return root(heads.map(leafHash)).toString('hex');
}
