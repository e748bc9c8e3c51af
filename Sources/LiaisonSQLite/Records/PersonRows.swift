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

    /// A row of `columns`, read by position: a list reads thousands of these, and GRDB's lookup by name
    /// folds each name's case on every read.
    init(row: Row) {
        let channel = (row[9] as String?).flatMap(ChannelKind.init(rawValue:)).map {
            Channel(kind: $0, value: row[10], label: row[11], preferred: row[12] ?? false)
        }
        self.init(
            id: row[0], displayName: row[1], nativeName: row[2], role: PersonRole(rawValue: row[3]) ?? .none,
            title: row[5], organizationId: row[6], organizationName: row[7], country: row[8],
            preferredChannel: channel, updatedAt: row[4])
    }
}
