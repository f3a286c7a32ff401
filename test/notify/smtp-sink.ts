/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, a free port) that keeps every message it
 * accepts, raw; and a minimal RFC 5322 / MIME reader of those messages (headers unfolded, multipart
 * parts, quoted-printable and base64 bodies) so that tests check what actually arrived.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the server received it. */
export interface Received {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly raw: string;
}

/** A running sink. */
export interface SmtpSink {
  readonly port: number;
  readonly received: Received[];
  close(): Promise<void>;
}

/** Starts a sink; with `reject`, every recipient is refused with that SMTP reply code (e.g. 550). */
export async function startSmtpSink(options: { readonly reject?: number } = {}): Promise<SmtpSink> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject === undefined) {
        callback();
        return;
      }
      const error = new Error(`mailbox ${address.address} unavailable`) as Error & { responseCode: number };
      error.responseCode = options.reject;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          mailFrom: from === false ? '' : from.address,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A parsed message: headers by lower-case name (unfolded, encoded-words decoded), and its text and HTML bodies. */
export interface ParsedMail {
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
  readonly html: string | undefined;
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const normal = raw.replace(/\r\n/g, '\n');
  const end = normal.indexOf('\n\n');
  const head = end < 0 ? normal : normal.slice(0, end);
  const body = end < 0 ? '' : normal.slice(end + 2);
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && last !== undefined) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  for (const [k, v] of headers) headers.set(k, decodeWords(v));
  return { headers, body };
}

/** Decodes RFC 2047 encoded-words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`). */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*/g, (_m, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(text: string): string {
  const soft = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i] as string;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding: string | undefined): string {
  const e = (encoding ?? '7bit').toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function collect(raw: string, out: { text?: string; html?: string }): Map<string, string> {
  const { headers, body } = splitHead(raw);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary !== undefined) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      collect(part.replace(/^\n/, ''), out);
    }
  } else if (/^text\/html/i.test(type)) out.html ??= decodeBody(body, headers.get('content-transfer-encoding'));
  else if (/^text\/plain/i.test(type)) out.text ??= decodeBody(body, headers.get('content-transfer-encoding'));
  return headers;
}

/** Parses a raw message as received. */
export function parseMail(raw: string): ParsedMail {
  const out: { text?: string; html?: string } = {};
  const headers = collect(raw, out);
  return { headers, text: out.text ?? '', html: out.html };
}
