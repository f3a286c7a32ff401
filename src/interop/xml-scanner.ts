/**
 * A strict, streaming XML scanner for event logs (XES): text goes in by chunks of any size, and
 * every element's start (name and attributes, entities decoded) and end come out, in order. It
 * checks what makes a document well-formed — names, quoted attribute values without `<`, no
 * attribute twice, known entities and valid character references, end tags matching their start
 * tags, one root element with nothing but comments, processing instructions and white space
 * around it, comments without `--` — and throws an XmlError naming the character offset
 * otherwise. Character data is checked and dropped: XES keeps everything in attributes. A DOCTYPE
 * with an internal subset (which could define entities) is refused rather than half-understood.
 * Written for speed (decision 0035): markup found with indexOf, no object per attribute, the names
 * of XES recognised without a copy, a value decoded only when it holds `&`, a tab or a line end.
 */

/** Where and why a document is not well-formed XML. */
export class XmlError extends Error {
  constructor(
    message: string,
    /** Offset, in characters from the document's start, near which the problem is. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

/** The attributes of the element just opened; valid only during the `open` call that receives them. */
export class XmlAttributes {
  /** How many attributes the element has. */
  count = 0;
  /** Their names and (decoded, normalised) values, in document order, at indexes 0 to count - 1. */
  readonly names: string[] = [];
  readonly values: string[] = [];

  /** The value of the attribute `name`, or undefined when the element has none. */
  get(name: string): string | undefined {
    for (let i = 0; i < this.count; i++) if (this.names[i] === name) return this.values[i];
    return undefined;
  }
}

/** What the scanner reports to. */
export interface XmlSink {
  /** An element starts; for `<x/>`, `close` follows at once. */
  open(name: string, attributes: XmlAttributes): void;
  /** An element ends. */
  close(name: string): void;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQ = 61;
const AMP = 38;
const QUOT = 34;
const APOS = 39;
const BANG = 33;
const QUESTION = 63;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** XML NameStartChar, with every non-ASCII character accepted (they are checked no further). */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0x80;
}

/** XML NameChar, likewise. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45 || c === 46 || c >= 0x80;
}

/** A code point XML allows as a character (production Char). */
function isXmlChar(cp: number): boolean {
  return cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The longest piece of markup (a tag with its attributes, a comment…) the scanner accepts. */
const MAX_PENDING = 64 * 2 ** 20;

/** The longest text scanned in one go; `write` cuts longer chunks. */
const MAX_CHUNK = 1 << 16;

/** Returned by the markup readers when the chunk ends before the markup does. */
const INCOMPLETE = -1;

/**
 * Element and attribute names of event logs: recognised by comparison, without reading them
 * character by character or copying them; any other name takes the general path.
 */
const KNOWN_NAMES = [
  'string', 'date', 'int', 'float', 'boolean', 'id', 'list', 'values', 'container', 'event', 'trace', 'log', 'global', 'extension', 'classifier',
  'key', 'value', 'scope', 'name', 'prefix', 'uri', 'keys', 'xes.version', 'xes.features', 'xmlns', 'openxes.version',
];
/** KNOWN_NAMES by the code of their first character. */
const KNOWN_BY_FIRST: (string[] | undefined)[] = [];
for (const name of KNOWN_NAMES) (KNOWN_BY_FIRST[name.charCodeAt(0)] ??= []).push(name);

/** What may follow a name in a tag. */
function endsName(c: number): boolean {
  return c === 32 || c === EQ || c === GT || c === SLASH || c === 10 || c === 9 || c === 13;
}

/** True when `name` stands in `s` at `from` (compared code unit by code unit: faster than startsWith with a position). */
function sameAt(s: string, from: number, name: string): boolean {
  for (let k = 1; k < name.length; k++) if (s.charCodeAt(from + k) !== name.charCodeAt(k)) return false;
  return true;
}

// The characters whose next position in the chunk the scanner remembers (see `after`).
const NEXT_AMP = 0;
const NEXT_LF = 1;
const NEXT_TAB = 2;
const NEXT_CR = 3;
const NEXT_CDATA_END = 4;
const NEEDLES = ['&', '\n', '\t', '\r', ']]>'];

/** The scanner: `write` each chunk of text, then `close`. */
export class XmlScanner {
  private buffer = '';
  /** Offset in the document of `buffer[0]` (of the chunk being scanned, during `write`). */
  private base = 0;
  private readonly open: string[] = [];
  private rootSeen = false;
  private rootClosed = false;
  private started = false;
  /** Offset of the document's first character after a byte-order mark: where an XML declaration may stand. */
  private start = 0;
  private readonly attributes = new XmlAttributes();
  /** The end of the name `readName` last read. */
  private at = 0;
  /** The next '<' after the start tag last read (the chunk's length when none), or -1. */
  private knownLt = -1;
  /** For each of NEEDLES, its next position in the chunk at or after some point (the chunk's length when none), or -1. */
  private readonly next = [-1, -1, -1, -1, -1];

  constructor(private readonly sink: XmlSink) {}

  /** Characters consumed so far (what remains buffered is an unfinished piece of markup). */
  get offset(): number {
    return this.base;
  }

  /** Scans a chunk; what ends mid-markup waits for the next. Throws XmlError at the first fault. */
  write(chunk: string): void {
    // A long text goes in pieces: optimised code hung here on one 74-million-character string (Node 20), never on pieces.
    if (chunk.length > MAX_CHUNK) {
      for (let k = 0; k < chunk.length; k += MAX_CHUNK) this.write(chunk.slice(k, k + MAX_CHUNK));
      return;
    }
    let s = this.buffer.length === 0 ? chunk : this.buffer + chunk;
    if (!this.started) {
      if (s.length === 0) return;
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) {
        s = s.slice(1);
        this.base += 1;
        this.start = 1;
      }
    }
    const n = s.length;
    this.knownLt = -1;
    this.next.fill(-1);
    let i = 0;
    while (i < n) {
      let lt: number;
      if (this.knownLt >= i) lt = this.knownLt < n ? this.knownLt : -1;
      else lt = s.indexOf('<', i);
      if (lt === -1) {
        // Text to the end of the chunk: keep back what may be cut — an entity reference, or ']]' before a '>'.
        let keep = n;
        if (this.after(s, NEXT_AMP, i) < n) {
          const amp = s.lastIndexOf('&');
          if (s.indexOf(';', amp) === -1) keep = amp;
        }
        while (keep > i && keep > n - 2 && s.charCodeAt(keep - 1) === 93 /* ] */) keep--;
        this.text(s, i, keep);
        i = keep;
        break;
      }
      if (lt > i) this.text(s, i, lt);
      const end = this.markup(s, lt);
      if (end === INCOMPLETE) {
        i = lt;
        break;
      }
      i = end;
    }
    this.base += i;
    this.buffer = i === 0 ? s : i < n ? s.slice(i) : '';
    // Markup is scanned again from its start as each chunk arrives: bound it so that cannot go quadratic.
    if (this.buffer.length > MAX_PENDING) throw this.fault(`a piece of markup longer than ${MAX_PENDING.toLocaleString('en')} characters`, 0);
  }

  /** Ends the document: throws XmlError when it stopped inside markup or an element, or had no root. */
  close(): void {
    if (this.buffer.length > 0) {
      const rest = this.buffer;
      this.buffer = '';
      if (rest.charCodeAt(0) === LT) throw this.fault('the document ends inside markup', 0);
      this.next.fill(-1);
      if (this.after(rest, NEXT_AMP, 0) < rest.length) throw this.fault('the document ends inside an entity reference', this.next[NEXT_AMP] as number);
      this.text(rest, 0, rest.length);
      this.base += rest.length;
    }
    if (this.open.length > 0) throw this.fault(`the document ends with <${this.open[this.open.length - 1] as string}> still open`, 0);
    if (!this.rootSeen) throw this.fault('the document has no root element', 0);
  }

  private fault(message: string, at: number): XmlError {
    return new XmlError(message, this.base + at);
  }

  /** The next position at or after `from` of NEEDLES[which] in the chunk `s` (its length when none), remembered until passed. */
  private after(s: string, which: number, from: number): number {
    const known = this.next[which] as number;
    if (known >= from) return known;
    const found = s.indexOf(NEEDLES[which] as string, from);
    const at = found === -1 ? s.length : found;
    this.next[which] = at;
    return at;
  }

  /** Character data between markup: white space outside the root; inside, checked and dropped. */
  private text(s: string, from: number, to: number): void {
    if (this.open.length === 0) {
      for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) throw this.fault(this.rootClosed ? 'text after the root element' : 'text before the root element', i);
      return;
    }
    if (this.after(s, NEXT_CDATA_END, from) < to) throw this.fault("']]>' in character data", this.next[NEXT_CDATA_END] as number);
    let amp = this.after(s, NEXT_AMP, from);
    while (amp < to) {
      const semi = s.indexOf(';', amp + 1);
      if (semi === -1 || semi >= to || semi - amp > 12) throw this.fault("'&' that starts no entity reference (write &amp;)", amp);
      this.decodeEntity(s, amp, semi);
      amp = this.after(s, NEXT_AMP, semi + 1);
    }
  }

  private decodeEntity(s: string, amp: number, semi: number): string {
    if (s.charCodeAt(amp + 1) === 35 /* # */) {
      const hex = s.charCodeAt(amp + 2) === 120; /* x */
      const digits = s.slice(amp + (hex ? 3 : 2), semi);
      const cp = digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) ? Number.parseInt(digits, hex ? 16 : 10) : Number.NaN;
      if (!isXmlChar(cp)) throw this.fault(`&${s.slice(amp + 1, semi)}; is not a character XML allows`, amp);
      return String.fromCodePoint(cp);
    }
    const named = NAMED_ENTITIES[s.slice(amp + 1, semi)];
    if (named === undefined) throw this.fault(`undefined entity &${s.slice(amp + 1, semi)};`, amp);
    return named;
  }

  /** Reads the markup starting at `lt`; returns the index after it, or INCOMPLETE. */
  private markup(s: string, lt: number): number {
    if (lt + 1 >= s.length) return INCOMPLETE;
    const c = s.charCodeAt(lt + 1);
    if (c === SLASH) return this.endTag(s, lt);
    if (c === QUESTION) return this.instruction(s, lt);
    if (c === BANG) return this.declaration(s, lt);
    return this.startTag(s, lt);
  }

  /** Reads the name at `from` (its end in `this.at`); null when the chunk ends first. */
  private readName(s: string, from: number): string | null {
    const n = s.length;
    if (from >= n) return null;
    const first = s.charCodeAt(from);
    const known = KNOWN_BY_FIRST[first];
    if (known !== undefined) {
      for (const name of known) {
        const end = from + name.length;
        if (end < n && endsName(s.charCodeAt(end)) && sameAt(s, from, name)) {
          this.at = end;
          return name;
        }
      }
    }
    if (!isNameStart(first)) throw this.fault(`a name cannot start with '${s[from] as string}'`, from);
    let j = from + 1;
    while (j < n && isNameChar(s.charCodeAt(j))) j++;
    if (j >= n) return null;
    this.at = j;
    return s.slice(from, j);
  }

  private startTag(s: string, lt: number): number {
    const n = s.length;
    const name = this.readName(s, lt + 1);
    if (name === null) return INCOMPLETE;
    // No '<' inside a tag: the next one bounds it (and is where the scanning goes on).
    const nextLt = s.indexOf('<', this.at);
    const limit = nextLt === -1 ? n : nextLt;
    this.knownLt = limit;
    const attributes = this.attributes;
    attributes.count = 0;
    let j = this.at;
    for (;;) {
      if (j >= n) return INCOMPLETE;
      let c = s.charCodeAt(j);
      const spaced = isSpace(c);
      while (isSpace(c)) {
        if (++j >= n) return INCOMPLETE;
        c = s.charCodeAt(j);
      }
      if (c === GT) {
        this.element(name, false, lt);
        return j + 1;
      }
      if (c === SLASH) {
        if (j + 1 >= n) return INCOMPLETE;
        if (s.charCodeAt(j + 1) !== GT) throw this.fault(`'/' inside <${name}> must be followed by '>'`, j);
        this.element(name, true, lt);
        return j + 2;
      }
      if (c === LT) throw this.fault(`<${name} is not closed before the next '<'`, j);
      if (!spaced) throw this.fault(`the attributes of <${name}> must be separated by white space`, j);
      const attr = this.readName(s, j);
      if (attr === null) return INCOMPLETE;
      j = this.at;
      c = s.charCodeAt(j);
      while (isSpace(c)) {
        if (++j >= n) return INCOMPLETE;
        c = s.charCodeAt(j);
      }
      if (c !== EQ) throw this.fault(`attribute ${attr} of <${name}> has no '='`, j);
      do {
        if (++j >= n) return INCOMPLETE;
        c = s.charCodeAt(j);
      } while (isSpace(c));
      if (c !== QUOT && c !== APOS) throw this.fault(`the value of attribute ${attr} of <${name}> must be quoted`, j);
      const close = s.indexOf(c === QUOT ? '"' : "'", j + 1);
      if (close === -1) {
        if (limit < n) throw this.fault("'<' in an attribute value (write &lt;)", limit);
        return INCOMPLETE;
      }
      if (close > limit) throw this.fault("'<' in an attribute value (write &lt;)", limit);
      const value = this.attributeValue(s, j + 1, close);
      for (let k = 0; k < attributes.count; k++) if (attributes.names[k] === attr) throw this.fault(`attribute ${attr} appears twice in <${name}>`, j);
      attributes.names[attributes.count] = attr;
      attributes.values[attributes.count] = value;
      attributes.count++;
      j = close + 1;
    }
  }

  /** An attribute's value between `from` and `to`: entities decoded and white space normalised as XML says. */
  private attributeValue(s: string, from: number, to: number): string {
    if (this.after(s, NEXT_AMP, from) >= to && this.after(s, NEXT_LF, from) >= to && this.after(s, NEXT_TAB, from) >= to && this.after(s, NEXT_CR, from) >= to) return s.slice(from, to);
    let out = '';
    let k = from;
    while (k < to) {
      const c = s.charCodeAt(k);
      if (c === AMP) {
        const semi = s.indexOf(';', k + 1);
        if (semi === -1 || semi >= to || semi - k > 12) throw this.fault("'&' that starts no entity reference (write &amp;)", k);
        out += this.decodeEntity(s, k, semi);
        k = semi + 1;
      } else if (c === 13) {
        // A line end (\r\n or \r) becomes one space, as a \n or a tab does.
        out += ' ';
        k += k + 1 < to && s.charCodeAt(k + 1) === 10 ? 2 : 1;
      } else {
        out += c === 9 || c === 10 ? ' ' : (s[k] as string);
        k++;
      }
    }
    return out;
  }

  private element(name: string, selfClosing: boolean, lt: number): void {
    if (this.open.length === 0) {
      if (this.rootSeen) throw this.fault(`a second root element <${name}>`, lt);
      this.rootSeen = true;
    }
    this.open.push(name);
    this.sink.open(name, this.attributes);
    if (selfClosing) this.ended(name);
  }

  private ended(name: string): void {
    this.open.pop();
    if (this.open.length === 0) this.rootClosed = true;
    this.sink.close(name);
  }

  private endTag(s: string, lt: number): number {
    const n = s.length;
    const top = this.open[this.open.length - 1];
    // The usual case: the end tag of the open element, with nothing before its '>'.
    if (top !== undefined) {
      const end = lt + 2 + top.length;
      if (end < n && s.charCodeAt(end) === GT && s.charCodeAt(lt + 2) === top.charCodeAt(0) && sameAt(s, lt + 2, top)) {
        this.ended(top);
        return end + 1;
      }
    }
    const name = this.readName(s, lt + 2);
    if (name === null) return INCOMPLETE;
    let j = this.at;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    if (j >= n) return INCOMPLETE;
    if (s.charCodeAt(j) !== GT) throw this.fault(`</${name} must end with '>'`, j);
    if (top !== name) throw this.fault(top === undefined ? `unexpected close tag </${name}>: no element is open` : `unexpected close tag </${name}>: <${top}> is open`, lt);
    this.ended(name);
    return j + 1;
  }

  /** `<?target …?>`; the XML declaration only at the very start. */
  private instruction(s: string, lt: number): number {
    const end = s.indexOf('?>', lt + 2);
    if (end === -1) return INCOMPLETE;
    const target = /^[^\s?]*/.exec(s.slice(lt + 2, end))?.[0] ?? '';
    if (target.toLowerCase() === 'xml' && this.base + lt !== this.start) throw this.fault('the XML declaration may only start the document', lt);
    if (target === '') throw this.fault('a processing instruction needs a target', lt);
    return end + 2;
  }

  /** `<!-- … -->`, `<![CDATA[ … ]]>` inside the root, `<!DOCTYPE …>` before it. */
  private declaration(s: string, lt: number): number {
    const n = s.length;
    if (s.startsWith('<!--', lt)) return this.comment(s, lt);
    if (lt + 9 > n) return INCOMPLETE;
    if (s.startsWith('<![CDATA[', lt)) {
      if (this.open.length === 0) throw this.fault('a CDATA section outside the root element', lt);
      const end = s.indexOf(']]>', lt + 9);
      return end === -1 ? INCOMPLETE : end + 3;
    }
    if (s.startsWith('<!DOCTYPE', lt)) {
      if (this.rootSeen) throw this.fault('a DOCTYPE after the root element started', lt);
      let quote = 0;
      for (let j = lt + 9; j < n; j++) {
        const c = s.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === QUOT || c === APOS) quote = c;
        else if (c === 91 /* [ */) throw this.fault('a DOCTYPE with an internal subset is not supported in an event log', lt);
        else if (c === GT) return j + 1;
      }
      return INCOMPLETE;
    }
    throw this.fault(`unexpected markup ${s.slice(lt, lt + 9)}`, lt);
  }

  private comment(s: string, lt: number): number {
    const end = s.indexOf('-->', lt + 4);
    if (end === -1) return INCOMPLETE;
    const dashes = s.indexOf('--', lt + 4);
    if (dashes < end) throw this.fault("'--' inside a comment", dashes);
    return end + 3;
  }
}
