import { hash, verify } from '@node-rs/argon2';

// The rule lives in common/ so that the administration form checks it too.
export { isStrongPassword } from '../../../common/passwords.js';

// OWASP minimum profile for argon2id: 19 MiB, 2 passes, 1 lane.
// algorithm 2 is Argon2id (a const enum in the package's types, which isolated modules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verified against when the username is unknown, so the answer takes as long as for a wrong password.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-for-timing');
  return decoyHash;
}
