/**
 * The constraint buttons of one post in a proposal: "Keep" and "Exclude" the person proposed and,
 * when the holder is moved or left without a post, "Keep the holder". Each is a toggle
 * (aria-pressed) whose name says the person and the post ("Keep Anna Petrova in Head of
 * Roads"); pressing it changes the constraints chosen, which the next "Propose" applies.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { nameIn, type ProposedPost } from './peopleModel.js';
import { hasConstraint, type Constraint } from './placementConstraints.js';

/** The buttons of `post`'s row; `constraints` are those chosen, `onToggle` adds or removes one. */
export function RowConstraints({
  post,
  names,
  constraints,
  onToggle,
}: {
  readonly post: ProposedPost;
  readonly names: Readonly<Record<string, string>>;
  readonly constraints: readonly Constraint[];
  readonly onToggle: (c: Constraint) => void;
}) {
  const { t } = useTranslation('people');
  const postName = nameIn(names, post.postId);
  const toggle = (c: Constraint, text: string, label: string) => (
    <button key={`${c.kind}-${c.personId}`} type="button" className="people-action" aria-pressed={hasConstraint(constraints, c)} aria-label={label} onClick={() => onToggle(c)}>
      {text}
    </button>
  );
  const buttons: ReactElement[] = [];
  if (post.personId !== null) {
    const person = nameIn(names, post.personId);
    buttons.push(toggle({ kind: 'keep', postId: post.postId, personId: post.personId }, t('constraints.keepButton'), t('constraints.keep', { person, post: postName })));
    buttons.push(toggle({ kind: 'exclude', postId: post.postId, personId: post.personId }, t('constraints.excludeButton'), t('constraints.exclude', { person, post: postName })));
  }
  if (post.holderId !== null && post.holderId !== post.personId) {
    const holder = nameIn(names, post.holderId);
    buttons.push(toggle({ kind: 'keep', postId: post.postId, personId: post.holderId }, t('constraints.keepHolderButton'), t('constraints.keepHolder', { person: holder, post: postName })));
  }
  if (buttons.length === 0) return <span className="muted">—</span>;
  return <div className="people-actions">{buttons}</div>;
}
