import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func listPeople(_ query: PersonQuery) async throws -> PersonPage {
        try await read { db in
            let filter = PeopleFilter(query: query, dialect: SQLiteDialect())
            let conditions = filter.conditions
            let total =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (
                            SELECT 1 FROM person p \(filter.from) \(conditions.whereClause) LIMIT \(PersonQuery.countLimit + 1))
                        """,
                    arguments: StatementArguments(conditions.binds)) ?? 0
            guard PersonPage.mayHaveRows(query, counted: total) else {
                return PersonPage(items: [], total: total)
            }
            let items = try Row.fetchAllCached(
                db,
                sql: """
                    SELECT \(PersonSummary.columns) FROM person p \(filter.from) \(PersonSummary.joins)
                    \(conditions.whereClause) ORDER BY \(filter.orderBy.sql) LIMIT ? OFFSET ?
                    """,
                arguments: StatementArguments(conditions.binds + filter.orderBy.binds) + [query.perPage, query.offset]
            ).map(PersonSummary.init(row:))
            return PersonPage(items: items, total: total)
        }
    }

    public func likelyDuplicates(of input: PersonInput, excluding: Int64?) async throws -> [PersonSummary] {
        try await read { db in
            let emails = input.channels.filter { $0.kind == .email }.map(\.matchKey)
            let organizationIds = input.positions.compactMap(\.organizationId)
            // The ways of matching are a UNION of ids, each through its index (as on PostgreSQL, where an OR
            // of them read every person).
            var matches: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if !emails.isEmpty {
                matches.append(
                    "SELECT person_id FROM person_channel WHERE kind = 'email' AND match_key IN (\(databaseQuestionMarks(count: emails.count)))"
                )
                arguments += emails
            }
            if !organizationIds.isEmpty, !input.sortKey.isEmpty {
                matches.append(
                    """
                    SELECT q.id FROM person q JOIN person_position pp ON pp.person_id = q.id
                    WHERE q.sort_key = ? AND pp.organization_id IN (\(databaseQuestionMarks(count: organizationIds.count)))
                    """)
                arguments.append(input.sortKey)
                arguments += organizationIds
            }
            guard !matches.isEmpty else { return [] }
            arguments.append(excluding ?? 0)
            return try Row.fetchAllCached(
                db,
                sql: """
                    SELECT \(PersonSummary.columns) FROM person p \(PersonSummary.joins)
                    WHERE p.id IN (\(matches.joined(separator: " UNION "))) AND p.id <> ? ORDER BY p.sort_key, p.id LIMIT 20
                    """,
                arguments: StatementArguments(arguments)
            ).map(PersonSummary.init(row:))
        }
    }

    public func peopleAt(organizationId: Int64) async throws -> [PersonAtOrganization] {
        try await read { db in
            try Row.fetchAllCached(
                db,
                sql: """
                    SELECT p.id, p.display_name, p.native_name, pp.organization_id, o.name AS organization_name,
                        pp.title, pp.department, pp.start_date, pp.end_date
                    FROM person_position pp JOIN person p ON p.id = pp.person_id
                    JOIN organization o ON o.id = pp.organization_id
                    WHERE pp.organization_id = ?
                    ORDER BY pp.end_date IS NOT NULL, pp.end_date DESC, p.sort_key, p.id LIMIT 500
                    """,
                arguments: [organizationId]
            ).map { row in
                // By position, as list rows are read: GRDB folds a column name's case on every read by name.
                PersonAtOrganization(
                    personId: row[0], displayName: row[1], nativeName: row[2],
                    position: Position(
                        organizationId: row[3], organizationName: row[4], title: row[5] ?? "", department: row[6],
                        startDate: row[7], endDate: row[8]))
            }
        }
    }

    public func searchCandidates(terms: [String], exactKey: String, limit: Int) async throws -> [SearchCandidate] {
        try await read { db in
            let match = terms.map { "\"\($0)\"*" }.joined(separator: " ")
            // Cached statements: the search box is the busiest read, and preparing costs more than running.
            let organizations = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT o.id, o.name, o.native_name, o.aliases, o.search_text, o.country, o.membership_status
                        FROM organization o WHERE o.id IN (
                            SELECT rowid FROM organization_fts WHERE organization_fts MATCH ? LIMIT ?)
                        UNION
                        SELECT o.id, o.name, o.native_name, o.aliases, o.search_text, o.country, o.membership_status
                        FROM organization o WHERE o.sort_key = ?
                        """),
                arguments: [match, limit, exactKey]
            ).map { row in
                // Columns by position: a lookup by name folds its case each time, on the busiest read.
                let aliases = (try? JSONDecoder().decode([String].self, from: Data((row[3] as String).utf8)))
                return SearchCandidate(
                    kind: .organization, id: row[0], name: row[1], nativeName: row[2], otherNames: aliases ?? [],
                    document: row[4], detail: (row[5] as String?).flatMap { Country.named(code: $0)?.name },
                    membershipStatus: MembershipStatus(rawValue: row[6]))
            }
            let people = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT p.id, p.display_name, p.native_name, p.given_name, p.family_name, p.search_text,
                            cp.title, co.name AS organization_name, co.membership_status
                        FROM person p \(PersonSummary.currentPositionJoin)
                        WHERE p.id IN (
                            SELECT * FROM (SELECT rowid FROM person_fts WHERE person_fts MATCH ? LIMIT ?)
                            UNION SELECT id FROM person WHERE sort_key = ?)
                        """),
                arguments: [match, limit, exactKey]
            ).map { row in
                let detail = [row[6] as String?, row[7] as String?].compactMap { $0 }
                return SearchCandidate(
                    kind: .person, id: row[0], name: row[1], nativeName: row[2],
                    otherNames: ["\(row[3] as String) \(row[4] as String)"], document: row[5],
                    detail: detail.isEmpty ? nil : detail.joined(separator: ", "),
                    membershipStatus: (row[8] as String?).flatMap(MembershipStatus.init(rawValue:)))
            }
            return organizations + people
        }
    }
}
