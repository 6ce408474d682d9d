import { encodingOf, splitSms } from './gsm7';

describe('SMS encoding and splitting', () => {
  it('keeps German umlauts in GSM-7', () => {
    expect(encodingOf('Hochwasserwarnung für Hagen: Pegel über Stufe 2, Straßen meiden!')).toBe('gsm7');
  });

  it('switches to UCS-2 for characters outside the GSM alphabet', () => {
    expect(encodingOf('Warnung 🌊')).toBe('ucs2');
    expect(encodingOf('Łódź')).toBe('ucs2');
  });

  it('fits 160 GSM-7 septets in one part and splits 161 into 153 + 8', () => {
    expect(splitSms('a'.repeat(160)).parts).toHaveLength(1);
    const two = splitSms('a'.repeat(161));
    expect(two.parts.map((p) => p.length)).toEqual([153, 8]);
  });

  it('counts extension characters as two septets and never splits them', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const r = splitSms(text);
    expect(r.units).toBe(152 + 2 + 10);
    // 152 + 2 would exceed 153: the euro sign moves whole into part two.
    expect(r.parts[0]).toBe('a'.repeat(152));
    expect(r.parts[1].startsWith('€')).toBe(true);
  });

  it('splits UCS-2 at 67 code units without breaking surrogate pairs', () => {
    const text = 'ж'.repeat(66) + '🌊' + 'ж'.repeat(10);
    const r = splitSms(text);
    expect(r.encoding).toBe('ucs2');
    expect(r.parts[0]).toBe('ж'.repeat(66));
    expect(r.parts[1].startsWith('🌊')).toBe(true);
    expect(r.parts.join('')).toBe(text);
    expect(splitSms('ж'.repeat(70)).parts).toHaveLength(1);
  });
});
