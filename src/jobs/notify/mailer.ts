/**
 * E-mail over SMTP (nodemailer): the server's configuration, validated with zod (from an object or
 * from PROVERKA_SMTP_* variables), the rendering of a message as plain text and minimal HTML (every
 * character of the content escaped), and a mailer that sends one message and tells whether the
 * failure, if any, is worth another attempt (SMTP 5xx replies are not).
 */
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { EmailContent } from '../../store/outbox.js';

/** The SMTP server and the sender: `{host, port, secure, auth?, from}` and how to treat STARTTLS. */
export const smtpConfigSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  /** TLS from the first byte (port 465); otherwise STARTTLS as `starttls` says. */
  secure: z.boolean(),
  auth: z.object({ user: z.string().min(1), pass: z.string() }).optional(),
  /** The From address, e.g. `Proverka <proverka@example.org>`. */
  from: z.string().min(3),
  /** `opportunistic` (default: upgrade when offered), `require` (refuse to send in clear) or `never`. */
  starttls: z.enum(['opportunistic', 'require', 'never']).default('opportunistic'),
  /** Connection, greeting and socket timeout in milliseconds (default 30 s). */
  timeoutMs: z.number().int().min(100).default(30_000),
});

/** A validated SMTP configuration. */
export type SmtpConfig = z.infer<typeof smtpConfigSchema>;

/** A configuration as given (defaults not yet applied). */
export type SmtpConfigInput = z.input<typeof smtpConfigSchema>;

/**
 * The SMTP configuration from PROVERKA_SMTP_HOST, _PORT (default 587, or 465 when _SECURE=true),
 * _SECURE, _USER, _PASSWORD, _FROM and _STARTTLS; undefined when PROVERKA_SMTP_HOST is not set.
 * Throws (zod) on a value that does not parse.
 */
export function smtpConfigFromEnv(env: Readonly<Record<string, string | undefined>>): SmtpConfig | undefined {
  const host = env['PROVERKA_SMTP_HOST'];
  if (host === undefined || host === '') return undefined;
  const secure = env['PROVERKA_SMTP_SECURE'] === 'true';
  const user = env['PROVERKA_SMTP_USER'];
  return smtpConfigSchema.parse({
    host,
    port: env['PROVERKA_SMTP_PORT'] !== undefined ? Number(env['PROVERKA_SMTP_PORT']) : secure ? 465 : 587,
    secure,
    ...(user !== undefined && user !== '' ? { auth: { user, pass: env['PROVERKA_SMTP_PASSWORD'] ?? '' } } : {}),
    from: env['PROVERKA_SMTP_FROM'] ?? `Proverka <proverka@${host}>`,
    ...(env['PROVERKA_SMTP_STARTTLS'] !== undefined ? { starttls: env['PROVERKA_SMTP_STARTTLS'] } : {}),
  });
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** What one e-mail says, rendered. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const FOOTER = 'Sent by Proverka. Change how you are notified with your administrator.';

/**
 * Renders a message: the text as written, plus a footer; the HTML with one <p> per paragraph
 * (blank-line separated), line breaks kept, every character of the content escaped. The subject
 * is kept on one line.
 */
export function renderEmail(content: EmailContent): RenderedEmail {
  const subject = content.subject.replace(/[\r\n]+/g, ' ').trim();
  const body = content.body.replace(/\r\n?/g, '\n').trim();
  const paragraphs = body.split(/\n{2,}/).filter((p) => p.trim() !== '');
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    ...paragraphs.map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>')}</p>`),
    `<p style="color:#666;font-size:small">${escapeHtml(FOOTER)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: `${body}\n\n-- \n${FOOTER}\n`, html };
}

/** What sending one e-mail came to. */
export interface SendResult {
  readonly ok: boolean;
  /** The SMTP reply code, when the server gave one. */
  readonly code: number | null;
  readonly error: string | null;
  /** False when the server refused for good (5xx): trying again would not help. */
  readonly retryable: boolean;
}

/** One e-mail to send: the address, what it says, and the outbox id (its Message-ID, for deduplication). */
export interface OutgoingEmail {
  readonly id: string;
  readonly to: string;
  readonly content: EmailContent;
}

/** Sends e-mails; never throws for a failed delivery (it says so in its result). */
export interface Mailer {
  send(mail: OutgoingEmail): Promise<SendResult>;
  close(): void;
}

function replyCode(text: unknown): number | null {
  const m = typeof text === 'string' ? /^(\d{3})/.exec(text) : null;
  return m?.[1] === undefined ? null : Number(m[1]);
}

/** A mailer over one nodemailer SMTP transport (a connection per message); the configuration is validated first. */
export function smtpMailer(input: SmtpConfigInput): Mailer {
  const config = smtpConfigSchema.parse(input);
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.auth !== undefined ? { auth: config.auth } : {}),
    requireTLS: config.starttls === 'require',
    ignoreTLS: config.starttls === 'never',
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(config.from)?.[1] ?? 'proverka.invalid';
  return {
    async send(mail: OutgoingEmail): Promise<SendResult> {
      const r = renderEmail(mail.content);
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: mail.to,
          subject: r.subject,
          text: r.text,
          html: r.html,
          messageId: `<${mail.id}@${domain}>`,
          headers: { 'X-Proverka-Delivery': mail.id },
        });
        return { ok: true, code: replyCode(info.response), error: null, retryable: false };
      } catch (error) {
        const e = error as { responseCode?: unknown; message?: unknown };
        const code = typeof e.responseCode === 'number' ? e.responseCode : null;
        return { ok: false, code, error: typeof e.message === 'string' ? e.message : String(error), retryable: code === null || code < 500 };
      }
    },
    close(): void {
      transport.close();
    },
  };
}
