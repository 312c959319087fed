-- 0011 (PostgreSQL): the slugs the application would not make, in an index that holds only them; the
-- SQLite script of the same number says why. The condition is the lookup's, word for word.
CREATE INDEX ix_shows_irregular_slug ON shows (slug) WHERE slug ~ '[^-a-z0-9]';
