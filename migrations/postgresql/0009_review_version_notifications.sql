-- 0009 (PostgreSQL): tell listening bots when what a /review or /episode answer shows may have
-- changed, so they can keep reviews' versions in memory instead of reading them on every answer.
-- Triggers, not application code, because every writer must be covered: other bot processes, the
-- import verb, `migrate --to` (COPY fires row triggers) and hand-written SQL alike.
--
-- Channel review_versions; payload the show's id, because answers are looked up by show (and
-- season): a new season changes which review "the latest" is, which the review's own id would not
-- say. Row-level, so a bulk write names each show once per transaction (PostgreSQL folds identical
-- payloads of one transaction into one notification). '*' means "anything may have changed"
-- (a TRUNCATE), and 'shows' that the set of shows changed (the title index rebuilds).
-- Only the columns a version is made of are watched, so other updates of a review send nothing.

CREATE FUNCTION review_versions_notify_review() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify('review_versions', NEW.show_id::text);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_notify('review_versions', OLD.show_id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER reviews_version_changed
AFTER INSERT OR DELETE OR UPDATE OF show_id, season, updated_at, content_hash ON reviews
FOR EACH ROW EXECUTE FUNCTION review_versions_notify_review();

CREATE FUNCTION review_versions_notify_rating() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify('review_versions', r.show_id::text) FROM reviews r WHERE r.id = NEW.review_id;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        -- Gone with its review (ON DELETE CASCADE): the review's own trigger named the show.
        PERFORM pg_notify('review_versions', r.show_id::text) FROM reviews r WHERE r.id = OLD.review_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER community_ratings_version_changed
AFTER INSERT OR DELETE OR UPDATE ON community_ratings
FOR EACH ROW EXECUTE FUNCTION review_versions_notify_rating();

CREATE FUNCTION review_versions_notify_shows() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('review_versions', 'shows');
    RETURN NULL;
END
$$;

CREATE TRIGGER shows_changed
AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON shows
FOR EACH STATEMENT EXECUTE FUNCTION review_versions_notify_shows();

CREATE FUNCTION review_versions_notify_all() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('review_versions', '*');
    RETURN NULL;
END
$$;

CREATE TRIGGER reviews_truncated AFTER TRUNCATE ON reviews
FOR EACH STATEMENT EXECUTE FUNCTION review_versions_notify_all();

CREATE TRIGGER community_ratings_truncated AFTER TRUNCATE ON community_ratings
FOR EACH STATEMENT EXECUTE FUNCTION review_versions_notify_all();
