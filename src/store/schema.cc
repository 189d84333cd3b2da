#include "store/schema.h"

#include <string_view>

namespace trialcore::store {

namespace {

// The events table as both databases declare it but for the sequence's type (`integer`:
// SQLite's INTEGER, PostgreSQL's BIGINT), and its index by subject.
std::string events_table(const std::string& integer) {
  return R"(
CREATE TABLE events (
  sequence      )" + integer + R"( PRIMARY KEY,
  kind          TEXT NOT NULL,
  subject       TEXT NOT NULL,
  actor         TEXT NOT NULL,
  recorded_at   TEXT NOT NULL,
  clinical_date TEXT,
  reason        TEXT NOT NULL,
  corrects      )" + integer + R"( REFERENCES events(sequence),
  payload       TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash          TEXT NOT NULL UNIQUE
);
CREATE INDEX events_by_subject ON events(subject, sequence);
)";
}

// The projections and the local state, the same in both databases.
constexpr const char* kDocumentTables = R"(CREATE TABLE projections (name TEXT NOT NULL, key TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (name, key));
CREATE TABLE local_state (name TEXT NOT NULL, key TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (name, key));
)";

// The log, its projections and the local state; the log refuses updates and deletes.
Migration events_and_projections() {
  return {1,
          events_table("INTEGER") + R"(CREATE TRIGGER events_are_not_updated BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only: record a correction instead'); END;
CREATE TRIGGER events_are_not_deleted BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only: record a correction instead'); END;
)" + kDocumentTables,
          events_table("BIGINT") + R"(CREATE FUNCTION trialcore_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'events are append-only: record a correction instead'; END $$;
CREATE TRIGGER events_are_not_changed BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION trialcore_refuse_change();
CREATE TRIGGER events_are_not_truncated BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION trialcore_refuse_change();
)" + kDocumentTables};
}

// The database itself refuses an event that does not extend the chain: its sequence
// follows the last event's and its previous hash is that event's hash. A writer may
// then keep the head it last wrote instead of reading it back: if another writer
// appended since, the insert fails and nothing of that transaction remains.
Migration chain_checked_on_insert() {
  return {3,
          R"(
CREATE TRIGGER events_extend_the_chain BEFORE INSERT ON events
  WHEN NEW.previous_hash IS NOT (CASE WHEN NEW.sequence = 1 THEN ')" + std::string(64, '0') + R"('
                                      ELSE (SELECT hash FROM events WHERE sequence = NEW.sequence - 1) END)
  BEGIN SELECT RAISE(ABORT, 'an event must extend the chain: the next sequence, linked to the last event''s hash'); END;
)",
          R"(
CREATE FUNCTION trialcore_extend_chain() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.previous_hash IS DISTINCT FROM (CASE WHEN NEW.sequence = 1 THEN repeat('0', 64)
                                               ELSE (SELECT hash FROM events WHERE sequence = NEW.sequence - 1) END) THEN
      RAISE EXCEPTION 'an event must extend the chain: the next sequence, linked to the last event''s hash'
        USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN NEW;
  END $$;
CREATE TRIGGER events_extend_the_chain BEFORE INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION trialcore_extend_chain();
-- A writer that answered from what it knew checks, under its lock, that the log still ends
-- where it believes: nothing of its transaction remains otherwise.
CREATE FUNCTION trialcore_expect_head(expected BIGINT) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF (SELECT COALESCE(MAX(sequence), 0) FROM events) <> expected THEN
      RAISE EXCEPTION 'another writer appended to the log since this one last read it'
        USING ERRCODE = 'serialization_failure';
    END IF;
  END $$;
)"};
}

// A store written before this version keeps a patient's observations inside the patient's
// row; from it on, each observation is a row of its own. The rows are derived from the log,
// so the migration asks for them to be rebuilt (open_store does, then clears the request);
// a store without events has nothing to rebuild. PostgreSQL gets an index of the keys as
// bytes, for reading one patient's observations by their keys' prefix.
Migration observations_in_rows_of_their_own() {
  // The request kRebuildRequest names, as SQL text.
  static_assert(std::string_view(kRebuildRequest.first) == "schema" && std::string_view(kRebuildRequest.second) == "rebuild_projections");
  constexpr const char* kRequest =
      "INSERT INTO local_state (name, key, document) SELECT 'schema', 'rebuild_projections', '{\"schema_version\": 4}' "
      "WHERE EXISTS (SELECT 1 FROM events);";
  Migration migration{4, kRequest, "CREATE INDEX projections_by_key_bytes ON projections (name, key COLLATE \"C\");\n"};
  migration.postgresql.append(kRequest);  // not `string + literal`: GCC 12 at -O2 misreads it as out of bounds
  return migration;
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      events_and_projections(),
      // Listing a kind of event (every enrollment, every period opened) without a scan.
      {2, "CREATE INDEX events_by_kind ON events(kind, sequence);", "CREATE INDEX events_by_kind ON events(kind, sequence);"},
      chain_checked_on_insert(),
      observations_in_rows_of_their_own(),
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

}  // namespace trialcore::store
