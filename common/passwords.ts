/**
 * The password rule, shared by the server (which enforces it) and the administration form (which
 * checks it before sending, so the administrator sees the rule at the field).
 */

/** 等保 2.0 三级 practice: at least 8 characters drawn from at least 3 of the 4 character classes. */
export function isStrongPassword(password: string): boolean {
  if (password.length < 8 || password.length > 128) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) => pattern.test(password)).length;
  return classes >= 3;
}
