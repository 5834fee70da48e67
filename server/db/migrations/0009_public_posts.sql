-- 群众信箱 (letters to the bureau chief) and 网上留言 (the message board) (issue 4).
--
-- A letter or a board post is a matter (channel 'mailbox' or 'message_board') handled like any other;
-- this table holds only what publication needs: the title, the poster's consent, the moderation decision
-- and the text as published. Nothing here is personal data: the contact stays sealed on the matter, and
-- the published text is the moderator's (personal data removed), never the original.
CREATE TABLE public_posts (
  jurisdiction_id   smallint NOT NULL,
  matter_id         bigint NOT NULL,
  -- The number shown on the board (第 N 号); the tracking code is the poster's secret and never shown.
  post_no           bigint GENERATED ALWAYS AS IDENTITY,
  channel           text NOT NULL CHECK (channel IN ('mailbox', 'message_board')),
  title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  -- The poster agreed to publication: always on the board (posting there is asking for a public answer),
  -- the poster's choice in the mailbox.
  consent           boolean NOT NULL,
  -- 'pending' waits in the moderation queue; 'private' never will (no consent, or a 举报 whose reporter
  -- is confidential); 'approved' is on the board; 'refused' is not, with the reasons the poster is told.
  moderation        text NOT NULL CHECK (moderation IN ('pending', 'approved', 'refused', 'private')),
  published_title   text,
  published_text    text,
  refusal_reasons   text[] NOT NULL DEFAULT '{}',
  refusal_note      text,
  moderated_at      timestamptz,
  moderated_by      integer REFERENCES staff (id),
  published_at      timestamptz,
  -- The published title and text, normalised like matters.search_text (simplified, half-width, lower case):
  -- the public search never reads the original, which may hold what the moderator removed.
  search_text       text,
  posted_at         timestamptz NOT NULL,
  version           integer NOT NULL DEFAULT 1,
  PRIMARY KEY (jurisdiction_id, matter_id),
  UNIQUE (jurisdiction_id, post_no),
  FOREIGN KEY (jurisdiction_id, matter_id) REFERENCES matters (jurisdiction_id, id),
  CHECK ((moderation = 'approved') = (published_text IS NOT NULL AND published_title IS NOT NULL AND published_at IS NOT NULL)),
  CHECK (moderation <> 'refused' OR cardinality(refusal_reasons) > 0),
  CHECK (moderation <> 'private' OR NOT consent OR channel = 'mailbox')
);
CREATE INDEX public_posts_board ON public_posts (channel, published_at DESC) WHERE moderation = 'approved';
CREATE INDEX public_posts_queue ON public_posts (posted_at) WHERE moderation = 'pending';
CREATE INDEX public_posts_search ON public_posts USING gin (search_text gin_trgm_ops) WHERE moderation = 'approved';
COMMENT ON TABLE public_posts IS '群众信箱来信与网上留言: 审核与公开（个人信息不公开）';
