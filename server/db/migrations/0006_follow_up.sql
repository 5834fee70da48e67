-- 回访 and 执法结果即时测评 (issue 4): a follow-up for every closed handling cycle, through a
-- channel the handler does not control (a one-time link by SMS, or a call by the command centre); the
-- rectification owed for a 不满意; staff appeals against a rating. Owned by server/modules/feedback,
-- except matter_ratings (the matters module's ratings.ts), which this migration extends.

-- How a rating reached us: 'portal' (the tracking page), 'sms_link' (the one-time link of a follow-up
-- message), 'call' (recorded by the command centre during a follow-up call). Ratings written before
-- this migration came from the portal or were recorded by staff on a call.
ALTER TABLE matter_ratings ADD COLUMN via text NOT NULL DEFAULT 'portal' CHECK (via IN ('portal', 'sms_link', 'call'));
UPDATE matter_ratings SET via = 'call' WHERE source = 'follow_up';
ALTER TABLE matter_ratings ADD CONSTRAINT matter_ratings_via_source CHECK ((via = 'call') = (source = 'follow_up'));
-- Nobody changes or removes a rating, whatever their role or path into the database: the satisfaction
-- figures of a unit and an officer rest on it. An unfair rating is appealed (rating_appeals), not edited.
CREATE TRIGGER matter_ratings_append_only BEFORE UPDATE OR DELETE ON matter_ratings
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER matter_ratings_no_truncate BEFORE TRUNCATE ON matter_ratings
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- The time a unit has to rectify after a 不满意, per kind: 5 working days by default (重庆渝中 民调中心,
-- 德州 差评整改: feedback within 5 工作日); a kind may set another rule (建议提案: one month, 代表法).
ALTER TABLE matter_kinds ADD COLUMN rectification_rule jsonb NOT NULL
  DEFAULT '{"amount": 5, "unit": "working_day", "rollForwardIfHoliday": false}';

-- One follow-up per closed handling cycle, created in the transaction that closes the matter (by the
-- trigger below, whichever module closes it), due 24 hours after the closing (回访: every matter of
-- the previous 24 hours is followed up). The unit and officer followed up are copied from the matter.
CREATE TABLE follow_ups (
  jurisdiction_id     smallint NOT NULL,
  matter_id           bigint NOT NULL,
  cycle               integer NOT NULL,
  closed_at           timestamptz NOT NULL,
  due_at              timestamptz NOT NULL,
  handler_unit_id     integer NOT NULL REFERENCES units (id),
  handler_officer_id  integer REFERENCES staff (id),
  -- 'pending': not yet dispatched; 'link_sent': a one-time link is out; 'calling': in the command
  -- centre's call queue; then one of the outcomes. 'no_channel': the matter has no phone number
  -- (anonymous); 'cancelled': the citizen reopened the matter before the follow-up ended.
  status              text NOT NULL CHECK (status IN ('pending', 'link_sent', 'calling', 'answered', 'unreachable', 'declined',
                                                       'no_channel', 'cancelled')),
  -- The one-time link: only the SHA-256 of its random token is kept.
  link_token_hash     bytea UNIQUE,
  link_sent_at        timestamptz,
  link_expires_at     timestamptz,
  link_used_at        timestamptz,
  -- The first time we reached out (link queued, call made, or the citizen rated on the portal first).
  first_attempt_at    timestamptz,
  call_attempts       integer NOT NULL DEFAULT 0 CHECK (call_attempts BETWEEN 0 AND 3),
  next_call_at        timestamptz,
  answered_via        text CHECK (answered_via IN ('portal', 'sms_link', 'call')),
  finished_at         timestamptz,
  finished_by         integer REFERENCES staff (id),
  note                text CHECK (length(note) <= 500),
  version             integer NOT NULL DEFAULT 1,
  PRIMARY KEY (jurisdiction_id, matter_id, cycle),
  FOREIGN KEY (jurisdiction_id, matter_id) REFERENCES matters (jurisdiction_id, id),
  CHECK ((status = 'answered') = (answered_via IS NOT NULL))
);
CREATE INDEX follow_ups_to_dispatch ON follow_ups (closed_at) WHERE status = 'pending';
CREATE INDEX follow_ups_links_out ON follow_ups (link_sent_at) WHERE status = 'link_sent';
CREATE INDEX follow_ups_call_queue ON follow_ups (due_at) WHERE status = 'calling';
CREATE INDEX follow_ups_closed ON follow_ups (closed_at);
COMMENT ON TABLE follow_ups IS '回访: one per closed handling cycle';

-- Closing a matter (any module, any path) creates its cycle's follow-up in the same transaction;
-- reopening it cancels a follow-up still under way: the reopening is the citizen's answer.
CREATE FUNCTION follow_up_on_close() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state = 'closed' AND (TG_OP = 'INSERT' OR OLD.state <> 'closed') THEN
    INSERT INTO follow_ups (jurisdiction_id, matter_id, cycle, closed_at, due_at, handler_unit_id, handler_officer_id, status)
    VALUES (NEW.jurisdiction_id, NEW.id, NEW.cycle, coalesce(NEW.closed_at, NEW.updated_at),
            coalesce(NEW.closed_at, NEW.updated_at) + interval '24 hours', NEW.handler_unit_id, NEW.handler_officer_id,
            CASE WHEN NEW.contact_phone_enc IS NULL THEN 'no_channel' ELSE 'pending' END)
    ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'UPDATE' AND OLD.state = 'closed' AND NEW.state <> 'closed' THEN
    UPDATE follow_ups SET status = 'cancelled', finished_at = NEW.updated_at, version = version + 1
     WHERE jurisdiction_id = NEW.jurisdiction_id AND matter_id = NEW.id AND cycle = OLD.cycle
       AND status IN ('pending', 'link_sent', 'calling');
  END IF;
  RETURN NULL;
END
$$;
-- WHEN clauses: the portal's insert and the many updates that leave the state alone call nothing.
CREATE TRIGGER matters_follow_up_insert AFTER INSERT ON matters
  FOR EACH ROW WHEN (NEW.state = 'closed') EXECUTE FUNCTION follow_up_on_close();
CREATE TRIGGER matters_follow_up_update AFTER UPDATE OF state ON matters
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state AND 'closed' IN (OLD.state, NEW.state))
  EXECUTE FUNCTION follow_up_on_close();

-- 差评整改: a 不满意 (from any channel) obliges the handling unit to contact the citizen, put things
-- right and tell them what it did, within the kind's rectification rule.
CREATE TABLE rectifications (
  jurisdiction_id    smallint NOT NULL,
  matter_id          bigint NOT NULL,
  cycle              integer NOT NULL,
  unit_id            integer NOT NULL REFERENCES units (id),
  officer_id         integer REFERENCES staff (id),
  opened_at          timestamptz NOT NULL,
  due_at             timestamptz NOT NULL,
  rule               jsonb NOT NULL,
  provisional_years  integer[] NOT NULL DEFAULT '{}',
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  action_taken       text CHECK (length(action_taken) <= 1000),
  feedback           text CHECK (length(feedback) <= 500),
  done_at            timestamptz,
  done_by            integer REFERENCES staff (id),
  breached_at        timestamptz,
  PRIMARY KEY (jurisdiction_id, matter_id, cycle),
  FOREIGN KEY (jurisdiction_id, matter_id, cycle) REFERENCES matter_ratings (jurisdiction_id, matter_id, cycle),
  CHECK ((status = 'done') = (done_at IS NOT NULL AND feedback IS NOT NULL AND action_taken IS NOT NULL))
);
CREATE INDEX rectifications_to_breach ON rectifications (due_at) WHERE status = 'open' AND breached_at IS NULL;
CREATE INDEX rectifications_open ON rectifications (unit_id) WHERE status = 'open';
COMMENT ON TABLE rectifications IS '差评整改: due after a 不满意 rating';

-- Staff of the rated unit may appeal a rating once; a supervisor outside that unit decides. The rating
-- stays as it was; an upheld appeal only takes it out of the satisfaction figures.
CREATE TABLE rating_appeals (
  jurisdiction_id    smallint NOT NULL,
  matter_id          bigint NOT NULL,
  cycle              integer NOT NULL,
  appealed_by        integer NOT NULL REFERENCES staff (id),
  appellant_unit_id  integer NOT NULL REFERENCES units (id),
  appealed_at        timestamptz NOT NULL,
  reason             text NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'rejected')),
  decided_by         integer REFERENCES staff (id),
  decided_at         timestamptz,
  decision_reason    text CHECK (length(decision_reason) <= 500),
  PRIMARY KEY (jurisdiction_id, matter_id, cycle),
  FOREIGN KEY (jurisdiction_id, matter_id, cycle) REFERENCES matter_ratings (jurisdiction_id, matter_id, cycle),
  CHECK ((status = 'pending') = (decided_by IS NULL)),
  CHECK (decided_by IS NULL OR decided_by <> appealed_by)
);
CREATE INDEX rating_appeals_pending ON rating_appeals (appealed_at) WHERE status = 'pending';
COMMENT ON TABLE rating_appeals IS '评价申诉: one per rating, decided by a supervisor';

-- A rectification not answered in time is a breach recorded against the unit (责任追究).
ALTER TABLE accountability_records DROP CONSTRAINT accountability_records_kind_check;
ALTER TABLE accountability_records ADD CONSTRAINT accountability_records_kind_check CHECK (kind IN (
  'deadline_breached', 'supervision_breached', 'rectification_breached'));
