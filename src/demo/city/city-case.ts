/**
 * The generator's mirror of one assignment: the parts of its state the rules look at (status,
 * owner, holder, pending request, deadline), kept in step with the commands the generator issues,
 * so that it only ever issues commands the rules accept.
 */
import type { TaskTemplate } from './city-catalogue.js';
import type { CityDepartment, CityPerson } from './city-model.js';

/** Where the mirrored assignment stands. */
export type CaseStatus = 'issued' | 'in_progress' | 'submitted' | 'verified' | 'cancelled';

/** Something planned to happen while the work is in progress. */
export interface Episode {
  readonly at: number;
  readonly kind: 'handover' | 'handback' | 'transfer' | 'extension' | 'subs' | 'blocked';
}

/** A request waiting for someone's answer. */
export type PendingRequest =
  | { readonly kind: 'handover'; readonly to: CityPerson; readonly handback: boolean }
  | { readonly kind: 'transfer'; readonly to: CityPerson }
  | { readonly kind: 'extension'; readonly to: CityPerson; readonly deadline: number };

/** What an assignment is, as issued. */
export interface CaseDefinition {
  readonly id: string;
  readonly decisionId: string;
  readonly department: CityDepartment;
  readonly template: TaskTemplate;
  readonly title: string;
  readonly urgent: boolean;
  readonly issuer: CityPerson;
  readonly owner: CityPerson;
  readonly verifier: CityPerson;
  readonly controller: CityPerson | null;
  readonly coExecutors: readonly CityPerson[];
  readonly deadline: number;
  readonly issuedAt: number;
  readonly parent: CityCase | null;
}

/** One assignment as the generator follows it. */
export class CityCase {
  readonly id: string;
  readonly decisionId: string;
  readonly department: CityDepartment;
  readonly template: TaskTemplate;
  readonly title: string;
  readonly issuer: CityPerson;
  readonly verifier: CityPerson;
  readonly controller: CityPerson | null;
  readonly coExecutors: readonly CityPerson[];
  readonly issuedAt: number;
  readonly parent: CityCase | null;
  readonly children: CityCase[] = [];
  owner: CityPerson;
  holder: CityPerson;
  deadline: number;
  status: CaseStatus = 'issued';
  pending: PendingRequest | null = null;
  /** Who held the case when it was last submitted. */
  submitHolder: CityPerson | null = null;
  submissions = 0;
  /** Bumped whenever the planned next step changes; a stale agenda entry carries an older token. */
  token = 0;
  /** Episodes still to come before submission, in time order. */
  episodes: Episode[] = [];
  /** When the holder plans to submit. */
  submitAt = 0;
  /** How many times submission was put off to wait for sub-assignments. */
  waits = 0;
  /** How many times the overdue watch looked at the case. */
  watches = 0;

  constructor(d: CaseDefinition) {
    this.id = d.id;
    this.decisionId = d.decisionId;
    this.department = d.department;
    this.template = d.template;
    this.title = d.title;
    this.issuer = d.issuer;
    this.verifier = d.verifier;
    this.controller = d.controller;
    this.coExecutors = d.coExecutors;
    this.issuedAt = d.issuedAt;
    this.parent = d.parent;
    this.owner = d.owner;
    this.holder = d.owner;
    this.deadline = d.deadline;
    d.parent?.children.push(this);
  }

  /** True while the assignment is neither verified nor cancelled. */
  get open(): boolean {
    return this.status !== 'verified' && this.status !== 'cancelled';
  }

  /** Who answers an extension request: the controller, or the issuer when there is none. */
  get approver(): CityPerson {
    return this.controller ?? this.issuer;
  }

  /** Whether a person may never hold or own the work (the verifier), or never own it (a co-executor). */
  mayOwn(p: CityPerson): boolean {
    return p !== this.verifier && p !== this.owner && !this.coExecutors.includes(p);
  }
}
