-- The knowledge-base search vector is derived from the Indonesian-normalised text the
-- application stores in search_text (PostgreSQL has no Indonesian stemmer, so the 'simple'
-- configuration is used on text that is already normalised). Written by hand: Prisma does not
-- model triggers.
CREATE OR REPLACE FUNCTION penghubung_info_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := to_tsvector('simple', coalesce(NEW.search_text, ''));
  RETURN NEW;
END;
$$;

CREATE TRIGGER info_request_message_search
  BEFORE INSERT OR UPDATE OF search_text ON "info_request_message"
  FOR EACH ROW EXECUTE FUNCTION penghubung_info_search();
