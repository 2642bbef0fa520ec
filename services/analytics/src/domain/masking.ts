/** How a customer appears to analysts: never in clear, and "forgotten" once erased. */
export interface MaskedCustomer {
  readonly forgotten: boolean;
  readonly name: string | null;
  readonly phone: string | null;
  readonly id: string | null;
}

const ERASED = '[erased]';

/** 李四 → 李*, 欧阳娜娜 → 欧***: the first character only. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name.trim()];
  if (chars.length === 0) return null;
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 13812345678 → 138****5678; shorter numbers keep only their last two digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const all = phone.replace(/[^0-9]/g, '');
  const digits = all.length === 13 && all.startsWith('86') ? all.slice(2) : all; // +86 country code
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length === 0) return null;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

/** An identifier (ID number, customer id): its first 3 and last 2 characters, the rest starred. */
export function maskId(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length <= 5) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 5)}${id.slice(-2)}`;
}

/** Masks the revealed personal fields; any field read as erased means the customer was forgotten. */
export function maskCustomer(
  customerId: string | null,
  fields: { readonly claimantName?: unknown; readonly claimantPhone?: unknown } | undefined,
): MaskedCustomer {
  const name = typeof fields?.claimantName === 'string' ? fields.claimantName : null;
  const phone = typeof fields?.claimantPhone === 'string' ? fields.claimantPhone : null;
  if (name === ERASED || phone === ERASED) return { forgotten: true, name: null, phone: null, id: null };
  return { forgotten: false, name: maskName(name), phone: maskPhone(phone), id: maskId(customerId) };
}

/** How the masked customer reads in a table or CSV cell. */
export function customerLabel(customer: MaskedCustomer | null): string {
  if (!customer) return '';
  if (customer.forgotten) return 'forgotten';
  return [customer.name, customer.phone, customer.id].filter(Boolean).join(' ');
}
