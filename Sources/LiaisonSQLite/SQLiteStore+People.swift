import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
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
