import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public func listPeople(_ query: PersonQuery) async throws -> PersonPage {
        try await snapshot { db in
            let filter = PeopleFilter(query: query, dialect: PostgresDialect())
            let conditions = filter.conditions
            let total =
                try await db.value(
                    Int.self,
                    """
                    SELECT count(*) FROM (
                        SELECT 1 FROM person p \(filter.from) \(conditions.whereClause) LIMIT \(PersonQuery.countLimit + 1)) counted
                    """, conditions.binds) ?? 0
            guard PersonPage.mayHaveRows(query, counted: total) else {
                return PersonPage(items: [], total: total)
            }
            let items = try await db.rows(
                """
                SELECT \(PersonSummary.columns) FROM person p \(filter.from) \(PersonRows.joins)
                \(conditions.whereClause) ORDER BY \(filter.orderBy.sql) LIMIT ? OFFSET ?
                """, conditions.binds + filter.orderBy.binds + [query.perPage, query.offset]
            ).map(PersonRows.summary(row:))
            return PersonPage(items: items, total: total)
        }
    }

    public func likelyDuplicates(of input: PersonInput, excluding: Int64?) async throws -> [PersonSummary] {
        try await read { db in
            let emails = input.channels.filter { $0.kind == .email }.map(\.matchKey)
            let organizationIds = input.positions.compactMap(\.organizationId)
            // The ways of matching are a UNION of ids, each through its index: an OR of them made
            // PostgreSQL read every person (2 s a check at a million people).
            var matches: [String] = []
            var values: [any SQLValue] = []
            if !emails.isEmpty {
                matches.append(
                    "SELECT person_id FROM person_channel WHERE kind = 'email' AND match_key IN (\(questionMarks(emails.count)))"
                )
                values += emails as [any SQLValue]
            }
            if !organizationIds.isEmpty, !input.sortKey.isEmpty {
                matches.append(
                    """
                    SELECT q.id FROM person q JOIN person_position pp ON pp.person_id = q.id
                    WHERE q.sort_key = ? AND pp.organization_id = ANY(?)
                    """)
                values += [input.sortKey, organizationIds] as [any SQLValue]
            }
            guard !matches.isEmpty else { return [] }
            values.append(excluding ?? 0)
            return try await db.rows(
                """
                SELECT \(PersonSummary.columns) FROM person p \(PersonRows.joins)
                WHERE p.id IN (\(matches.joined(separator: " UNION "))) AND p.id <> ? ORDER BY p.sort_key, p.id LIMIT 20
                """, values
            ).map(PersonRows.summary(row:))
        }
    }

    public func peopleAt(organizationId: Int64) async throws -> [PersonAtOrganization] {
        try await read { db in
            try await db.rows(
                """
                SELECT p.id, p.display_name, p.native_name, pp.organization_id, o.name AS organization_name,
                    pp.title, pp.department, pp.start_date, pp.end_date
                FROM person_position pp JOIN person p ON p.id = pp.person_id
                JOIN organization o ON o.id = pp.organization_id
                WHERE pp.organization_id = ?
                ORDER BY pp.end_date IS NOT NULL, pp.end_date DESC, p.sort_key, p.id LIMIT 500
                """, organizationId
            ).map { row in
                PersonAtOrganization(
                    personId: try row["id"], displayName: try row["display_name"], nativeName: try row["native_name"],
                    position: try PersonRow.position(row))
            }
        }
    }

    public func searchCandidates(terms: [String], exactKey: String, limit: Int) async throws -> [SearchCandidate] {
        // Two statements on one connection without a transaction: candidates need no common snapshot, and
        // the search box is the busiest read there is.
        try await read { db in
            let match = prefixQuery(terms)
            let organizations = try await db.rows(
                """
                SELECT o.id, o.name, o.native_name, o.aliases::text AS aliases_json, o.search_text, o.country,
                    o.membership_status
                FROM organization o WHERE o.id IN (
                    SELECT id FROM organization WHERE search_vector @@ ?::tsquery LIMIT ?)
                UNION
                SELECT o.id, o.name, o.native_name, o.aliases::text, o.search_text, o.country, o.membership_status
                FROM organization o WHERE o.sort_key = ?
                """, match, limit, exactKey
            ).map { row in
                let aliases = try? JSONDecoder().decode(
                    [String].self, from: Data((try row["aliases_json"] as String).utf8))
                return SearchCandidate(
                    kind: .organization, id: try row["id"], name: try row["name"], nativeName: try row["native_name"],
                    otherNames: aliases ?? [], document: try row["search_text"],
                    detail: (try row["country"] as String?).flatMap { Country.named(code: $0)?.name },
                    membershipStatus: MembershipStatus(rawValue: try row["membership_status"]))
            }
            let people = try await db.rows(
                """
                SELECT p.id, p.display_name, p.native_name, p.given_name, p.family_name, p.search_text,
                    cp.title, co.name AS organization_name, co.membership_status
                FROM person p \(PersonRows.currentPositionJoin)
                -- A UNION, not an OR of the two: with an OR PostgreSQL read all the people.
                WHERE p.id IN (
                    (SELECT id FROM person WHERE search_vector @@ ?::tsquery LIMIT ?)
                    UNION SELECT id FROM person WHERE sort_key = ?)
                """, match, limit, exactKey
            ).map { row in
                let detail = [try row["title"] as String?, try row["organization_name"] as String?].compactMap { $0 }
                return SearchCandidate(
                    kind: .person, id: try row["id"], name: try row["display_name"], nativeName: try row["native_name"],
                    otherNames: ["\(try row["given_name"] as String) \(try row["family_name"] as String)"],
                    document: try row["search_text"], detail: detail.isEmpty ? nil : detail.joined(separator: ", "),
                    membershipStatus: (try row["membership_status"] as String?).flatMap(
                        MembershipStatus.init(rawValue:)))
            }
            return organizations + people
        }
    }
}
