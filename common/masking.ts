/**
 * Display masks for personal data (GB/T 35273-2020 §7.2 展示限制). The server masks every response;
 * the full value is shown only through the audited reveal action.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length > 4) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return '*'.repeat(digits.length);
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 身份证: the first 6 digits (region) and the last 4; the birth date is hidden. */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** Keeps the address down to the street (街道/镇/乡/路) and hides the house number. */
export function maskAddress(address: string): string {
  const match = /^(.*?(?:街道|镇|乡|路|街|大道|村))/.exec(address);
  const kept = match ? match[1] : [...address].slice(0, 6).join('');
  return kept.length < address.length ? `${kept}****` : kept;
}
