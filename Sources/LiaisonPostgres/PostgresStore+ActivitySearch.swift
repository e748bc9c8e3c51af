import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public func activitySearchCandidates(terms: [String], limit: Int) async throws -> [SearchCandidate] {
        try await read { db in
            try await db.rows(
                """
                SELECT a.id, a.title, a.search_text, a.start_local, a.place_name FROM activity a
                WHERE a.id IN (SELECT id FROM activity WHERE search_vector @@ ?::tsquery LIMIT ?)
                ORDER BY a.starts_at DESC
                """, prefixQuery(terms), limit
            ).map { row in
                SearchCandidate(
                    activityId: try row["id"], title: try row["title"], document: try row["search_text"],
                    start: try row["start_local"], placeName: try row["place_name"])
            }
        }
    }
}
