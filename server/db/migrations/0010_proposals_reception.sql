-- 建议提案 (NPC deputies' suggestions, CPPCC members' proposals) and 局长接访日 (leaders' reception days),
-- Issue 4. The proposals module owns proposal_*; the reception module owns reception_*.

-- The proposal kind. 代表法 第五十一条: the bodies concerned 研究处理并负责答复 within three months of 交办;
-- a matter that is wide-ranging or hard to settle within six months: one approved extension of three months.
-- 签收 or asking to return one outside the bureau's remit within 10 days of 交办 (浙江 第十四条; 山东 5 日).
-- Month periods follow 民法典 第二百零二条 and roll past a holiday (server/platform/calendar/deadline.ts).
-- The citizen's reopening window is 0: a deputy who is not satisfied gets a 重办 through the proposals module.
INSERT INTO matter_kinds (code, name_zh, name_en, public_submission, stages, reopen_window_days, pause_reasons, sort_order) VALUES
 ('proposal', '建议提案', 'NPC suggestion / CPPCC proposal', false,
  '[{"stage":"acceptance","amount":10,"unit":"calendar_day","rollForwardIfHoliday":true,"startsOn":"received","endsOn":"accepted"},
    {"stage":"reply","amount":3,"unit":"month","rollForwardIfHoliday":true,"startsOn":"received","endsOn":"replied",
     "extension":{"amount":3,"unit":"month"}}]',
  0, ARRAY['awaiting_citizen'], 7);

-- A deputy who is 不满意 gets a re-handling and a new reply within one month (浙江 第二十四条, 山东 第二十四条):
-- the kind's rectification rule, the column the follow-up engine's migration (0006) adds.
UPDATE matter_kinds SET rectification_rule = '{"amount": 1, "unit": "month", "rollForwardIfHoliday": true}' WHERE code = 'proposal';

-- The rules of this county's proposal handling that are local practice, not law: one row (no editing page yet).
CREATE TABLE proposal_rules (
  id                 boolean PRIMARY KEY DEFAULT true CHECK (id),
  -- 办前面商: first contact with the proposer, 重庆 第十八条 20 工作日 (local CPPCC practice 15).
  first_contact      jsonb NOT NULL,
  -- A co-handling unit's written opinion to the lead unit: 山东 1 个月 (浙江 2 个月, 重庆 30 工作日).
  co_opinion         jsonb NOT NULL,
  version            integer NOT NULL DEFAULT 1,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  updated_by         integer REFERENCES staff (id)
);
INSERT INTO proposal_rules (first_contact, co_opinion) VALUES (
  '{"amount":20,"unit":"working_day","rollForwardIfHoliday":false}',
  '{"amount":1,"unit":"month","rollForwardIfHoliday":true}');

-- One row per suggestion or proposal; the matter carries its text, the proposer's contact (encrypted), the
-- clocks and the timeline; the lead unit (主办) is the matter's handler.
CREATE TABLE proposals (
  jurisdiction_id  smallint NOT NULL,
  matter_id        bigint NOT NULL,
  proposer_type    text NOT NULL CHECK (proposer_type IN ('npc_deputy', 'cppcc_member')),
  -- e.g. 县十八届人大三次会议: the session the proposal was put to, and its number there.
  session          text NOT NULL CHECK (length(session) BETWEEN 2 AND 60),
  number           integer NOT NULL CHECK (number BETWEEN 1 AND 99999),
  title            text NOT NULL CHECK (length(title) BETWEEN 2 AND 100),
  lead_unit_id     integer NOT NULL REFERENCES units (id),
  -- 面商: when and how the lead unit first contacted the proposer.
  contacted_at     timestamptz,
  contact_manner   text CHECK (contact_manner IN ('meeting', 'phone', 'visit', 'forum')),
  contact_note     text,
  PRIMARY KEY (jurisdiction_id, matter_id),
  UNIQUE (jurisdiction_id, session, proposer_type, number),
  FOREIGN KEY (jurisdiction_id, matter_id) REFERENCES matters (jurisdiction_id, id)
);
CREATE INDEX proposals_session ON proposals (session, proposer_type, number);
COMMENT ON TABLE proposals IS '人大代表建议、政协委员提案';

-- 协办单位 and their written opinions to the lead unit.
CREATE TABLE proposal_co_units (
  jurisdiction_id  smallint NOT NULL,
  matter_id        bigint NOT NULL,
  unit_id          integer NOT NULL REFERENCES units (id),
  due_at           timestamptz NOT NULL,
  opinion          text CHECK (length(opinion) BETWEEN 2 AND 5000),
  submitted_at     timestamptz,
  submitted_by     integer REFERENCES staff (id),
  PRIMARY KEY (jurisdiction_id, matter_id, unit_id),
  FOREIGN KEY (jurisdiction_id, matter_id) REFERENCES proposals (jurisdiction_id, matter_id),
  CHECK ((opinion IS NULL) = (submitted_at IS NULL) AND (submitted_at IS NULL) = (submitted_by IS NULL))
);
CREATE INDEX proposal_co_units_unit ON proposal_co_units (unit_id) WHERE submitted_at IS NULL;

-- The lead unit's classed reply, one per handling cycle (cycle 0, then one per redo).
-- A 已解决或采纳 · B 正在解决或列入计划 · C 因条件限制以后解决 · D 留作参考; B and C carry the commitment to follow up
-- (承诺事项, reported again once done: 山东 第十八条, 重庆 第二十四条).
CREATE TABLE proposal_replies (
  jurisdiction_id  smallint NOT NULL,
  matter_id        bigint NOT NULL,
  cycle            integer NOT NULL,
  class            text NOT NULL CHECK (class IN ('A', 'B', 'C', 'D')),
  text             text NOT NULL CHECK (length(text) BETWEEN 2 AND 5000),
  commitment       text CHECK (length(commitment) BETWEEN 2 AND 1000),
  commitment_due   date,
  replied_at       timestamptz NOT NULL,
  replied_by       integer NOT NULL REFERENCES staff (id),
  unit_id          integer NOT NULL REFERENCES units (id),
  PRIMARY KEY (jurisdiction_id, matter_id, cycle),
  FOREIGN KEY (jurisdiction_id, matter_id) REFERENCES proposals (jurisdiction_id, matter_id),
  CHECK ((class IN ('B', 'C')) = (commitment IS NOT NULL) AND (commitment IS NULL) = (commitment_due IS NULL))
);
COMMENT ON TABLE proposal_replies IS '建议提案答复（A/B/C/D 分类），每个办理轮次一份';

-- 局长接访日: a leader's published reception day, divided into slots the public books.
CREATE TABLE reception_days (
  jurisdiction_id  smallint NOT NULL REFERENCES jurisdictions (id),
  id               bigint GENERATED BY DEFAULT AS IDENTITY,
  leader_id        integer NOT NULL REFERENCES staff (id),
  day              date NOT NULL,
  starts_at        time NOT NULL,
  ends_at          time NOT NULL,
  slot_minutes     integer NOT NULL CHECK (slot_minutes BETWEEN 10 AND 120),
  place            text NOT NULL CHECK (length(place) BETWEEN 2 AND 100),
  topics           text CHECK (length(topics) <= 200),
  status           text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'cancelled')),
  created_by       integer NOT NULL REFERENCES staff (id),
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (jurisdiction_id, id),
  CHECK (ends_at > starts_at)
);
CREATE INDEX reception_days_day ON reception_days (day) WHERE status = 'published';
COMMENT ON TABLE reception_days IS '局长接访日安排';

-- A member of the public's booking of one slot. The name and phone are personal data (encrypted); the
-- phone's keyed hash lets the one-booking-per-phone-per-day rule hold without decrypting anything.
CREATE TABLE reception_bookings (
  jurisdiction_id  smallint NOT NULL,
  id               bigint GENERATED BY DEFAULT AS IDENTITY,
  day_id           bigint NOT NULL,
  day              date NOT NULL,
  slot_no          integer NOT NULL CHECK (slot_no >= 0),
  slot_starts_at   timestamptz NOT NULL,
  code             text NOT NULL UNIQUE,
  name_enc         bytea NOT NULL,
  phone_enc        bytea NOT NULL,
  phone_index      bytea NOT NULL,
  subject          text NOT NULL CHECK (length(subject) BETWEEN 5 AND 500),
  status           text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'attended', 'absent')),
  booked_at        timestamptz NOT NULL,
  cancelled_at     timestamptz,
  -- The meeting's record: who came, what was raised, what the leader decided.
  attendees        text CHECK (length(attendees) <= 200),
  raised           text CHECK (length(raised) <= 5000),
  decision         text CHECK (length(decision) <= 5000),
  recorded_at      timestamptz,
  recorded_by      integer REFERENCES staff (id),
  PRIMARY KEY (jurisdiction_id, id),
  FOREIGN KEY (jurisdiction_id, day_id) REFERENCES reception_days (jurisdiction_id, id)
);
-- A slot holds one booking, and a phone one booking a day: two people booking at once cannot both win.
CREATE UNIQUE INDEX reception_bookings_slot ON reception_bookings (jurisdiction_id, day_id, slot_no) WHERE status <> 'cancelled';
CREATE UNIQUE INDEX reception_bookings_phone_day ON reception_bookings (jurisdiction_id, day, phone_index) WHERE status <> 'cancelled';
COMMENT ON TABLE reception_bookings IS '接访预约及接访记录';

-- The matters a meeting gave rise to (包案: the leader is their first officer and handler).
CREATE TABLE reception_matters (
  jurisdiction_id  smallint NOT NULL,
  booking_id       bigint NOT NULL,
  matter_id        bigint NOT NULL,
  PRIMARY KEY (jurisdiction_id, booking_id, matter_id),
  FOREIGN KEY (jurisdiction_id, booking_id) REFERENCES reception_bookings (jurisdiction_id, id),
  FOREIGN KEY (jurisdiction_id, matter_id) REFERENCES matters (jurisdiction_id, id)
);
