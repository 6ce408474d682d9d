/**
 * Minimal XML writing for CAP and Atom: text escaping and characters XML 1.0 does not allow
 * (C0 controls other than tab, CR, LF; lone surrogates; U+FFFE/U+FFFF) removed, so that free text
 * from officers can never produce an ill-formed document.
 */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Collects indented lines; `el` writes `<name>text</name>` and skips null/undefined values. */
export class XmlWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  constructor(declaration = true) {
    if (declaration) this.lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  }

  open(name: string, attrs: Record<string, string> = {}): this {
    this.lines.push(`${this.indent()}<${name}${attributes(attrs)}>`);
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.lines.push(`${this.indent()}</${name}>`);
    return this;
  }

  el(name: string, text: string | number | null | undefined, attrs: Record<string, string> = {}): this {
    if (text === null || text === undefined) return this;
    this.lines.push(`${this.indent()}<${name}${attributes(attrs)}>${escapeXml(String(text))}</${name}>`);
    return this;
  }

  empty(name: string, attrs: Record<string, string>): this {
    this.lines.push(`${this.indent()}<${name}${attributes(attrs)}/>`);
    return this;
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }

  private indent(): string {
    return '  '.repeat(this.depth);
  }
}

function attributes(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
}
