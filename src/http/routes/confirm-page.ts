/**
 * The pages a beneficiary sees through a signed link: the work and its evidence with a form to
 * confirm or dispute it, the thank-you page, and the refusals. Self-contained HTML (one inline
 * style, no script, no external asset); every text from the record is escaped.
 */
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import type { Evidence } from '../../domain/assignment/evidence.js';

/** The longest comment a beneficiary may leave. */
export const MAX_COMMENT_LENGTH = 2000;

/** The headers every page of a link carries: nothing loads, nothing frames it, the token in the URL goes nowhere. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}.muted{color:#666}.box{border:1px solid #ccc;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
pre{white-space:pre-wrap;font:inherit;margin:0}textarea{width:100%;min-height:6rem}button{margin-top:.5rem;padding:.4rem 1rem}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

function evidenceItem(e: Evidence): string {
  switch (e.kind) {
    case 'document':
      return `<li>Document: ${escapeHtml(e.name)} <span class="muted">(sha256 ${escapeHtml(e.sha256.slice(0, 12))}…${e.size === undefined ? '' : `, ${e.size} bytes`})</span></li>`;
    case 'figure':
      return `<li>${escapeHtml(e.label)}: ${escapeHtml(String(e.value))}${e.unit === undefined ? '' : ` ${escapeHtml(e.unit)}`}</li>`;
    case 'link': {
      const safe = /^https?:\/\//i.test(e.url);
      const label = escapeHtml(e.label ?? e.url);
      return safe ? `<li>Link: <a href="${escapeHtml(e.url)}" rel="noopener noreferrer nofollow">${label}</a></li>` : `<li>Link: ${label}</li>`;
    }
    case 'text':
      return `<li><pre>${escapeHtml(e.text)}</pre></li>`;
  }
}

/** What the page shows of the work. */
export interface WorkView {
  readonly state: AssignmentState;
  readonly note: string | null;
  readonly beneficiary: string;
  readonly expiresAt: string;
}

function work(v: WorkView): string {
  const s = v.state;
  const submission =
    s.submission === null
      ? '<p class="muted">Nothing has been submitted yet.</p>'
      : `<p class="muted">Submitted ${escapeHtml(s.submission.at)}${s.status === 'verified' ? ', verified' : ''}.</p>
<ul>${s.submission.evidence.map(evidenceItem).join('')}</ul>${v.note === null ? '' : `<div class="box"><pre>${escapeHtml(v.note)}</pre></div>`}`;
  return `<h1>${escapeHtml(s.title)}</h1>
<p class="muted">For ${escapeHtml(v.beneficiary)} · this link works until ${escapeHtml(v.expiresAt)}</p>
<h2>What was to be done</h2><div class="box"><pre>${escapeHtml(s.definitionOfDone)}</pre></div>
<h2>What was delivered</h2>${submission}`;
}

/** The page of a link: the work, and the forms to confirm or dispute it (when there is something to answer). */
export function confirmPage(v: WorkView): string {
  const open = v.state.status === 'submitted' || v.state.status === 'verified';
  const forms = open
    ? `<h2>Did it reach you?</h2>
<form method="post" class="box"><input type="hidden" name="verdict" value="confirmed">
<label>Comment (optional)<br><textarea name="comment" maxlength="${MAX_COMMENT_LENGTH}"></textarea></label><br><button type="submit">Yes, I confirm</button></form>
<form method="post" class="box"><input type="hidden" name="verdict" value="disputed">
<label>What is missing? (required)<br><textarea name="comment" maxlength="${MAX_COMMENT_LENGTH}" required></textarea></label><br><button type="submit">No, I dispute it</button></form>
<p class="muted">You can answer once with this link.</p>`
    : '<p>There is nothing to confirm at the moment.</p>';
  return page(`Confirm: ${v.state.title}`, `${work(v)}${forms}`);
}

/** The page after an answer was recorded (or when the link's answer was already recorded). */
export function thanksPage(title: string, verdict: 'confirmed' | 'disputed', already: boolean): string {
  const what = verdict === 'confirmed' ? 'your confirmation' : 'your dispute; the verifier will look at the work again';
  return page('Thank you', `<h1>Thank you</h1><p>${already ? 'This link was already used: we have' : 'We recorded'} ${escapeHtml(what)}.</p><p class="muted">${escapeHtml(title)}</p>`);
}

/** A page saying why nothing was done. */
export function refusalPage(heading: string, detail: string): string {
  return page(heading, `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(detail)}</p>`);
}
