/**
 * SMS text encoding (3GPP TS 23.038). A text goes as GSM-7 when every character is in the
 * default alphabet or its extension table (extension characters cost two septets), else as
 * UCS-2. German umlauts and ß are in the default alphabet, so most German warnings stay GSM-7.
 * Limits: one SMS holds 160 septets (GSM-7) or 70 UTF-16 code units (UCS-2); a concatenated
 * message loses 6 octets per part to the user data header: 153 septets or 67 code units.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';

const basicSet = new Set(Array.from(BASIC).filter((c) => c !== '\u001b'));
const extensionSet = new Set(Array.from(EXTENSION));

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsParts {
  encoding: SmsEncoding;
  parts: string[];
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text. */
  units: number;
}

function septets(ch: string): number {
  if (basicSet.has(ch)) return 1;
  if (extensionSet.has(ch)) return 2;
  return -1;
}

export function encodingOf(text: string): SmsEncoding {
  for (const ch of text) if (septets(ch) < 0) return 'ucs2';
  return 'gsm7';
}

/** Splits a text into SMS parts without breaking an escape sequence or a surrogate pair. */
export function splitSms(text: string): SmsParts {
  const encoding = encodingOf(text);
  const chars = Array.from(text); // code points: a surrogate pair stays together
  const unitOf = (ch: string) => (encoding === 'gsm7' ? septets(ch) : ch.length);
  const units = chars.reduce((n, ch) => n + unitOf(ch), 0);
  const single = encoding === 'gsm7' ? 160 : 70;
  if (units <= single) return { encoding, parts: text.length ? [text] : [], units };
  const perPart = encoding === 'gsm7' ? 153 : 67;
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const ch of chars) {
    const u = unitOf(ch);
    if (used + u > perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += u;
  }
  if (current) parts.push(current);
  return { encoding, parts, units };
}
