/**
 * Leak markers: distinctive strings planted in the objects of the organisation (names, titles,
 * definitions of done, unit ids, token names …). A marker may legitimately appear in an answer to
 * a caller who may see at least one object that carries it (a person's name is carried by the
 * person and by every case they take part in, whose ledger names them); in any other answer it is
 * a leak — unless the caller sent it themselves in the request. The people directory carries
 * every person's name and unit (id and name) to everyone signed in, and nothing else of them: an
 * e-mail address stays a leak wherever a caller who may not see the person finds it.
 */
import { canSee, type Thing } from './policy.js';
import type { CallerKey } from './roles.js';

/** A marker found where it should not be. */
export interface Leak {
  readonly marker: string;
  /** The object the marker belongs to. */
  readonly owner: string;
}

/** Every marker contains this: answers without it cannot leak and are not scanned further. */
export const MARK = 'zq';

/** The people directory as a thing of the policy: it carries every person's name and unit (id and name), and nothing else of them. */
export const DIRECTORY: Thing = { kind: 'directory', id: 'directory' };

/** The planted markers, the objects carrying each, and who may see them. */
export class Plantation {
  private readonly things = new Map<string, Thing>();
  private readonly carriers = new Map<string, Set<string>>();
  private readonly owners = new Map<string, string>();
  private readonly seen = new Map<string, boolean>();

  /** Plants the markers of a thing (each marker must contain MARK). */
  plant(thing: Thing, markers: readonly string[]): void {
    this.things.set(thing.id, thing);
    for (const m of markers) {
      if (!m.includes(MARK)) throw new Error(`marker without ${MARK}: ${m}`);
      if (!this.owners.has(m)) this.owners.set(m, thing.id);
      this.carry(m, thing.id);
    }
  }

  /** Records that another thing legitimately shows a marker (e.g. a case's ledger shows the names of its parties). */
  carry(marker: string, thingId: string): void {
    let set = this.carriers.get(marker);
    if (set === undefined) {
      set = new Set();
      this.carriers.set(marker, set);
    }
    set.add(thingId);
    this.seen.clear();
  }

  /** Records that the people directory shows these markers (a person's name, their unit's id and name) to everyone signed in. */
  inDirectory(markers: readonly string[]): void {
    this.things.set(DIRECTORY.id, DIRECTORY);
    for (const m of markers) this.carry(m, DIRECTORY.id);
  }

  /** The thing planted under an id. */
  thing(id: string): Thing | undefined {
    return this.things.get(id);
  }

  /** How many markers are planted. */
  get size(): number {
    return this.owners.size;
  }

  /** True when the caller may see some object carrying the marker. */
  visible(key: CallerKey, marker: string): boolean {
    const memo = `${key}\u0000${marker}`;
    const known = this.seen.get(memo);
    if (known !== undefined) return known;
    let yes = false;
    for (const id of this.carriers.get(marker) ?? []) {
      const t = this.things.get(id);
      if (t !== undefined && canSee(key, t)) {
        yes = true;
        break;
      }
    }
    this.seen.set(memo, yes);
    return yes;
  }

  /** The markers in an answer that the caller may not see and did not send. */
  scan(key: CallerKey, request: string, answer: string): Leak[] {
    if (!answer.includes(MARK)) return [];
    const out: Leak[] = [];
    for (const [marker, owner] of this.owners) {
      if (!answer.includes(marker) || request.includes(marker) || this.visible(key, marker)) continue;
      out.push({ marker, owner });
    }
    return out;
  }

  /** Pairs of markers of different objects where one contains the other (they would be mistaken for each other). */
  collisions(): string[] {
    const all = [...this.owners];
    const out: string[] = [];
    for (const [a, ownerA] of all) for (const [b, ownerB] of all) if (a !== b && ownerA !== ownerB && b.includes(a)) out.push(`${a} (${ownerA}) inside ${b} (${ownerB})`);
    return out;
  }
}
