import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read out over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 20; // 100 bits: unguessable, and short enough to read out.

/**
 * A tracking code is the jurisdiction's two-digit code followed by 20 random characters. The prefix
 * lets a look-up go straight to the jurisdiction's data (which is how the tables are keyed).
 */
export function newTrackingCode(jurisdictionCode: string): string {
  const bytes = randomBytes(RANDOM_CHARS);
  let code = jurisdictionCode;
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

/** Accepts what people type: lower case, spaces and dashes, and the letters Crockford maps to digits. */
export function normalizeTrackingCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return /^[0-9]{2}[0-9A-HJKMNP-TV-Z]{20}$/.test(code) ? code : undefined;
}

export function formatTrackingCode(code: string): string {
  return [code.slice(0, 2), code.slice(2, 7), code.slice(7, 12), code.slice(12, 17), code.slice(17)].join('-');
}

/**
 * The code as staff see it on a matter: the code is the citizen's key to rate, reopen and ask for 复查, so
 * whoever handles the matter must not hold it (a handler rating their own work as the citizen). Staff who
 * need it for a caller who lost it reveal it with a reason, on the record (revealPersonalData).
 */
export function maskTrackingCode(code: string): string {
  return [code.slice(0, 2), '*****', '*****', '*****', code.slice(17)].join('-');
}
