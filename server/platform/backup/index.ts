/**
 * `jingmin backup FILE` and `jingmin restore FILE`: a logical backup that Jingmin writes itself through
 * the `pg` driver, from one consistent snapshot, while the server runs (docs/decisions/0004-backup-format.md).
 */
export { createBackup } from './create-backup.js';
export { restoreBackup } from './restore-backup.js';
