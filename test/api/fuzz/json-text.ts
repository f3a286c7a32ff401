/**
 * JSON text the fuzzer sends: ordinary values plus pieces JSON.stringify cannot write (numbers
 * such as 1e999, deep nesting, arbitrary broken text) and own `__proto__` keys.
 */

/** A piece of JSON text inserted verbatim where a value goes. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A huge string, made only when it is serialised (so that generated values stay small). */
export class HugeString {
  constructor(
    readonly length: number,
    readonly unit: string,
  ) {}

  /** The string itself. */
  value(): string {
    return this.unit.repeat(Math.ceil(this.length / this.unit.length)).slice(0, this.length);
  }
}

/** JSON text of a value that may contain RawJson and HugeString pieces and own `__proto__` keys. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof HugeString) return JSON.stringify(value.value());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : jsonText(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const parts: string[] = [];
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${jsonText(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A copy of an object with an own (enumerable) property, even one named `__proto__`. */
export function withOwn(target: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A value shortened for printing: long strings keep their head and their length. */
export function printable(value: unknown, max = 2000): unknown {
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max)}… (${value.length} chars)` : value;
  if (value instanceof HugeString) return `<huge string of ${value.length} × ${JSON.stringify(value.unit)}>`;
  if (value instanceof RawJson) return printable(value.text, max);
  if (Buffer.isBuffer(value)) return printable(value.toString('latin1'), max);
  if (Array.isArray(value)) return value.map((v) => printable(v, max));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.keys(value).map((k) => [k, printable((value as Record<string, unknown>)[k], max)]));
  return value;
}
