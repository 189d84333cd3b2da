#include "store/schema.h"

namespace trialcore::store {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1,
       R"(
CREATE TABLE events (
  sequence      INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  subject       TEXT NOT NULL,
  actor         TEXT NOT NULL,
  recorded_at   TEXT NOT NULL,
  clinical_date TEXT,
  reason        TEXT NOT NULL,
  corrects      INTEGER REFERENCES events(sequence),
  payload       TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash          TEXT NOT NULL UNIQUE
);
CREATE INDEX events_by_subject ON events(subject, sequence);
CREATE TRIGGER events_are_not_updated BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only: record a correction instead'); END;
CREATE TRIGGER events_are_not_deleted BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only: record a correction instead'); END;
CREATE TABLE projections (name TEXT NOT NULL, key TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (name, key));
CREATE TABLE local_state (name TEXT NOT NULL, key TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (name, key));
)",
       R"(
CREATE TABLE events (
  sequence      BIGINT PRIMARY KEY,
  kind          TEXT NOT NULL,
  subject       TEXT NOT NULL,
  actor         TEXT NOT NULL,
  recorded_at   TEXT NOT NULL,
  clinical_date TEXT,
  reason        TEXT NOT NULL,
  corrects      BIGINT REFERENCES events(sequence),
  payload       TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash          TEXT NOT NULL UNIQUE
);
CREATE INDEX events_by_subject ON events(subject, sequence);
CREATE FUNCTION trialcore_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'events are append-only: record a correction instead'; END $$;
CREATE TRIGGER events_are_not_changed BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION trialcore_refuse_change();
CREATE TRIGGER events_are_not_truncated BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION trialcore_refuse_change();
CREATE TABLE projections (name TEXT NOT NULL, key TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (name, key));
CREATE TABLE local_state (name TEXT NOT NULL, key TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (name, key));
)"},
      // Listing a kind of event (every enrollment, every period opened) without a scan.
      {2, "CREATE INDEX events_by_kind ON events(kind, sequence);",
       "CREATE INDEX events_by_kind ON events(kind, sequence);"},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

}  // namespace trialcore::store
