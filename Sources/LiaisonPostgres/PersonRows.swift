import Foundation
import LiaisonCore
import LiaisonStore

/// The joins of people lists and search candidates, as the SQLite engine's with PostgreSQL's LATERAL.
enum PersonRows {
    /// The first current position of `p` as `cp`, its organization as `co`. LATERAL, so that each person's
    /// position is found through the primary key: a join condition with a subquery made PostgreSQL hash
    /// every position there is.
    static let currentPositionJoin = """
        LEFT JOIN LATERAL (
            SELECT organization_id, organization_name, title FROM person_position
            WHERE person_id = p.id AND end_date IS NULL ORDER BY position LIMIT 1) cp ON true
        LEFT JOIN organization co ON co.id = cp.organization_id
        """

    /// The joins a list row reads: the current position and the preferred (or first) channel.
    static let joins =
        currentPositionJoin + """

            LEFT JOIN LATERAL (
                SELECT kind, value, label, preferred FROM person_channel
                WHERE person_id = p.id ORDER BY preferred DESC, position LIMIT 1) ch ON true
            """
}
