-- Every channel the public uses (issue 4): the changes the channels share. Each channel's own tables
-- come in the migrations after this one, owned by its module.

-- The new channels through which a matter arrives. 'mailbox' 群众信箱, 'message_board' 网上留言,
-- 'reception' 领导接访日, 'proposal' 人大代表建议·政协委员提案, 'conduct_supervisor' 警风警纪监督员.
ALTER TABLE matters DROP CONSTRAINT matters_channel_check;
ALTER TABLE matters ADD CONSTRAINT matters_channel_check CHECK (channel IN (
  'portal', 'window', 'phone', 'letter', 'visit', 'mailbox', 'message_board', 'reception', 'proposal', 'conduct_supervisor'));

-- Outside people with accounts (警风警纪监督员) belong to a unit of their own that handles nothing.
ALTER TABLE units DROP CONSTRAINT units_kind_check;
ALTER TABLE units ADD CONSTRAINT units_kind_check CHECK (kind IN (
  'bureau', 'command_centre', 'petition_office', 'mediation_centre', 'supervision_office', 'department', 'station', 'external'));

-- Text messages to the public (follow-up links, notices), queued in the transaction of the change that
-- causes them and delivered afterwards by server/platform/notify: a message exists if and only if its
-- cause committed, and a gateway that is down delays it without losing it. The number and the text are
-- personal data and may carry a one-time link, so both are encrypted like the matter's contact.
CREATE TABLE outbound_messages (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- What the message is for, e.g. 'follow_up_link', 'moderation_refused'; counted in reports.
  purpose             text NOT NULL CHECK (purpose ~ '^[a-z_]{2,40}$'),
  jurisdiction_id     smallint,
  matter_id           bigint,
  to_phone_enc        bytea NOT NULL,
  to_phone_masked     text NOT NULL,
  body_enc            bytea NOT NULL,
  status              text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts            integer NOT NULL DEFAULT 0,
  next_attempt_at     timestamptz NOT NULL,
  last_error          text,
  gateway             text,
  gateway_message_id  text,
  created_at          timestamptz NOT NULL,
  sent_at             timestamptz,
  FOREIGN KEY (jurisdiction_id, matter_id) REFERENCES matters (jurisdiction_id, id),
  CHECK ((jurisdiction_id IS NULL) = (matter_id IS NULL))
);
CREATE INDEX outbound_messages_due ON outbound_messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX outbound_messages_matter ON outbound_messages (jurisdiction_id, matter_id) WHERE matter_id IS NOT NULL;
COMMENT ON TABLE outbound_messages IS '短信发送队列: 回访链接、告知短信';

-- The same person sending the same text twice within a day is warned before a second matter is made
-- (server/modules/matters/duplicates.ts): the look-up goes by the keyed hash of the phone number.
CREATE INDEX matters_contact_recent ON matters (contact_phone_index, received_at DESC) WHERE contact_phone_index IS NOT NULL;
