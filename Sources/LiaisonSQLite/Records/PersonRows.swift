import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension PersonSummary {
    /// The first current position of `p` as `cp`, its organization as `co`.
    static let currentPositionJoin = """
        LEFT JOIN person_position cp ON cp.person_id = p.id AND cp.position = (
            SELECT min(position) FROM person_position WHERE person_id = p.id AND end_date IS NULL)
        LEFT JOIN organization co ON co.id = cp.organization_id
        """

    /// The joins a list row reads: the current position and the preferred (or first) channel.
    static let joins =
        currentPositionJoin + """

            LEFT JOIN person_channel ch ON ch.person_id = p.id AND ch.position = (
                SELECT position FROM person_channel WHERE person_id = p.id ORDER BY preferred DESC, position LIMIT 1)
            """
}
