import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
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
