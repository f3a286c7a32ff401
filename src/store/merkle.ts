/**
 * Merkle root over stream heads, in the style of RFC 6962 (Certificate Transparency): a leaf is
 * sha256(0x00 ‖ JCS of [stream, seq, hash]) and a node sha256(0x01 ‖ left ‖ right), so that a
 * leaf can never pass for a node. Built as leaves come, keeping the complete subtrees' roots only;
 * the tree is RFC 6962's (the same as building level by level with the last odd node carried up).
 * Written here because it is thirty lines and the packages that offer it bring much more.
 */
import { hash } from 'node:crypto';
import type { StreamHead } from '../domain/checkpoint.js';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

function leafHash(head: StreamHead): Buffer {
  // An array of strings and integers: its JSON.stringify form is already its RFC 8785 form.
  return hash('sha256', Buffer.concat([LEAF, Buffer.from(JSON.stringify(head), 'utf8')]), 'buffer');
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return hash('sha256', Buffer.concat([NODE, left, right]), 'buffer');
}

/**
 * The Merkle root built from heads pushed one at a time in stream-id order, holding only the roots
 * of the complete subtrees so far (at most log2 n hashes): the same root as `merkleRoot` over the
 * same heads, so that a checkpoint over any number of streams needs no memory per stream.
 */
export class MerkleBuilder {
  private readonly stack: { size: number; hash: Buffer }[] = [];

  /** Adds the next leaf; heads must come sorted by stream id. */
  push(head: StreamHead): void {
    let node = { size: 1, hash: leafHash(head) };
    for (let top = this.stack[this.stack.length - 1]; top !== undefined && top.size === node.size; top = this.stack[this.stack.length - 1]) {
      this.stack.pop();
      node = { size: node.size * 2, hash: nodeHash(top.hash, node.hash) };
    }
    this.stack.push(node);
  }

  /** The root over the heads pushed so far: the complete subtrees joined from the right, as RFC 6962 splits a tree. */
  root(): string {
    let right = this.stack[this.stack.length - 1]?.hash;
    if (right === undefined) return hash('sha256', '', 'hex');
    for (let i = this.stack.length - 2; i >= 0; i--) right = nodeHash((this.stack[i] as { hash: Buffer }).hash, right);
    return right.toString('hex');
  }
}

/** The Merkle root over heads, which must be sorted by stream id. The empty tree's root is sha256 of nothing. */
export function merkleRoot(heads: Iterable<StreamHead>): string {
  const tree = new MerkleBuilder();
  for (const h of heads) tree.push(h);
  return tree.root();
}
