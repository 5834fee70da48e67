import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Queryable } from './db/database.js';

const FORMAT_VERSION = 1;
const KEY_ID = 1;

/** Encrypts personal data at rest (AES-256-GCM) with a key that lives outside the database. */
export type Vault = {
  encrypt: (plain: string) => Buffer;
  decrypt: (sealed: Buffer) => string;
  /** A keyed hash for exact look-ups (the same phone number twice) without decrypting. */
  blindIndex: (value: string) => Buffer;
  /** Identifies the key without revealing it. */
  fingerprint: Buffer;
  source: string;
};

/** A sealed value as a view shows it: decrypted and masked (common/masking.ts), or null when there is none. */
export function openMasked(vault: Vault, sealed: Buffer | null, mask: (value: string) => string): string | null {
  return sealed ? mask(vault.decrypt(sealed)) : null;
}

export function createVault(masterKey: Buffer, source: string): Vault {
  if (masterKey.length !== 32) throw new Error('个人信息加密密钥必须是 32 字节（base64 编码后 44 个字符）');
  const encryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jingmin personal data v1', 32));
  const indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jingmin blind index v1', 32));
  return {
    source,
    fingerprint: createHmac('sha256', indexKey).update('jingmin vault key fingerprint').digest(),
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_VERSION, KEY_ID]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed[0] !== FORMAT_VERSION || sealed[1] !== KEY_ID) throw new Error('unknown ciphertext format or key id');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, sealed.subarray(2, 14));
      decipher.setAuthTag(sealed.subarray(14, 30));
      return Buffer.concat([decipher.update(sealed.subarray(30)), decipher.final()]).toString('utf8');
    },
    blindIndex(value) {
      return createHmac('sha256', indexKey).update(value.normalize('NFKC').replace(/[\s-]/g, '')).digest();
    },
  };
}

/**
 * The key comes from JINGMIN_VAULT_KEY, or from a file under the data directory that is created on
 * first start. Backups never include it: keep a copy of the key apart from the backups.
 */
export function loadVault(dataDir: string, keyFromEnv: string | undefined): Vault {
  if (keyFromEnv) return createVault(Buffer.from(keyFromEnv, 'base64'), 'JINGMIN_VAULT_KEY');
  const file = path.join(dataDir, 'secrets', 'vault.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return createVault(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'), file);
}

/** Records the key's fingerprint on first use; refuses a key that differs from the one the data was written with. */
export async function checkVaultKey(db: Queryable, vault: Vault): Promise<void> {
  await db.query('INSERT INTO vault_keys (key_id, fingerprint) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING', [KEY_ID, vault.fingerprint]);
  const { rows } = await db.query<{ fingerprint: Buffer }>('SELECT fingerprint FROM vault_keys WHERE key_id = $1', [KEY_ID]);
  if (!rows[0].fingerprint.equals(vault.fingerprint)) {
    throw new Error(`个人信息加密密钥与数据库中已加密的数据不符（密钥来源：${vault.source}）。`
      + '请使用原来的 secrets/vault.key 或 JINGMIN_VAULT_KEY；恢复备份时须同时恢复原密钥。');
  }
}
