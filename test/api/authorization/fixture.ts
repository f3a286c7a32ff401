/**
 * What a fixture says about one operation of the OpenAPI document: how to call it well-formed as a
 * given caller (on a fresh target when it changes something), and whether the policy lets that
 * caller do it.
 */
import type { Answer } from '../../support/api-world.js';
import type { CallerKey } from './roles.js';
import type { Auth, AuthzWorld } from './world.js';

/** What the policy says of a caller on an operation. */
export type Verdict =
  /** May: the answer must not be a refusal (401, 403, 404); fixtures prepare their targets so that it succeeds (2xx or a redirect). */
  | 'allow'
  /** May not: never a 2xx, and an unsafe call changes nothing. */
  | 'deny'
  /** Nothing to say about the status (e.g. logging out when not logged in); leaks are still checked. */
  | 'any';

/** A call, ready to send. */
export interface Prepared {
  readonly url: string;
  readonly body?: unknown;
  /** Raw bytes sent as they are (an upload), instead of a JSON body. */
  readonly payload?: string;
  readonly headers?: Record<string, string>;
  /** How the caller authenticates (default: their API token). */
  readonly auth?: Auth;
  /** Something the call might change besides the record (accounts, tokens): compared before and after a refused call. */
  readonly footprint?: () => Promise<unknown>;
  /**
   * For a list: an object it must show to this caller (`visible`) or must not. Checked when the
   * answer is a whole list (a 200 whose `next` is null).
   */
  readonly lists?: { readonly id: string; readonly visible: boolean };
  /** Registers what the call created (before its answer is scanned): a new case shows the units and names of its parties. */
  readonly created?: (answer: Answer) => void;
  /** A check of the answer besides status and leaks (e.g. a token list holds only the caller's tokens); returns a problem or undefined. */
  readonly inspect?: (answer: Answer) => string | undefined;
}

/** The fixture of one operation. */
export interface OperationFixture {
  readonly operationId: string;
  /** Another case of the same operation (e.g. reaching above one's scope), named; the main case has none. */
  readonly variant?: string;
  /** Upper-case HTTP method, as the document has it (lower-case there). */
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as the document writes it (`/api/v1/assignments/{id}`). */
  readonly path: string;
  /** The call as this caller, on its target (made fresh here for changes). */
  prepare(w: AuthzWorld, caller: CallerKey): Promise<Prepared>;
  /** What the policy says of this caller. */
  verdict(caller: CallerKey): Verdict;
}

/** A fixture, typed in place. */
export function op(f: OperationFixture): OperationFixture {
  return f;
}
