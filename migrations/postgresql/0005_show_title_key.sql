-- 0005 (PostgreSQL): a show is identified by its title, not by its slug; the same column and index as
-- the SQLite script of the same number, which says why. PostgreSQL, like SQLite, treats NULLs as
-- distinct in a unique index, so rows stored before this script (title_key NULL until an import of
-- the same title fills it in) do not collide.
ALTER TABLE shows ADD COLUMN title_key TEXT NULL;

CREATE UNIQUE INDEX ux_shows_title_key ON shows (title_key);
