import type { KindView, StageRule } from '../../../common/contracts/kinds.js';
import type { Database, Queryable } from '../../platform/db/database.js';

const SELECT_KINDS = `
  SELECT code, name_zh, name_en, public_submission, stages, reopen_window_days, pause_reasons, version
    FROM matter_kinds ORDER BY sort_order, code`;

type KindRow = {
  code: string; name_zh: string; name_en: string; public_submission: boolean; stages: StageRule[];
  reopen_window_days: number; pause_reasons: string[]; version: number;
};

const toKind = (row: KindRow): KindView => ({
  code: row.code, nameZh: row.name_zh, nameEn: row.name_en, publicSubmission: row.public_submission,
  stages: row.stages, reopenWindowDays: row.reopen_window_days, pauseReasons: row.pause_reasons, version: row.version,
});

export async function listKinds(db: Queryable): Promise<KindView[]> {
  return (await db.query<KindRow>(SELECT_KINDS)).rows.map(toKind);
}

/** Returns the new version, or undefined when the given version is stale. */
export async function updateKind(db: Queryable, code: string, staffId: number, body: Omit<KindView, 'code'>): Promise<number | undefined> {
  const { rows } = await db.query<{ version: number }>(
    `UPDATE matter_kinds SET name_zh = $3, name_en = $4, public_submission = $5, stages = $6, reopen_window_days = $7,
            pause_reasons = $8, version = version + 1, updated_at = now(), updated_by = $9
      WHERE code = $1 AND version = $2 RETURNING version`,
    [code, body.version, body.nameZh, body.nameEn, body.publicSubmission, JSON.stringify(body.stages),
     body.reopenWindowDays, body.pauseReasons, staffId],
  );
  return rows[0]?.version;
}

// Time limits change rarely; a change reaches every server process within this many milliseconds.
const CACHE_MS = 30_000;

/** Matter kinds cached in memory for the hot path of submissions. */
export function kindCache(db: Database) {
  let loadedAt = 0;
  let kinds = new Map<string, KindView>();
  return {
    async get(code: string): Promise<KindView | undefined> {
      if (Date.now() - loadedAt > CACHE_MS) {
        kinds = new Map((await listKinds(db)).map((kind) => [kind.code, kind]));
        loadedAt = Date.now();
      }
      return kinds.get(code);
    },
    invalidate() {
      loadedAt = 0;
    },
  };
}
export type KindCache = ReturnType<typeof kindCache>;
