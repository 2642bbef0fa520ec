import {
  isCalendarDate,
  isCurrencyCode,
  isInstant,
  isPlainText,
  malformedTextPaths,
  reservedKeyPaths,
} from '../src';

describe('field rules shared by every service', () => {
  it.each(['2026-02-28', '2024-02-29', '1900-01-01', '2100-12-31'])('accepts the date %s', (date) =>
    expect(isCalendarDate(date)).toBe(true),
  );
  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-11-31',
    '1899-12-31',
    '2101-01-01',
    '2026-1-01',
    '20261101',
    '',
    5,
  ])('refuses the date %p', (date) => expect(isCalendarDate(date)).toBe(false));

  it.each([
    '2026-11-23T09:30:00+08:00',
    '2026-11-23T01:30:00Z',
    '2026-11-23T01:30Z',
    '2026-11-23T01:30:00.123456Z',
  ])('accepts the instant %s', (instant) => expect(isInstant(instant)).toBe(true));
  it.each([
    '2026-11-31T00:00:00Z',
    '2026-11-23T24:00:00Z',
    '2026-11-23T09:30:00',
    '2026-11-23',
    '2026-11-23T09:60:00Z',
    '9999-01-01T00:00:00Z',
    'abc',
  ])('refuses the instant %p', (instant) => expect(isInstant(instant)).toBe(false));

  it('knows ISO 4217 currencies', () => {
    expect(['CNY', 'USD', 'EUR', 'HKD'].every(isCurrencyCode)).toBe(true);
    expect(['XYZ', 'cny', 'RMB', '', 'CN'].some(isCurrencyCode)).toBe(false);
  });

  it('accepts written text and refuses blanks, control characters and lone surrogates', () => {
    expect(isPlainText('李娜', { maxLength: 100 })).toBe(true);
    expect(isPlainText('first line\nsecond', { maxLength: 100, multiline: true })).toBe(true);
    for (const bad of [
      '',
      '   ',
      'a\u0000b',
      'Li\u0007Na',
      'line\nbreak',
      'x\ud800',
      '\udc00y',
      'x'.repeat(101),
    ]) {
      expect(isPlainText(bad, { maxLength: 100 })).toBe(false);
    }
  });

  it('finds prototype keys anywhere in a body, with their paths', () => {
    const body = JSON.parse(
      '{"a":1,"__proto__":{"x":1},"contact":{"constructor":{}},"items":[{"prototype":2}]}',
    );
    expect(reservedKeyPaths(body)).toEqual(['__proto__', 'contact.constructor', 'items[0].prototype']);
    expect(reservedKeyPaths({ name: 'x', list: [1, 2] })).toEqual([]);
  });

  it('finds text that is not well-formed Unicode, in values and keys', () => {
    const body = {
      name: 'Li\ud800',
      contact: { email: 'ok@example.com', notes: ['fine', '\udc00x'] },
      ['k\ud801']: 1,
    };
    expect(malformedTextPaths(body)).toEqual(['name', 'contact.notes[1]', 'k\ud801']);
    expect(malformedTextPaths({ name: '李娜 😀' })).toEqual([]);
  });
});
