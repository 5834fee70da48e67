import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { prepareContext } from '../runtime.js';
import { createTestContext } from '../test/harness.js';
import { createVault } from './vault.js';

let env: Awaited<ReturnType<typeof createTestContext>>;
beforeAll(async () => { env = await createTestContext(); });
afterAll(async () => { await env.close(); });

it('encrypts so that the same value differs each time and decrypts it back; a flipped byte is refused', () => {
  const vault = createVault(randomBytes(32), 'test');
  const a = vault.encrypt('13812341234');
  expect(a.equals(vault.encrypt('13812341234'))).toBe(false);
  expect(vault.decrypt(a)).toBe('13812341234');
  a[a.length - 1] ^= 1;
  expect(() => vault.decrypt(a)).toThrow();
  expect(vault.blindIndex('138-1234-1234').equals(vault.blindIndex('13812341234'))).toBe(true);
});

it('refuses to start with a key other than the one the data was encrypted with', async () => {
  const config = { ...loadConfig({}), dataDir: '/nonexistent', vaultKey: randomBytes(32).toString('base64') };
  await expect(prepareContext(env.ctx.db, config, () => {})).rejects.toThrow(/加密密钥与数据库中已加密的数据不符/);
});
