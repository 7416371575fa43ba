/// The store's schema, as numbered migration steps. `PRAGMA user_version` holds the number of steps applied.
///
/// A new store runs every step from 1; an older store runs the steps it lacks, each in its own transaction
/// with the version bump, so that a crash between steps leaves a consistent, resumable file. Steps are never
/// edited once released: a change is a new step.
enum Schema {
    /// The version this build writes.
    static let currentVersion = 5

    /// Marks the file as a Vigie store (`PRAGMA application_id`), so that a foreign SQLite file is refused.
    static let applicationID: Int32 = 0x5647_4945  // "VGIE"

    /// Step 1: the first released schema.
    static let version1 = """
        CREATE TABLE identities (
            id           INTEGER PRIMARY KEY,              -- RI id is "V" || id
            merged_into  INTEGER REFERENCES identities(id), -- survivor when merged away (chains kept one hop)
            status       TEXT NOT NULL,                    -- IdentityStatus raw value
            identity     TEXT NOT NULL,                    -- the Identity, JSON (source of truth)
            version      INTEGER NOT NULL,
            created_at   REAL NOT NULL,                    -- seconds since 1970
            updated_at   REAL NOT NULL
        );
        CREATE INDEX identities_merged_into ON identities(merged_into) WHERE merged_into IS NOT NULL;

        CREATE TABLE local_identifiers (
            domain       TEXT NOT NULL,                    -- PID-3 CX-4
            value        TEXT NOT NULL,                    -- PID-3 CX-1
            identity_id  INTEGER NOT NULL REFERENCES identities(id),
            added_at     REAL NOT NULL,
            PRIMARY KEY (domain, value)
        ) WITHOUT ROWID;
        CREATE INDEX local_identifiers_identity ON local_identifiers(identity_id);

        CREATE TABLE merges (
            merged_away  INTEGER PRIMARY KEY REFERENCES identities(id),
            survivor     INTEGER NOT NULL REFERENCES identities(id), -- the survivor named by the merge
            merged_at    REAL NOT NULL
        );
        CREATE INDEX merges_survivor ON merges(survivor);

        CREATE TABLE links (
            a            INTEGER NOT NULL REFERENCES identities(id),
            b            INTEGER NOT NULL REFERENCES identities(id),
            linked_at    REAL NOT NULL,
            PRIMARY KEY (a, b),
            CHECK (a < b)
        ) WITHOUT ROWID;
        CREATE INDEX links_b ON links(b);

        CREATE TABLE review_items (
            id           INTEGER PRIMARY KEY,
            kind         TEXT NOT NULL,
            first_id     INTEGER NOT NULL REFERENCES identities(id),
            second_id    INTEGER REFERENCES identities(id),
            score        REAL NOT NULL,
            explanation  TEXT NOT NULL,
            status       TEXT NOT NULL,
            resolution   TEXT,
            created_at   REAL NOT NULL,
            updated_at   REAL NOT NULL,
            resolved_by  TEXT
        );
        CREATE INDEX review_items_pair ON review_items(first_id, second_id, kind);
        CREATE INDEX review_items_open ON review_items(status) WHERE status = 'open';

        CREATE TABLE journal (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            identity_id  INTEGER NOT NULL REFERENCES identities(id),
            related_id   INTEGER REFERENCES identities(id),
            action       TEXT NOT NULL,
            actor        TEXT NOT NULL,
            time         REAL NOT NULL,
            reason       TEXT NOT NULL,
            message_id   TEXT,
            before       TEXT,
            after        TEXT
        );
        CREATE INDEX journal_identity ON journal(identity_id);
        CREATE INDEX journal_related ON journal(related_id) WHERE related_id IS NOT NULL;
        CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
        CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

        CREATE TABLE processed_messages (
            message_id   TEXT PRIMARY KEY,
            answer       TEXT NOT NULL,                    -- the answer, JSON
            processed_at REAL NOT NULL
        ) WITHOUT ROWID;
        """

    /// Step 2: the matching fields as columns, so that the worker's index loads without decoding JSON,
    /// an INS index (duplicate detection by INS), and a request fingerprint to detect reused message ids.
    /// The columns are filled from the JSON by `IdentityColumns.backfill` in the same transaction.
    static let version2 = """
        ALTER TABLE identities ADD COLUMN birth_name  TEXT NOT NULL DEFAULT '';
        ALTER TABLE identities ADD COLUMN first_names TEXT NOT NULL DEFAULT '';  -- space-separated
        ALTER TABLE identities ADD COLUMN sex         TEXT NOT NULL DEFAULT '';
        ALTER TABLE identities ADD COLUMN birth_date  TEXT NOT NULL DEFAULT '';  -- YYYY-MM-DD, 00 when unknown
        ALTER TABLE identities ADD COLUMN birth_place TEXT NOT NULL DEFAULT '';  -- COG code or ''
        ALTER TABLE identities ADD COLUMN used_name   TEXT NOT NULL DEFAULT '';
        ALTER TABLE identities ADD COLUMN ins         TEXT;                      -- matricule, 15 characters
        ALTER TABLE identities ADD COLUMN ins_oid     TEXT;
        CREATE INDEX identities_ins ON identities(ins) WHERE ins IS NOT NULL;
        ALTER TABLE processed_messages ADD COLUMN fingerprint INTEGER;          -- FNV-1a 64 of the request
        """

    /// Step 3: the cell's workspace (`vigie serve`): operators with their bcrypt password hash and the SHA-256 of
    /// their bearer token, browser sessions (the SHA-256 of the cookie, never the cookie itself), deferred
    /// review items, and the queue's order as an index (collisions first — `collision` sorts before `duplicate`
    /// — then by weight).
    static let version3 = """
        CREATE TABLE operators (
            login         TEXT PRIMARY KEY,
            role          TEXT NOT NULL,                  -- OperatorRole raw value
            password_hash TEXT,                           -- bcrypt, cost >= 10
            token_hash    TEXT UNIQUE,                    -- SHA-256 (hex) of the bearer token
            created_at    REAL NOT NULL,
            updated_at    REAL NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE sessions (
            id_hash       TEXT PRIMARY KEY,               -- SHA-256 (hex) of the session cookie
            login         TEXT NOT NULL REFERENCES operators(login),
            csrf_token    TEXT NOT NULL,
            created_at    REAL NOT NULL,
            expires_at    REAL NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX sessions_expiry ON sessions(expires_at);
        ALTER TABLE review_items ADD COLUMN deferred_at REAL;
        CREATE INDEX review_items_queue ON review_items(kind, score DESC, id) WHERE status = 'open';
        CREATE INDEX journal_action_time ON journal(action, time);
        """

    /// Step 4: the outbound feed (docs/integration.md, "Feed"). Every change the RI commits is appended to
    /// `outbox` in the same transaction (a typed `OutboxChange`, JSON), so that a change is in the outbox exactly
    /// when it is durable; `seq` is the commit order (one writer at a time). `feed_subscribers` holds each
    /// subscriber's durable position: the last `seq` its destination acknowledged.
    static let version4 = """
        CREATE TABLE outbox (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            kind         TEXT NOT NULL,                    -- OutboxChange.Kind raw value
            identity_id  INTEGER NOT NULL REFERENCES identities(id),
            actor        TEXT NOT NULL,
            time         REAL NOT NULL,                    -- the change's time, seconds since 1970
            message_id   TEXT,                             -- the message that caused it, if any
            change       TEXT NOT NULL                     -- the OutboxChange, JSON
        );
        CREATE TRIGGER outbox_append_only_update BEFORE UPDATE ON outbox
            BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;
        CREATE TABLE feed_subscribers (
            name         TEXT PRIMARY KEY,
            position     INTEGER NOT NULL DEFAULT 0,       -- last outbox seq acknowledged
            created_at   REAL NOT NULL,
            updated_at   REAL NOT NULL
        ) WITHOUT ROWID;
        """

    /// `listed`: the values a list of candidates shows beyond the matching columns (first names as given, used
    /// names, attributes, ZFD-5..8), extracted from the identity JSON when the row is written
    /// (`StoreTransaction.listedExtract`). A PDQ query read them with `json_extract` at every candidate, a quarter
    /// of its instructions at 1 000 000 identities (issue #13). The step fills the column for the rows there.
    static var version5: String {
        """
        ALTER TABLE identities ADD COLUMN listed TEXT;
        UPDATE identities SET listed = \(StoreTransaction.listedExtract("identity"));
        """
    }
}
