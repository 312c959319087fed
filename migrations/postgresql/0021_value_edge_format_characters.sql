-- 0021 (PostgreSQL): removes the format characters a read now leaves out at the edges of show titles,
-- headlines and episode titles, builds the changed reviews' titles again and removes their stored
-- answers, as the SQLite script of the same number explains. The characters are 0014's ranges, written
-- as escapes in E'' strings, once: every format character, and those a read drops before a value (all
-- but the direction controls) and after it (all but the direction controls and the tag characters).
CREATE TEMP TABLE edge_classes AS
SELECT E'[\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890-\u0891\u08E2\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\U000110BD\U000110CD\U00013430-\U0001343F\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0001\U000E0020-\U000E007F]' AS format,
       E'[^\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]' AS dropped_before,
       E'[^\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\U000E0020-\U000E007F]' AS dropped_after;

-- Each stored value that begins or ends with one, and what it reads as now: its leading run with only
-- what is kept before, its middle as written, its trailing run with only what is kept after; a value
-- of format characters only reads as empty.
CREATE TEMP TABLE edge_values AS
SELECT v.value,
       CASE WHEN v.value ~ ('^' || c.format || '*$') THEN ''
            ELSE regexp_replace(COALESCE(substring(v.value FROM '^' || c.format || '+'), ''), c.dropped_before, '', 'g')
                 || regexp_replace(regexp_replace(v.value, '^' || c.format || '+', ''), c.format || '+$', '')
                 || regexp_replace(COALESCE(substring(v.value FROM c.format || '+$'), ''), c.dropped_after, '', 'g')
       END AS cleaned
FROM (SELECT title AS value FROM shows UNION SELECT headline FROM reviews UNION SELECT title FROM episodes) v
CROSS JOIN edge_classes c
WHERE v.value ~ ('^' || c.format || '|' || c.format || '$');

DELETE FROM edge_values WHERE cleaned = value;

-- The reviews whose show title, headline or an episode title changes, found before any of them does.
CREATE TEMP TABLE edge_reviews AS
SELECT r.id FROM reviews r JOIN shows s ON s.id = r.show_id
WHERE s.title IN (SELECT value FROM edge_values WHERE cleaned <> '')
   OR r.headline IN (SELECT value FROM edge_values)
   OR EXISTS (SELECT 1 FROM episodes e WHERE e.review_id = r.id AND e.title IN (SELECT value FROM edge_values));

UPDATE shows s SET title = v.cleaned FROM edge_values v WHERE s.title = v.value AND v.cleaned <> '';

UPDATE reviews r SET headline = v.cleaned FROM edge_values v WHERE r.headline = v.value;

UPDATE episodes e SET title = v.cleaned FROM edge_values v WHERE e.title = v.value;

UPDATE reviews r
SET title = s.title || ' Season ' || r.season || ' Review' || CASE WHEN r.headline = '' THEN '' ELSE E' \u2013 ' || r.headline END
FROM shows s
WHERE s.id = r.show_id AND r.id IN (SELECT id FROM edge_reviews);

DELETE FROM review_answers WHERE review_id IN (SELECT id FROM edge_reviews);

DROP TABLE edge_reviews;
DROP TABLE edge_values;
DROP TABLE edge_classes;
