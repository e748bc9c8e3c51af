import LiaisonStore
import PostgresNIO

/// PostgreSQL's side of the shared queries: tsvector prefix indexes for names, trigram indexes for
/// positions (which answer ILIKE).
struct PostgresDialect: SQLDialect {
    /// JSON columns are jsonb, bound and read as text.
    let jsonPlaceholder = "?::jsonb"
    func jsonText(_ expression: String) -> String { "\(expression)::text" }
    /// One array parameter, however many ids: the statement's text stays the same for every count.
    func idsMatch(count: Int) -> String { "= ANY(?)" }
    let lockAgainstDeletion = "FOR KEY SHARE"
    let lockAgainstWriters = "FOR NO KEY UPDATE"
    var personRowJoins: String { PersonRows.joins }
    /// Counted each time: a kept count row would make every transaction that adds an organization wait for
    /// the others to commit.
    let organizationCountsByStatus =
        "SELECT membership_status, count(*) FROM organization GROUP BY membership_status"
    func personCount(upTo limit: Int) -> String {
        "SELECT count(*) FROM (SELECT 1 FROM person LIMIT \(limit + 1)) counted"
    }
    func ignoringCase(_ expression: String) -> String { "lower(\(expression)) COLLATE \"C\"" }
    func joinedNames(_ expression: String) -> String { "string_agg(\(expression), chr(31))" }

    /// Each record table's words are in its own `search_vector` column.
    func fullTextIds(of table: String, terms: [String], limit: Int) -> SQLFragment {
        SQLFragment(
            "SELECT id FROM \(table) WHERE search_vector @@ ?::tsquery LIMIT ?",
            [.text(prefixQuery(terms)), .integer(limit)])
    }

    func organizationSearchJoin(_ terms: [String]) -> String { "" }

    func organizationSearchMatch(_ terms: [String]) -> SQLFragment {
        SQLFragment("o.search_vector @@ ?::tsquery", [.text(prefixQuery(terms))])
    }

    func personSearchJoin(_ terms: [String]) -> String { "" }

    func personSearchMatch(_ terms: [String]) -> SQLFragment {
        SQLFragment("p.search_vector @@ ?::tsquery", [.text(prefixQuery(terms))])
    }

    /// A UNION of ids, each through its own index: an OR of the two would make PostgreSQL read every activity.
    func activityInvolvesOrganization(_ id: Int64) -> SQLFragment {
        SQLFragment(
            """
            a.id IN (SELECT activity_id FROM activity_organization WHERE organization_id = ?
                UNION SELECT id FROM activity WHERE place_organization_id = ?)
            """, [.integer(id), .integer(id)])
    }

    /// ILIKE, case-insensitive for ASCII as SQLite's LIKE; backslash is its escape by default.
    func currentPositionContains(_ text: String) -> SQLFragment {
        let pattern = SQLBind.text(SQLFragment.likeAnywhere(text))
        return SQLFragment(
            """
            p.id IN (SELECT person_id FROM person_position WHERE end_date IS NULL
                AND (title ILIKE ? OR department ILIKE ?))
            """, [pattern, pattern])
    }
}

extension SQLBind: SQLValue {
    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .text(let text): text.bind(into: &bindings)
        case .integer(let number): number.bind(into: &bindings)
        case .bool(let flag): flag.bind(into: &bindings)
        case .real(let number): number.bind(into: &bindings)
        case .date(let date): date.bind(into: &bindings)
        case .null: bindings.appendNull()
        case .integers(let ids): bindings.append(ids)
        }
    }
}
