-- 0015: a place held for a subscription while /subscribe proves the bot can post in its channel.
-- The proof is a note posted in that channel, which cannot be taken back once a save that checks
-- the server's limit (or a duplicate) afterwards refuses it. So the checks happen first, and hold
-- the place here, in the same write transaction; the row becomes the subscription once the note is
-- posted, and goes when Discord refuses it. A row left by a process that died in between stops
-- counting after a while (SubscriptionStore.ReservationLifetime) and is removed by the next check.
CREATE TABLE subscription_reservations (
    -- AUTOINCREMENT: an id is never given again, so a /subscribe whose place expired and was taken
    -- cannot complete or release the place that took it (a plain rowid reuses the largest deleted id).
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER NOT NULL,
    -- NULL: every show, as in subscriptions.
    show_id     INTEGER NULL REFERENCES shows (id) ON DELETE CASCADE,
    reserved_at TEXT    NOT NULL
);

-- One /subscribe at a time per channel and show, as subscriptions have one row per channel and show.
CREATE UNIQUE INDEX ux_subscription_reservations_channel_show ON subscription_reservations (channel_id, COALESCE(show_id, 0));
CREATE INDEX ix_subscription_reservations_guild ON subscription_reservations (guild_id);
