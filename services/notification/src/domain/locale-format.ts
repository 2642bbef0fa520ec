/** An amount in integer minor units (fen, cents) of an ISO 4217 currency, as every context publishes it. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export type Locale = 'zh-CN' | 'en';
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: 'US$', EUR: '€', HKD: 'HK$' };
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0 };

/**
 * ¥1,234.56 from 123456 minor units, by integer and string arithmetic only (no float ever holds
 * the amount). The same for both locales: the customer reads amounts the way the bank shows them.
 */
export function formatMoney(money: Money): string {
  const { amountMinor, currency } = money;
  if (!Number.isSafeInteger(amountMinor))
    throw new RangeError(`Not a whole number of minor units: ${amountMinor}`);
  const digits = MINOR_DIGITS[currency] ?? 2;
  const sign = amountMinor < 0 ? '-' : '';
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits ? `.${text.slice(text.length - digits)}` : '';
  return `${sign}${SYMBOLS[currency] ?? `${currency} `}${whole}${fraction}`;
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** China's fixed offset (no daylight saving): an instant's calendar date is Beijing's. */
const BEIJING_OFFSET_MS = 8 * 60 * 60_000;

/** The calendar date of `YYYY-MM-DD` as is, or of an instant in Beijing time. */
function calendarDate(value: string): { year: number; month: number; day: number } {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return { year: Number(plain[1]), month: Number(plain[2]), day: Number(plain[3]) };
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date: ${value}`);
  const local = new Date(ms + BEIJING_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** 2026年11月23日 (zh-CN) or 23 November 2026 (en). */
export function formatDate(value: string, locale: Locale): string {
  const { year, month, day } = calendarDate(value);
  return locale === 'zh-CN' ? `${year}年${month}月${day}日` : `${day} ${EN_MONTHS[month - 1]} ${year}`;
}

/** 2026年11月23日 14:05 (zh-CN) or 23 November 2026, 14:05 (en), Beijing time. */
export function formatDateTime(value: string, locale: Locale): string {
  const local = new Date(Date.parse(value) + BEIJING_OFFSET_MS);
  const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return locale === 'zh-CN'
    ? `${formatDate(value, locale)} ${time}`
    : `${formatDate(value, locale)}, ${time}`;
}
