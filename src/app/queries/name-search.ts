/**
 * Finding people by part of their name, the one way every search of names does it (GET /people's
 * `search`, the directory): the text is contained in the name, case and accents ignored.
 */

/** Letters that Unicode does not decompose into a base letter and accents, written as their usual base letters. */
const LETTERS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Text folded for search: decomposed, without accents (combining marks), in lower case. */
export function folded(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => LETTERS[c] ?? c);
}

/** The test a name must pass to match a search: it contains the text, case and accents ignored (everything matches without a search). */
export function nameMatcher(search: string | undefined): (name: string) => boolean {
  if (search === undefined) return () => true;
  const needle = folded(search);
  return (name) => folded(name).includes(needle);
}
