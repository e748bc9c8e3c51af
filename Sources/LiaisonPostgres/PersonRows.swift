import Foundation
import LiaisonCore
import LiaisonStore

/// The joins, columns and filters of people lists, as the SQLite engine's with PostgreSQL's operators.
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

    static func summary(row: Row) throws -> PersonSummary {
        let channel = try (try row["channel_kind"] as String?).flatMap(ChannelKind.init(rawValue:)).map {
            Channel(
                kind: $0, value: try row["channel_value"], label: try row["channel_label"],
                preferred: try row["channel_preferred"] ?? false)
        }
        return PersonSummary(
            id: try row["id"], displayName: try row["display_name"], nativeName: try row["native_name"],
            role: PersonRole(rawValue: try row["role"]) ?? .none, title: try row["title"],
            organizationId: try row["organization_id"], organizationName: try row["organization_name"],
            country: try row["country"], preferredChannel: channel, updatedAt: try row["updated_at"])
    }
}
