import LiaisonStore

extension PostgresMigrations {
    /// Knowledge coverage kept per organization, as SQLite's migration 019; the triggers run once per statement
    /// over its changed rows, so a bulk insert marks its organizations in one update.
    static var coverage: String {
        let triggers = CoverageSchema.sources.map { source in
            let function = "coverage_stale_after_\(source.table)"
            let fresh = CoverageSchema.markStale(source.organizations(keys: "SELECT \(source.key) FROM new_rows"))
            let gone = CoverageSchema.markStale(source.organizations(keys: "SELECT \(source.key) FROM old_rows"))
            var sql = """
                CREATE FUNCTION \(function)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN \(fresh); END IF;
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN \(gone); END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER \(function)_update AFTER UPDATE ON \(source.table)
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION \(function)();

                """
            if !source.updatesOnly {
                sql += """
                    CREATE TRIGGER \(function)_insert AFTER INSERT ON \(source.table)
                        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION \(function)();
                    CREATE TRIGGER \(function)_delete AFTER DELETE ON \(source.table)
                        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION \(function)();

                    """
            }
            return sql
        }
        return """
            CREATE TABLE organization_coverage (
                organization_id BIGINT PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
                score INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
                missing TEXT NOT NULL DEFAULT '',
                practice_text TEXT NOT NULL DEFAULT '',
                due_on TEXT NOT NULL DEFAULT '',
                generation BIGINT NOT NULL DEFAULT 0,
                computed_on TEXT
            );
            CREATE INDEX organization_coverage_by_due ON organization_coverage(due_on);
            CREATE INDEX organization_coverage_by_score ON organization_coverage(score, organization_id);
            INSERT INTO organization_coverage (organization_id) SELECT id FROM organization;

            CREATE TABLE coverage_snapshot (
                month TEXT NOT NULL CHECK (length(month) = 7),
                region TEXT NOT NULL,
                members INTEGER NOT NULL CHECK (members >= 0),
                score_total BIGINT NOT NULL CHECK (score_total >= 0),
                PRIMARY KEY (month, region)
            );

            CREATE INDEX organization_by_coordinates ON organization(latitude, longitude);

            CREATE FUNCTION coverage_row_for_new_organization() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO organization_coverage (organization_id) SELECT id FROM new_rows;
                RETURN NULL;
            END $$;
            CREATE TRIGGER coverage_row_for_new_organization AFTER INSERT ON organization
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_row_for_new_organization();
            \(triggers.joined(separator: "\n"))
            """
    }
}
