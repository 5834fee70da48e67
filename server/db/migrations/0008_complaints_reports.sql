-- Complaints about officers (投诉), reports (举报) and conduct supervisors' observations (警风警纪监督员),
-- Issue 4. Decision 0015 explains the recusal rule and the sealed reporter.

-- Recusal (回避), owned by the matters module because the core enforces it for every module: who may not
-- see, handle, receive, follow up or rate this matter. One row per matter that has any, precomputed
-- from the officers concerned and the organisation tree when they are linked (server/modules/matters/
-- recusal.ts), so that the access check and the list query each look up one row by its primary key.
-- 信访工作条例 第二十八条 (回避), 第三十条·第四十六条 (检举揭发材料不得转交被检举揭发的人).
CREATE TABLE matter_recusals (
  jurisdiction_id  smallint NOT NULL,
  matter_id        bigint NOT NULL,
  -- Whole units: the concerned officers' own units and every unit below them.
  unit_ids         integer[] NOT NULL DEFAULT '{}',
  -- Individuals: the concerned officers and the leaders of the units between theirs and the bureau.
  staff_ids        integer[] NOT NULL DEFAULT '{}',
  computed_at      timestamptz NOT NULL,
  PRIMARY KEY (jurisdiction_id, matter_id),
  FOREIGN KEY (jurisdiction_id, matter_id) REFERENCES matters (jurisdiction_id, id)
);
COMMENT ON TABLE matter_recusals IS '回避: 被投诉/举报民警及其指挥链不得查看、办理、回访、评价该事项';

-- The officers a complaint, report or observation concerns, owned by the conduct module: linked by the
-- supervision office, kept "for their record" with the unit they were in when linked (a later move does
-- not rewrite the record) and, once the matter is answered, the finding for each of them.
CREATE TABLE complaint_officers (
  jurisdiction_id  smallint NOT NULL,
  matter_id        bigint NOT NULL,
  staff_id         integer NOT NULL REFERENCES staff (id),
  unit_id          integer NOT NULL REFERENCES units (id),
  linked_at        timestamptz NOT NULL,
  linked_by        integer NOT NULL REFERENCES staff (id),
  finding          text CHECK (finding IN ('sustained', 'not_sustained')),
  finding_at       timestamptz,
  finding_by       integer REFERENCES staff (id),
  PRIMARY KEY (jurisdiction_id, matter_id, staff_id),
  FOREIGN KEY (jurisdiction_id, matter_id) REFERENCES matters (jurisdiction_id, id),
  CHECK ((finding IS NULL) = (finding_at IS NULL))
);
-- The per-officer record counts by officer.
CREATE INDEX complaint_officers_staff ON complaint_officers (staff_id);
COMMENT ON TABLE complaint_officers IS '投诉/举报涉及的民警（记入个人执法档案）及督察认定结果';

-- A conduct supervisor's observations: "我的监督意见" looks them up by who filed them.
CREATE INDEX matters_observations_by_filer ON matters (registered_by, received_at DESC) WHERE channel = 'conduct_supervisor';

-- 警风警纪监督意见: the observation of an outside conduct supervisor, handled by the supervision office on
-- the time limits of a complaint (广东省12345热线管理办法: 投诉·举报 15 工作日). Not open to the portal.
INSERT INTO matter_kinds (code, name_zh, name_en, public_submission, stages, reopen_window_days, pause_reasons, sort_order) VALUES
 ('observation', '警风警纪监督意见', 'Conduct supervisor''s observation', false,
  '[{"stage":"acceptance","amount":1,"unit":"working_day","rollForwardIfHoliday":false,"startsOn":"received","endsOn":"accepted"},
    {"stage":"handling","amount":15,"unit":"working_day","rollForwardIfHoliday":false,"startsOn":"received","endsOn":"replied"}]',
  15, ARRAY['awaiting_citizen'], 20)
ON CONFLICT (code) DO NOTHING;
