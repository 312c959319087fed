-- 0009: one number that moves whenever what a /review or /episode answer shows may have changed, so
-- a bot that keeps reviews' versions in memory can tell a commit that matters to them from the many
-- that do not (the channels' show context is written every few hundred milliseconds): PRAGMA
-- data_version says that some other connection committed; this says whether it touched a review's
-- version. Triggers, so every writer is covered (other processes, the import verb, hand-written SQL).
-- Only the columns a version is made of are watched. (PostgreSQL's script of the same number tells
-- listening bots through NOTIFY instead.)
CREATE TABLE review_version_generation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
);

INSERT INTO review_version_generation (id, generation) VALUES (1, 0);

CREATE TRIGGER reviews_version_inserted AFTER INSERT ON reviews
BEGIN
    UPDATE review_version_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER reviews_version_updated AFTER UPDATE OF show_id, season, updated_at, content_hash ON reviews
BEGIN
    UPDATE review_version_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER reviews_version_deleted AFTER DELETE ON reviews
BEGIN
    UPDATE review_version_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER community_ratings_version_inserted AFTER INSERT ON community_ratings
BEGIN
    UPDATE review_version_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER community_ratings_version_updated AFTER UPDATE ON community_ratings
BEGIN
    UPDATE review_version_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER community_ratings_version_deleted AFTER DELETE ON community_ratings
BEGIN
    UPDATE review_version_generation SET generation = generation + 1 WHERE id = 1;
END;
