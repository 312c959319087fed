-- 0002: subscriptions (which channel gets which reviews) and the announcement outbox.
-- Discord ids (snowflakes) are INTEGER: they fit a signed 64-bit integer until 2084.
-- Times are ISO 8601 UTC text (DbTime), which sorts and compares correctly.

CREATE TABLE subscriptions (
    id              INTEGER PRIMARY KEY,
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,
    -- 'forum' channels get one post (thread) per review; 'text' covers text and announcement channels.
    channel_kind    TEXT    NOT NULL CHECK (channel_kind IN ('text', 'forum')),
    -- NULL: every show.
    show_id         INTEGER NULL REFERENCES shows (id) ON DELETE CASCADE,
    role_id         INTEGER NULL,
    created_at      TEXT    NOT NULL,
    created_by      INTEGER NULL,
    -- Paused: Discord refused the channel (403/404). Nothing is sent there until an admin resumes.
    paused_at       TEXT    NULL,
    pause_reason    TEXT    NULL,
    -- When the server was told about the pause (once per pause); NULL while still to tell.
    notice_sent_at  TEXT    NULL,
    last_post_at    TEXT    NULL
);

-- One subscription per channel and show (0 standing for "every show"): duplicates are refused.
CREATE UNIQUE INDEX ux_subscriptions_channel_show ON subscriptions (channel_id, COALESCE(show_id, 0));
CREATE INDEX ix_subscriptions_guild ON subscriptions (guild_id);
-- The outbox insert looks up the active subscriptions of one show plus the all-shows ones.
CREATE INDEX ix_subscriptions_show ON subscriptions (show_id, paused_at);

CREATE TABLE announcements (
    id                 INTEGER PRIMARY KEY,
    -- SET NULL keeps the history (and its reason) after a subscription is removed.
    subscription_id    INTEGER NULL REFERENCES subscriptions (id) ON DELETE SET NULL,
    review_id          INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    guild_id           INTEGER NOT NULL,
    channel_id         INTEGER NOT NULL,
    channel_kind       TEXT    NOT NULL CHECK (channel_kind IN ('text', 'forum')),
    role_id            INTEGER NULL,
    -- Delivery order within a channel: the review's published time, else its import time; then id.
    order_key          TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
    reason             TEXT    NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    first_attempt_at   TEXT    NULL,
    next_attempt_at    TEXT    NOT NULL,
    -- Where the posted message lives: the channel, or for a forum the thread (whose id is the starter message's).
    message_channel_id INTEGER NULL,
    message_id         INTEGER NULL,
    sent_at            TEXT    NULL,
    -- 1: the review's verdict or episode scores changed after posting; PATCH the message in place.
    needs_edit         INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    -- A channel holds each review at most once, even with an all-shows and a per-show subscription.
    UNIQUE (review_id, channel_id)
);

-- The worker's scan: due work per channel in delivery order.
CREATE INDEX ix_announcements_due ON announcements (status, channel_id, order_key, id);
-- Sent messages waiting for an edit in place (UNIQUE (review_id, channel_id) serves lookups by review).
CREATE INDEX ix_announcements_needs_edit ON announcements (channel_id) WHERE needs_edit = 1;
CREATE INDEX ix_announcements_subscription ON announcements (subscription_id, status);
