-- 0021: an invisible format character at the edge of a show title, headline or episode title is now
-- left out when a review is read (TextLine.Shown in src/ReviewBot.Core/Reviews): "Metallic Rouge", a
-- zero-width space, a dash and "Season 1" is the show "Metallic Rouge". Values stored before keep the
-- character, and a show's title never changes after it is made, so /review, /latest, autocomplete and
-- announcements would show it for good. This removes from each stored value exactly what a read
-- leaves out now: before the first visible character every format character but the direction
-- controls, after the last one every format character but the direction controls and the tag
-- characters (which belong to the character before them). One inside the value is kept as written.
-- A headline or episode title of format characters only reads as empty, and becomes so; a show title
-- of them only, which no read stores, is kept rather than emptied. A show's key and slug leave format
-- characters out, so neither changes.
-- A review's own title is built from its show's title and its headline (Review.TitleOf), so it is
-- built again for the reviews that changed (its dash is U+2013, written with char()), and their stored
-- answers (review_answers), rendered from the old text under the same version, are removed for the
-- backfill to build again.

-- Unicode 16's format characters (FormatCharacters.cs), one row each, with where a read keeps them.
CREATE TEMP TABLE edge_format_characters (
    c           TEXT    PRIMARY KEY,
    kept_before INTEGER NOT NULL,
    kept_after  INTEGER NOT NULL
);

WITH RECURSIVE
    ranges (first, last) AS (
        VALUES (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
               (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
               (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
               (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
               (0xE0020, 0xE007F)
    ),
    points (v, last) AS (
        SELECT first, last FROM ranges
        UNION ALL
        SELECT v + 1, last FROM points WHERE v < last
    ),
    kinds (v, direction, tag) AS (
        SELECT v, v IN (0x061C, 0x200E, 0x200F) OR v BETWEEN 0x202A AND 0x202E OR v BETWEEN 0x2066 AND 0x2069,
               v BETWEEN 0xE0020 AND 0xE007F
        FROM points
    )
INSERT INTO edge_format_characters (c, kept_before, kept_after)
SELECT char(v), direction, direction OR tag FROM kinds;

-- Each stored value that begins or ends with one, and what it reads as now. The leading run is walked
-- from the first character, then the trailing run from the last, never past the first visible one.
CREATE TEMP TABLE edge_values (
    value   TEXT PRIMARY KEY,
    cleaned TEXT NOT NULL
);

WITH RECURSIVE
    candidates (value) AS (
        SELECT title FROM shows
        UNION SELECT headline FROM reviews
        UNION SELECT title FROM episodes
    ),
    edged (value) AS (
        SELECT value FROM candidates
        WHERE substr(value, 1, 1) IN (SELECT c FROM edge_format_characters)
           OR substr(value, -1, 1) IN (SELECT c FROM edge_format_characters)
    ),
    heads (value, head, kept) AS (
        SELECT value, 1, '' FROM edged
        UNION ALL
        SELECT h.value, h.head + 1, h.kept || CASE f.kept_before WHEN 1 THEN f.c ELSE '' END
        FROM heads h JOIN edge_format_characters f ON f.c = substr(h.value, h.head, 1)
    ),
    firsts (value, head, kept_before) AS (
        SELECT value, head, kept FROM heads h
        WHERE substr(h.value, h.head, 1) NOT IN (SELECT c FROM edge_format_characters)
    ),
    tails (value, head, kept_before, tail, kept) AS (
        SELECT value, head, kept_before, length(value), '' FROM firsts
        UNION ALL
        SELECT t.value, t.head, t.kept_before, t.tail - 1, CASE f.kept_after WHEN 1 THEN f.c ELSE '' END || t.kept
        FROM tails t JOIN edge_format_characters f ON f.c = substr(t.value, t.tail, 1)
        WHERE t.tail > t.head
    ),
    shown (value, cleaned) AS (
        SELECT value, CASE WHEN head > length(value) THEN '' ELSE kept_before || substr(value, head, tail - head + 1) || kept END
        FROM tails t
        WHERE t.tail <= t.head OR substr(t.value, t.tail, 1) NOT IN (SELECT c FROM edge_format_characters)
    )
INSERT INTO edge_values (value, cleaned)
SELECT value, cleaned FROM shown WHERE cleaned <> value;

-- The reviews whose show title, headline or an episode title changes, found before any of them does.
CREATE TEMP TABLE edge_reviews (id INTEGER PRIMARY KEY);

INSERT INTO edge_reviews (id)
SELECT r.id FROM reviews r JOIN shows s ON s.id = r.show_id
WHERE s.title IN (SELECT value FROM edge_values WHERE cleaned <> '')
   OR r.headline IN (SELECT value FROM edge_values)
   OR EXISTS (SELECT 1 FROM episodes e WHERE e.review_id = r.id AND e.title IN (SELECT value FROM edge_values));

UPDATE shows SET title = (SELECT cleaned FROM edge_values WHERE value = shows.title)
WHERE title IN (SELECT value FROM edge_values WHERE cleaned <> '');

UPDATE reviews SET headline = (SELECT cleaned FROM edge_values WHERE value = reviews.headline)
WHERE headline IN (SELECT value FROM edge_values);

UPDATE episodes SET title = (SELECT cleaned FROM edge_values WHERE value = episodes.title)
WHERE title IN (SELECT value FROM edge_values);

UPDATE reviews SET title = (
    SELECT s.title || ' Season ' || reviews.season || ' Review'
        || CASE WHEN reviews.headline = '' THEN '' ELSE ' ' || char(0x2013) || ' ' || reviews.headline END
    FROM shows s WHERE s.id = reviews.show_id)
WHERE id IN (SELECT id FROM edge_reviews);

DELETE FROM review_answers WHERE review_id IN (SELECT id FROM edge_reviews);

DROP TABLE edge_reviews;
DROP TABLE edge_values;
DROP TABLE edge_format_characters;
