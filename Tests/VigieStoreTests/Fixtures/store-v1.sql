-- A Vigie store as schema version 1 wrote it: the v1 schema exactly as released (migration step 1) and data
-- in v1's encoding (Identity as JSON with sorted keys, times in seconds since 1970, merged ids one hop from
-- their survivor). Identities are the CNDA INSi test persons of Samples.swift (shared/research/ins-domain.md
-- §2.6): ADRUN ZOE (qualified), NESSI NATHALIE, TCHITCHI CATARINA BELLA (merged into ADRUN ZOE).
-- Frozen: never edit to follow a newer schema; MigratorTests opens it and checks that nothing is lost.
PRAGMA application_id = 1447512389;
PRAGMA user_version = 1;
BEGIN;
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

INSERT INTO identities (id, merged_into, status, identity, version, created_at, updated_at) VALUES
    (1, NULL, 'QUAL', '{"attributes":[],"birthDateCorrected":false,"ins":{"authority":"1.2.250.1.213.1.4.8","matricule":"275126322074974"},"insHistory":[],"insiRetrieved":true,"status":"QUAL","traits":{"birthDate":"1975-12-31","birthName":"ADRUN","birthPlace":"63220","firstNames":["ZOE"],"sex":"F"}}', 4, 1700000000, 1700000040),
    (2, NULL, 'PROV', '{"attributes":[],"birthDateCorrected":false,"insHistory":[],"insiRetrieved":false,"status":"PROV","traits":{"birthDate":"1977-07-14","birthName":"NESSI","birthPlace":"63220","firstNames":["NATHALIE"],"sex":"F"}}', 2, 1700000010, 1700000030),
    (3, 1, 'PROV', '{"attributes":[],"birthDateCorrected":false,"insHistory":[],"insiRetrieved":false,"status":"PROV","traits":{"birthDate":"1936-06-21","birthName":"TCHITCHI","birthPlace":"63220","firstNames":["CATARINA","BELLA"],"sex":"F"}}', 2, 1700000020, 1700000040);
INSERT INTO local_identifiers (domain, value, identity_id, added_at) VALUES
    ('CHU-X', '000001', 1, 1700000000),
    ('CHU-Y', 'A1', 1, 1700000000),
    ('CHU-X', '000002', 2, 1700000010),
    ('CHU-X', '000003', 3, 1700000020);
INSERT INTO merges (merged_away, survivor, merged_at) VALUES (3, 1, 1700000040);
INSERT INTO links (a, b, linked_at) VALUES (1, 2, 1700000030);
INSERT INTO review_items (id, kind, first_id, second_id, score, explanation, status, resolution, created_at, updated_at, resolved_by) VALUES
    (1, 'duplicate', 1, 2, 3.5, 'sex=exact birth_place=exact birth_name=different', 'open', NULL, 1700000050, 1700000050, NULL);
INSERT INTO journal (seq, identity_id, related_id, action, actor, time, reason, message_id, before, after) VALUES
    (1, 1, NULL, 'created', 'GAM@CHU-X', 1700000000, 'ADT^A28', 'GAM|CHU-X|3975', NULL, '{"attributes":[],"birthDateCorrected":false,"insHistory":[],"insiRetrieved":false,"status":"PROV","traits":{"birthDate":"1975-12-31","birthName":"ADRUN","birthPlace":"63220","firstNames":["ZOE"],"sex":"F"}}'),
    (2, 1, NULL, 'local-identifier-added', 'GAM@CHU-X', 1700000000, 'ADT^A28', 'GAM|CHU-X|3975', NULL, '{"domain":"CHU-X","value":"000001"}'),
    (3, 1, NULL, 'local-identifier-added', 'GAM@CHU-X', 1700000000, 'ADT^A28', 'GAM|CHU-X|3975', NULL, '{"domain":"CHU-Y","value":"A1"}'),
    (4, 2, NULL, 'created', 'GAM@CHU-X', 1700000010, 'ADT^A28', 'GAM|CHU-X|3976', NULL, '{"attributes":[],"birthDateCorrected":false,"insHistory":[],"insiRetrieved":false,"status":"PROV","traits":{"birthDate":"1977-07-14","birthName":"NESSI","birthPlace":"63220","firstNames":["NATHALIE"],"sex":"F"}}'),
    (5, 2, NULL, 'local-identifier-added', 'GAM@CHU-X', 1700000010, 'ADT^A28', 'GAM|CHU-X|3976', NULL, '{"domain":"CHU-X","value":"000002"}'),
    (6, 3, NULL, 'created', 'GAM@CHU-X', 1700000020, 'ADT^A28', 'GAM|CHU-X|3977', NULL, '{"attributes":[],"birthDateCorrected":false,"insHistory":[],"insiRetrieved":false,"status":"PROV","traits":{"birthDate":"1936-06-21","birthName":"TCHITCHI","birthPlace":"63220","firstNames":["CATARINA","BELLA"],"sex":"F"}}'),
    (7, 3, NULL, 'local-identifier-added', 'GAM@CHU-X', 1700000020, 'ADT^A28', 'GAM|CHU-X|3977', NULL, '{"domain":"CHU-X","value":"000003"}'),
    (8, 1, NULL, 'updated', 'insi', 1700000025, 'INSi qualification', NULL, '{"attributes":[],"birthDateCorrected":false,"insHistory":[],"insiRetrieved":false,"status":"PROV","traits":{"birthDate":"1975-12-31","birthName":"ADRUN","birthPlace":"63220","firstNames":["ZOE"],"sex":"F"}}', '{"attributes":[],"birthDateCorrected":false,"ins":{"authority":"1.2.250.1.213.1.4.8","matricule":"275126322074974"},"insHistory":[],"insiRetrieved":true,"status":"QUAL","traits":{"birthDate":"1975-12-31","birthName":"ADRUN","birthPlace":"63220","firstNames":["ZOE"],"sex":"F"}}'),
    (9, 1, 2, 'linked', 'GAM@CHU-X', 1700000030, 'ADT^A24', 'GAM|CHU-X|3978', NULL, NULL),
    (10, 1, 3, 'merged', 'cell', 1700000040, 'ADT^A40', 'GAM|CHU-X|3979', NULL, '{"chained":[],"mergedAway":"V3","movedLinks":[],"survivor":"V1"}'),
    (11, 1, 2, 'review-opened', 'worker', 1700000050, 'potential duplicate', NULL, NULL, '{"createdAt":721692850,"explanation":"sex=exact birth_place=exact birth_name=different","id":1,"identityIDs":["V1","V2"],"kind":"duplicate","score":3.5,"status":"open","updatedAt":721692850}');
INSERT INTO processed_messages (message_id, answer, processed_at) VALUES
    ('GAM|CHU-X|3975', '"V1"', 1700000000);
COMMIT;
