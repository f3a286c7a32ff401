/** Ids of imports (`proverka import xes|csv`): every case of one import run carries the same one. */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh import id, `imp-<date of now>-<8 random letters and digits>`: the form the domain requires of an import id. */
export function newImportId(now: string): string {
  const suffix = [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `imp-${now.slice(0, 10)}-${suffix}`;
}
