import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func activitySearchCandidates(terms: [String], limit: Int) async throws -> [SearchCandidate] {
        try await read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.id, a.title, a.search_text, a.start_local, a.place_name FROM activity a
                        WHERE a.id IN (SELECT rowid FROM activity_fts WHERE activity_fts MATCH ? LIMIT ?)
                        ORDER BY a.starts_at DESC
                        """),
                arguments: [SQLiteDialect.prefixMatch(terms), limit]
            ).map { row in
                SearchCandidate(
                    activityId: row[0], title: row[1], document: row[2], start: row[3], placeName: row[4])
            }
        }
    }
}
