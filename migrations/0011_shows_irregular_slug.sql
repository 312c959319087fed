-- 0011: the slugs the application would not make (anything but lowercase ASCII letters, digits and
-- hyphens: slugs stored by hand). The exact show lookup (ExactShowLookup) answers from the shows
-- table only while there is none, and asks on every cold lookup; without this index that question
-- read every slug of the table. The index holds only such rows, so it is empty in a store the
-- application wrote, and the question reads nothing. The condition must stay word for word the
-- lookup's, or SQLite does not use the index.
CREATE INDEX ix_shows_irregular_slug ON shows (slug) WHERE slug GLOB '*[^-a-z0-9]*';
