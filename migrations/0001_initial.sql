-- 0001: shows, reviews, episodes, the full-text index over review text, and per-channel context.
-- Applied once by DbUp; never edit after it has run anywhere (add 0002_... instead).

CREATE TABLE shows (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    slug        TEXT    NOT NULL UNIQUE,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    show_id         INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    season          INTEGER NOT NULL,
    title           TEXT    NOT NULL,
    headline        TEXT    NOT NULL,
    verdict_score   REAL    NULL,
    verdict_scale   REAL    NULL,
    summary         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    source_url      TEXT    NULL,
    author          TEXT    NULL,
    published_at    TEXT    NULL,
    source_key      TEXT    NOT NULL UNIQUE,
    content_hash    TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

-- One review per show and season: a second source for the same season updates it.
CREATE UNIQUE INDEX ix_reviews_show_season ON reviews (show_id, season);
-- "Latest reviews" and "most recent first" candidate lists.
CREATE INDEX ix_reviews_recent ON reviews (COALESCE(published_at, created_at) DESC);

CREATE TABLE episodes (
    id          INTEGER PRIMARY KEY,
    review_id   INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    score       REAL    NULL,
    scale       REAL    NULL,
    UNIQUE (review_id, number)
);

-- /episode without a show looks up every review that has episode N.
CREATE INDEX ix_episodes_number ON episodes (number);

-- Contentless-style external FTS table keyed by review id; kept in sync by the triggers below
-- so no code path can forget it. The show title is denormalised in so "rouge" finds the review.
CREATE VIRTUAL TABLE reviews_fts USING fts5 (
    headline,
    summary,
    body,
    show_title,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER reviews_fts_ai AFTER INSERT ON reviews BEGIN
    INSERT INTO reviews_fts (rowid, headline, summary, body, show_title)
    VALUES (new.id, new.headline, new.summary, new.body,
            (SELECT title FROM shows WHERE id = new.show_id));
END;

CREATE TRIGGER reviews_fts_au AFTER UPDATE ON reviews BEGIN
    DELETE FROM reviews_fts WHERE rowid = old.id;
    INSERT INTO reviews_fts (rowid, headline, summary, body, show_title)
    VALUES (new.id, new.headline, new.summary, new.body,
            (SELECT title FROM shows WHERE id = new.show_id));
END;

CREATE TRIGGER reviews_fts_ad AFTER DELETE ON reviews BEGIN
    DELETE FROM reviews_fts WHERE rowid = old.id;
END;

CREATE TRIGGER shows_fts_au AFTER UPDATE OF title ON shows BEGIN
    UPDATE reviews_fts SET show_title = new.title
    WHERE rowid IN (SELECT id FROM reviews WHERE show_id = new.id);
END;

CREATE TABLE channel_context (
    channel_key TEXT    PRIMARY KEY,
    show_id     INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    updated_at  TEXT    NOT NULL
);
