import LiaisonStore

extension Migrations {
    /// Knowledge coverage kept per organization, recomputed when triggers mark it stale; the monthly averages;
    /// an index for the distance search's bounding box.
    static var coverage: String {
        let triggers = CoverageSchema.sources.flatMap { source in
            let events = source.updatesOnly ? ["UPDATE"] : ["INSERT", "UPDATE", "DELETE"]
            return events.map { event in
                let rows = event == "INSERT" ? ["new"] : event == "DELETE" ? ["old"] : ["new", "old"]
                let marks = rows.map {
                    CoverageSchema.markStale(source.organizations(keys: "\($0).\(source.key)")) + ";"
                }
                return """
                    CREATE TRIGGER coverage_stale_after_\(source.table)_\(event.lowercased()) AFTER \(event) ON \(source.table)
                    BEGIN
                        \(marks.joined(separator: "\n    "))
                    END;
                    """
            }
        }
        return """
            CREATE TABLE organization_coverage (
                organization_id INTEGER PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
                score INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
                missing TEXT NOT NULL DEFAULT '',
                practice_text TEXT NOT NULL DEFAULT '',
                due_on TEXT NOT NULL DEFAULT '',
                generation INTEGER NOT NULL DEFAULT 0,
                computed_on TEXT
            );
            CREATE INDEX organization_coverage_by_due ON organization_coverage(due_on);
            CREATE INDEX organization_coverage_by_score ON organization_coverage(score, organization_id);
            INSERT INTO organization_coverage (organization_id) SELECT id FROM organization;

            CREATE TABLE coverage_snapshot (
                month TEXT NOT NULL CHECK (length(month) = 7),
                region TEXT NOT NULL,
                members INTEGER NOT NULL CHECK (members >= 0),
                score_total INTEGER NOT NULL CHECK (score_total >= 0),
                PRIMARY KEY (month, region)
            );

            CREATE INDEX organization_by_coordinates ON organization(latitude, longitude);

            CREATE TRIGGER coverage_row_for_new_organization AFTER INSERT ON organization
            BEGIN
                INSERT INTO organization_coverage (organization_id) VALUES (new.id);
            END;
            \(triggers.joined(separator: "\n"))
            """
    }
}
