-- 0005: a show is identified by its title, not by its slug. Slugs drop punctuation and stop at 80
-- characters, so "Gintama" and "Gintama'" share the slug "gintama"; the second import used to
-- replace the first show's review. title_key holds the identity (ShowTitleKey in
-- src/ReviewBot.Core/Reviews): the application computes it, so rows written before this migration
-- keep NULL until an import of the same title meets them and fills it in (ShowStore.UpsertAsync).
-- SQLite treats NULLs as distinct in a UNIQUE index, so those rows do not collide.
ALTER TABLE shows ADD COLUMN title_key TEXT NULL;

CREATE UNIQUE INDEX ux_shows_title_key ON shows (title_key);
