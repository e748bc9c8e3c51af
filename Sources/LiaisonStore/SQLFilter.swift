import Foundation
import LiaisonCore

/// A value for a `?` placeholder in neither engine's type: each engine binds it its own way.
public enum SQLBind: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case bool(Bool)
    case real(Double)
    /// An instant, stored as each engine stores its times.
    case date(Date)
    case null
    /// A list of ids matched by the dialect's `idsMatch(count:)`: one array on PostgreSQL, one value for each
    /// placeholder on SQLite.
    case integers([Int64])

    public static func text(_ value: String?) -> SQLBind { value.map(SQLBind.text) ?? .null }
    public static func integer(_ value: Int64?) -> SQLBind { value.map(SQLBind.integer) ?? .null }
    public static func integer(_ value: Int?) -> SQLBind { value.map { .integer(Int64($0)) } ?? .null }
    public static func real(_ value: Double?) -> SQLBind { value.map(SQLBind.real) ?? .null }
}

/// SQL text with `?` placeholders and the values for them, in order: a condition and its values are
/// always added together, so they cannot drift apart.
public struct SQLFragment: Sendable, Hashable {
    public var sql: String
    public var binds: [SQLBind]

    public init(_ sql: String, _ binds: [SQLBind] = []) {
        self.sql = sql
        self.binds = binds
    }
}

/// What the shared queries need from an engine's dialect: how a text search matches, and the joins it needs.
public protocol SQLDialect: Sendable {
    /// The join a search of organizations by name needs ("" when its condition needs none), on `o`.
    func organizationSearchJoin(_ terms: [String]) -> String
    /// The condition that an organization `o` has a word starting with each term.
    func organizationSearchMatch(_ terms: [String]) -> SQLFragment
    /// The same two for people, on `p`.
    func personSearchJoin(_ terms: [String]) -> String
    func personSearchMatch(_ terms: [String]) -> SQLFragment
    /// The condition that person `p` holds a current position whose title or department contains `text`.
    func currentPositionContains(_ text: String) -> SQLFragment
    /// The condition that activity `a` has the organization among its participants or as its place.
    func activityInvolvesOrganization(_ id: Int64) -> SQLFragment
    /// The placeholder of a JSON column's value, given as its text.
    var jsonPlaceholder: String { get }
    /// A JSON column's value as text.
    func jsonText(_ expression: String) -> String
    /// The match of a column against a list of `count` ids, which the engine binds its own way.
    func idsMatch(count: Int) -> String
    /// What a look-up adds so the rows it found cannot be deleted until the transaction ends, as a
    /// reference to them is checked only at commit ("" where the transaction's own lock already keeps them).
    var lockAgainstDeletion: String { get }
    /// What a look-up adds so that every other write looking up the same rows this way waits until the
    /// transaction ends: a count checked against its cap stays true until the row is written ("" where the
    /// transaction's own lock already keeps writes apart).
    var lockAgainstWriters: String { get }
    /// The joins of a people list row, after `FROM person p`: the first current position as `cp` (with
    /// `organization_id`, `organization_name` and `title`), its organization as `co`, and the preferred (or
    /// first) channel as `ch` (with `kind`, `value`, `label` and `preferred`).
    var personRowJoins: String { get }
    /// Every organization counted by membership status, as rows of the status and its count.
    var organizationCountsByStatus: String { get }
    /// Everyone counted, as one row: exactly, or up to `limit` and one more, whichever costs less.
    func personCount(upTo limit: Int) -> String
    /// An ORDER BY term that sorts `expression` without regard to letter case.
    func ignoringCase(_ expression: String) -> String
    /// The aggregate joining the texts of a group with the unit separator (U+001F), which no name holds.
    func joinedNames(_ expression: String) -> String
    /// The ids of at most `limit` rows of `table` whose search text has a word starting with each term.
    func fullTextIds(of table: String, terms: [String], limit: Int) -> SQLFragment
}

/// Conditions joined by AND, with their values.
public struct SQLConditions: Sendable {
    public private(set) var conditions: [String] = []
    public private(set) var binds: [SQLBind] = []

    public init() {}

    public mutating func add(_ sql: String, _ binds: SQLBind...) {
        add(SQLFragment(sql, binds))
    }

    public mutating func add(_ fragment: SQLFragment) {
        conditions.append(fragment.sql)
        binds += fragment.binds
    }

    /// "WHERE a AND b", or "" when there is no condition.
    public var whereClause: String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }
}

/// The FROM join, WHERE and ORDER BY of a directory query, the same on both engines but for the search match.
public struct DirectoryFilter: Sendable {
    public let query: OrganizationQuery
    public let dialect: any SQLDialect

    public init(query: OrganizationQuery, dialect: any SQLDialect) {
        self.query = query
        self.dialect = dialect
    }

    /// The join after `FROM organization o`.
    public var from: String { query.searchTerms.isEmpty ? "" : dialect.organizationSearchJoin(query.searchTerms) }

    /// The conditions; without the status for the counts by status, which the page shows for every status.
    public func conditions(includingStatus: Bool) -> SQLConditions {
        var conditions = SQLConditions()
        if !query.searchTerms.isEmpty { conditions.add(dialect.organizationSearchMatch(query.searchTerms)) }
        if includingStatus, let status = query.status {
            conditions.add("o.membership_status = ?", .text(status.rawValue))
        }
        if let kind = query.kind { conditions.add("o.kind = ?", .text(kind.rawValue)) }
        if let country = query.country { conditions.add("o.country = ?", .text(country)) }
        if let region = query.region { conditions.add("o.region = ?", .text(region)) }
        if let paying = query.paying { conditions.add("o.paying = ?", .bool(paying)) }
        if let staff = query.focalPointAccountId { conditions.add("o.focal_point_account_id = ?", .integer(staff)) }
        if !query.ids.isEmpty {
            let ids = query.ids.prefix(OrganizationQuery.maxIds)
            conditions.add(
                SQLFragment(
                    "o.id IN (" + ids.map { _ in "?" }.joined(separator: ", ") + ")", ids.map { SQLBind.integer($0) }))
        }
        return conditions
    }

    /// Searches put an exact name first, then members; every order ends on the id so pages never overlap.
    public var orderBy: SQLFragment {
        let exactFirst =
            query.searchTerms.isEmpty ? "" : "(o.sort_key = ?) DESC, (o.membership_status = 'member') DESC, "
        let binds: [SQLBind] = query.searchTerms.isEmpty ? [] : [.text(query.searchTerms.joined(separator: " "))]
        let order =
            switch query.sort {
            case .name: "o.sort_key, o.id"
            case .nameDescending: "o.sort_key DESC, o.id DESC"
            case .population: "o.population IS NULL, o.population DESC, o.id"
            case .memberSince: "o.member_since IS NULL, o.member_since, o.id"
            case .recentlyUpdated: "o.updated_at DESC, o.id DESC"
            }
        return SQLFragment(exactFirst + order, binds)
    }
}

/// The FROM join, WHERE and ORDER BY of a people list, the same on both engines but for the text matches.
public struct PeopleFilter: Sendable {
    public let query: PersonQuery
    public let dialect: any SQLDialect

    public init(query: PersonQuery, dialect: any SQLDialect) {
        self.query = query
        self.dialect = dialect
    }

    /// The join after `FROM person p`.
    public var from: String { query.searchTerms.isEmpty ? "" : dialect.personSearchJoin(query.searchTerms) }

    public var conditions: SQLConditions {
        var conditions = SQLConditions()
        if !query.searchTerms.isEmpty { conditions.add(dialect.personSearchMatch(query.searchTerms)) }
        if let id = query.organizationId {
            conditions.add(
                "p.id IN (SELECT person_id FROM person_position WHERE organization_id = ? AND end_date IS NULL)",
                .integer(id))
        }
        if let country = query.country {
            conditions.add(
                """
                p.id IN (SELECT pp.person_id FROM organization o JOIN person_position pp ON pp.organization_id = o.id
                    WHERE o.country = ? AND pp.end_date IS NULL)
                """, .text(country))
        }
        if let position = query.position { conditions.add(dialect.currentPositionContains(position)) }
        if let language = query.language {
            conditions.add("p.id IN (SELECT person_id FROM person_language WHERE code = ?)", .text(language))
        }
        if let kind = query.channelKind {
            conditions.add("p.id IN (SELECT person_id FROM person_channel WHERE kind = ?)", .text(kind.rawValue))
        }
        if let holder = query.heldByAccountId {
            conditions.add(
                "p.id IN (SELECT person_id FROM person_channel WHERE held_by_account_id = ?)", .integer(holder))
        }
        return conditions
    }

    /// A search puts an exact name first; the order ends on the id so pages never overlap.
    public var orderBy: SQLFragment {
        query.searchTerms.isEmpty
            ? SQLFragment("p.sort_key, p.id")
            : SQLFragment("(p.sort_key = ?) DESC, p.sort_key, p.id", [.text(SearchText.sortKey(query.text ?? ""))])
    }
}

extension SQLFragment {
    /// `text` for a LIKE pattern that finds it anywhere, its `%`, `_` and `\` taken literally (ESCAPE '\').
    public static func likeAnywhere(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return "%\(escaped)%"
    }
}

/// The joins, extra columns, WHERE and order of a calendar query, every condition read through an index, the
/// same on both engines but for how an organization's activities are found.
public struct ActivityFilter: Sendable {
    /// Joins that bring the participation of the organization or person the query is about; their values come
    /// first in the statement, before the conditions'.
    public private(set) var joins = SQLFragment("")
    public private(set) var extraColumns = ""
    public private(set) var conditions = SQLConditions()
    public let orderBy: String

    public init(_ query: ActivityQuery, dialect: any SQLDialect) {
        if let organizationId = query.organizationId {
            joins.sql += " LEFT JOIN activity_organization tao ON tao.activity_id = a.id AND tao.organization_id = ?"
            joins.binds.append(.integer(organizationId))
            extraColumns += ", tao.mode AS t_mode, tao.status AS t_status, tao.organizer AS t_organizer"
            conditions.add(dialect.activityInvolvesOrganization(organizationId))
        }
        if let personId = query.personId {
            joins.sql += " LEFT JOIN activity_person tap ON tap.activity_id = a.id AND tap.person_id = ?"
            joins.binds.append(.integer(personId))
            extraColumns += ", tap.role AS t_role, tap.in_person AS t_in_person, tap.organization_id AS t_delegation"
            conditions.add("a.id IN (SELECT activity_id FROM activity_person WHERE person_id = ?)", .integer(personId))
        }
        if let from = query.from, let earliest = query.earliestStart {
            conditions.add("a.starts_at >= ? AND a.ends_at > ?", .date(earliest), .date(from))
        }
        if let to = query.to {
            conditions.add("a.starts_at < ?", .date(to))
        }
        if !query.kinds.isEmpty {
            let marks = Array(repeating: "?", count: query.kinds.count).joined(separator: ", ")
            conditions.add(SQLFragment("a.kind IN (\(marks))", query.kinds.map { .text($0.rawValue) }))
        }
        if let region = query.region {
            // Checked for each activity of the range by key: a region is a large part of the calendar, and
            // gathering its every activity first cost more than the month it is filtered to (0.4 s for a month
            // at 200,000 activities; this, 3 ms).
            conditions.add(
                """
                EXISTS (SELECT 1 FROM activity_organization ao JOIN organization o ON o.id = ao.organization_id
                    WHERE ao.activity_id = a.id AND o.region = ?
                    UNION ALL SELECT 1 FROM organization o WHERE o.id = a.place_organization_id AND o.region = ?)
                """, .text(region), .text(region))
        }
        if let staff = query.staffAccountId {
            // Per activity of the range by key: a member of staff takes part in thousands of activities over the
            // years, and gathering them all first cost more than the month (a staff month 20–120 ms → 4 ms).
            conditions.add(
                "EXISTS (SELECT 1 FROM activity_staff s WHERE s.activity_id = a.id AND s.account_id = ?)",
                .integer(staff))
        }
        if let mission = query.missionId {
            conditions.add("a.mission_id = ?", .integer(mission))
        }
        orderBy = query.newestFirst ? "a.starts_at DESC, a.id DESC" : "a.starts_at, a.id"
    }

    /// The values of the joins, then of the conditions, as they stand in the statement.
    public var binds: [SQLBind] { joins.binds + conditions.binds }
}
