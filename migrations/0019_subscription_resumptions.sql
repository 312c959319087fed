-- 0019: a Resume of a paused channel's subscriptions while it proves the bot can post there again.
-- The proof is a note posted in the channel ("Review announcements resumed."), which cannot be taken
-- back: an /unsubscribe that removed the subscriptions after the note went out would leave it in a
-- channel with no subscription. So the resume is held here first, in a write transaction that also
-- checks the subscription is still there and paused; while it is held, /unsubscribe of that channel
-- and a second Resume are told it is under way. The row goes when the channel is resumed or Discord
-- refuses the note. A row left by a process that died in between stops counting after a while
-- (SubscriptionStore.ReservationLifetime) and is removed by the next check.
CREATE TABLE subscription_resumptions (
    -- AUTOINCREMENT: an id is never given again, so a Resume whose hold expired and was taken over
    -- cannot finish or give back the hold that took its place.
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id  INTEGER NOT NULL,
    started_at  TEXT    NOT NULL
);

-- One Resume at a time per channel: resuming takes every subscription of the channel at once.
CREATE UNIQUE INDEX ux_subscription_resumptions_channel ON subscription_resumptions (channel_id);
