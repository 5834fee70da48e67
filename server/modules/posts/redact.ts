/**
 * What a published post and its answer must never carry, removed before anything is public: mobile and
 * landline numbers, identity numbers and e-mail addresses, whatever their width or spacing. The moderator
 * reads the result and removes what no pattern finds (a name, a house number); this is the safety net
 * under that reading, not a replacement for it.
 */
const HIDDEN = '***';

// Full-width digits (１３８…) are read as digits: people type them on phones.
const halfWidthDigits = (text: string) => text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

const PATTERNS: RegExp[] = [
  // 18-digit identity numbers (GB 11643), before phones so that a phone-like run inside one is not half-masked.
  /(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])/g,
  // Mobile numbers, also written 138 1234 5678 or 138-1234-5678, with or without +86.
  /(?<![0-9])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]){8}(?![0-9])/g,
  // Landlines with an area code: 0571-12345678, 010 1234 5678.
  /(?<![0-9])0[0-9]{2,3}[\s-]?[0-9]{3,4}[\s-]?[0-9]{4}(?![0-9])/g,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
];

export function redactPersonalData(text: string): string {
  return PATTERNS.reduce((out, pattern) => out.replace(pattern, HIDDEN), halfWidthDigits(text));
}
