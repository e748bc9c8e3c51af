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

    static let columns = """
        p.id, p.display_name, p.native_name, p.role, p.updated_at, cp.title, cp.organization_id,
        coalesce(co.name, cp.organization_name) AS organization_name, co.country, ch.kind AS channel_kind,
        ch.value AS channel_value, ch.label AS channel_label, ch.preferred AS channel_preferred
        """

    init(row: Row) {
        let channel = (row["channel_kind"] as String?).flatMap(ChannelKind.init(rawValue:)).map {
            Channel(
                kind: $0, value: row["channel_value"], label: row["channel_label"],
                preferred: row["channel_preferred"] ?? false)
        }
        self.init(
            id: row["id"], displayName: row["display_name"], nativeName: row["native_name"],
            role: PersonRole(rawValue: row["role"]) ?? .none, title: row["title"],
            organizationId: row["organization_id"], organizationName: row["organization_name"],
            country: row["country"], preferredChannel: channel, updatedAt: row["updated_at"])
    }
}

/// The FROM, WHERE and ORDER BY of a people list, with its arguments, built from fixed SQL fragments.
struct PeopleFilter {
    let query: PersonQuery

    var from: String { query.searchTerms.isEmpty ? "" : "JOIN person_fts f ON f.rowid = p.id" }

    var whereClause: String {
        var conditions: [String] = []
        if !query.searchTerms.isEmpty { conditions.append("person_fts MATCH ?") }
        if query.organizationId != nil {
            conditions.append(
                "p.id IN (SELECT person_id FROM person_position WHERE organization_id = ? AND end_date IS NULL)")
        }
        if query.country != nil {
            conditions.append(
                """
                p.id IN (SELECT pp.person_id FROM organization o JOIN person_position pp ON pp.organization_id = o.id
                    WHERE o.country = ? AND pp.end_date IS NULL)
                """)
        }
        if let position = query.position {
            // Three characters make a trigram: shorter text is looked for position by position.
            conditions.append(
                position.count >= 3
                    ? """
                    p.id IN (SELECT pp.person_id FROM person_position_fts f JOIN person_position pp
                        ON pp.person_id = f.rowid / 1024 AND pp.position = f.rowid % 1024
                        WHERE person_position_fts MATCH ? AND pp.end_date IS NULL)
                    """
                    : """
                    p.id IN (SELECT person_id FROM person_position WHERE end_date IS NULL
                        AND (title LIKE ? ESCAPE '\\' OR department LIKE ? ESCAPE '\\'))
                    """)
        }
        if query.language != nil { conditions.append("p.id IN (SELECT person_id FROM person_language WHERE code = ?)") }
        if query.channelKind != nil {
            conditions.append("p.id IN (SELECT person_id FROM person_channel WHERE kind = ?)")
        }
        if query.heldByAccountId != nil {
            conditions.append("p.id IN (SELECT person_id FROM person_channel WHERE held_by_account_id = ?)")
        }
        return conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    var arguments: StatementArguments {
        var values: [(any DatabaseValueConvertible)?] = []
        if !query.searchTerms.isEmpty { values.append(query.searchTerms.map { "\"\($0)\"*" }.joined(separator: " ")) }
        if let id = query.organizationId { values.append(id) }
        if let country = query.country { values.append(country) }
        if let position = query.position, position.count >= 3 {
            values.append("\"" + position.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        } else if let position = query.position {
            let escaped = position.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            values += ["%\(escaped)%", "%\(escaped)%"]
        }
        if let language = query.language { values.append(language) }
        if let kind = query.channelKind { values.append(kind.rawValue) }
        if let holder = query.heldByAccountId { values.append(holder) }
        return StatementArguments(values)
    }

    /// A search puts an exact name first; the order ends on the id so pages never overlap.
    var orderBy: String { query.searchTerms.isEmpty ? "p.sort_key, p.id" : "(p.sort_key = ?) DESC, p.sort_key, p.id" }

    var orderArguments: StatementArguments {
        query.searchTerms.isEmpty ? [] : [SearchText.sortKey(query.text ?? "")]
    }
}
