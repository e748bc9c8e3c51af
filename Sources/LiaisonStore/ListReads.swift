import Foundation
import LiaisonCore

/// The directory, people and calendar lists, read the same way on both engines: the filters are shared
/// (`DirectoryFilter`, `PeopleFilter`, `ActivityFilter`, each with the engine's dialect), and so are the
/// statements and the decoding of their rows, read by position as the engine steps through them.
extension LiaisonStore {
    public func listOrganizations(_ query: OrganizationQuery) async throws -> OrganizationPage {
        try await reading { OrganizationPage.reading(query, dialect: $0) }
    }

    public func networks() async throws -> [OrganizationSummary] {
        try await fetch(
            SQLFragment(
                "SELECT \(OrganizationSummary.columns) FROM organization o WHERE o.kind = 'network' ORDER BY o.sort_key, o.id"
            ), OrganizationSummary.init(row:))
    }

    public func countries(ofOrganizations ids: [Int64]) async throws -> [Int64: String] {
        var countries: [Int64: String] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let statement = SQLFragment(
                "SELECT id, country FROM organization WHERE country IS NOT NULL AND id \(dialect.idsMatch(count: chunk.count))",
                [.integers(chunk)])
            for (id, country) in try await fetch(statement, { (try $0.integer(at: 0) ?? 0, try $0.text(at: 1) ?? "") })
            {
                countries[id] = country
            }
        }
        return countries
    }

    public func listPeople(_ query: PersonQuery) async throws -> PersonPage {
        try await reading { PersonPage.reading(query, dialect: $0) }
    }

    public func likelyDuplicates(of input: PersonInput, excluding: Int64?) async throws -> [PersonSummary] {
        let emails = input.channels.filter { $0.kind == .email }.map(\.matchKey)
        let organizationIds = input.positions.compactMap(\.organizationId)
        // The ways of matching are a UNION of ids, each through its index: an OR of them made PostgreSQL read
        // every person (2 s a check at a million people).
        var matches: [SQLFragment] = []
        if !emails.isEmpty {
            let marks = Array(repeating: "?", count: emails.count).joined(separator: ", ")
            matches.append(
                SQLFragment(
                    "SELECT person_id FROM person_channel WHERE kind = 'email' AND match_key IN (\(marks))",
                    emails.map { .text($0) }))
        }
        if !organizationIds.isEmpty, !input.sortKey.isEmpty {
            matches.append(
                SQLFragment(
                    """
                    SELECT q.id FROM person q JOIN person_position pp ON pp.person_id = q.id
                    WHERE q.sort_key = ? AND pp.organization_id \(dialect.idsMatch(count: organizationIds.count))
                    """, [.text(input.sortKey), .integers(organizationIds)]))
        }
        guard !matches.isEmpty else { return [] }
        return try await fetch(
            SQLFragment(
                """
                SELECT \(PersonSummary.columns) FROM person p \(dialect.personRowJoins)
                WHERE p.id IN (\(matches.map(\.sql).joined(separator: " UNION "))) AND p.id <> ?
                ORDER BY p.sort_key, p.id LIMIT 20
                """, matches.flatMap(\.binds) + [.integer(excluding ?? 0)]), PersonSummary.init(row:))
    }

    public func peopleAt(organizationId: Int64) async throws -> [PersonAtOrganization] {
        try await reading { _ in PersonAtOrganization.reading(organizationId: organizationId) }
    }

    /// One statement: a calendar page needs no snapshot.
    public func listActivities(_ query: ActivityQuery) async throws -> [ActivitySummary] {
        let statement = ActivitySummary.statement(query, dialect: dialect)
        return try await fetch(statement) { try ActivitySummary(row: $0, query: query) }
    }
}

extension PersonAtOrganization {
    /// Everyone who holds or held a position at the organization, current positions first.
    public static func reading(organizationId: Int64) -> SQLPlan<[PersonAtOrganization]> {
        SQLFragment(
            """
            SELECT p.id, p.display_name, p.native_name, pp.organization_id, o.name AS organization_name,
                pp.title, pp.department, pp.start_date, pp.end_date
            FROM person_position pp JOIN person p ON p.id = pp.person_id
            JOIN organization o ON o.id = pp.organization_id
            WHERE pp.organization_id = ?
            ORDER BY pp.end_date IS NOT NULL, pp.end_date DESC, p.sort_key, p.id LIMIT 500
            """, [.integer(organizationId)]
        ).rows { row in
            PersonAtOrganization(
                personId: try row.integer(at: 0) ?? 0, displayName: try row.text(at: 1) ?? "",
                nativeName: try row.text(at: 2),
                position: Position(
                    organizationId: try row.integer(at: 3), organizationName: try row.text(at: 4),
                    title: try row.text(at: 5) ?? "", department: try row.text(at: 6), startDate: try row.text(at: 7),
                    endDate: try row.text(at: 8)))
        }
    }
}

extension ActivitySummary {
    /// The statement of a calendar query: `columns`, then the filter's extra columns.
    public static func statement(_ query: ActivityQuery, dialect: any SQLDialect) -> SQLFragment {
        let filter = ActivityFilter(query, dialect: dialect)
        return SQLFragment(
            """
            SELECT \(columns)\(filter.extraColumns) FROM activity a
            LEFT JOIN organization po ON po.id = a.place_organization_id \(filter.joins.sql)
            \(filter.conditions.whereClause) ORDER BY \(filter.orderBy) LIMIT ? OFFSET ?
            """, filter.binds + [.integer(query.limit), .integer(query.offset)])
    }

    /// The activities `query` selects, as a plan for reading them with others at one moment.
    public static func listing(_ query: ActivityQuery, dialect: any SQLDialect) -> SQLPlan<[ActivitySummary]> {
        statement(query, dialect: dialect).rows { try ActivitySummary(row: $0, query: query) }
    }
}

extension OrganizationPage {
    /// The counts by status, then (when the page lies within them) the page's rows, on one snapshot.
    public static func reading(_ query: OrganizationQuery, dialect: any SQLDialect) -> SQLPlan<OrganizationPage> {
        let filter = DirectoryFilter(query: query, dialect: dialect)
        let forCounts = filter.conditions(includingStatus: false)
        // The whole directory's counts come from the dialect: SQLite keeps them, so as not to count them.
        let counting =
            forCounts.conditions.isEmpty && filter.from.isEmpty
            ? SQLFragment(dialect.organizationCountsByStatus)
            : SQLFragment(
                """
                SELECT o.membership_status AS status, count(*) AS n FROM organization o \(filter.from)
                \(forCounts.whereClause) GROUP BY o.membership_status
                """, forCounts.binds)
        return counting.rows { (try $0.text(at: 0) ?? "", Int(try $0.integer(at: 1) ?? 0)) }.then { rows in
            var counts: [MembershipStatus: Int] = [:]
            for (status, count) in rows {
                if let status = MembershipStatus(rawValue: status) { counts[status] = count }
            }
            let total = query.status.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
            guard query.offset <= OrganizationQuery.maxOffset, query.offset < total else {
                return .value(OrganizationPage(items: [], total: total, countsByStatus: counts))
            }
            let conditions = filter.conditions(includingStatus: true)
            let order = filter.orderBy
            return SQLFragment(
                """
                SELECT \(OrganizationSummary.columns) FROM organization o \(filter.from)
                \(conditions.whereClause) ORDER BY \(order.sql) LIMIT ? OFFSET ?
                """,
                conditions.binds + order.binds + [.integer(query.perPage), .integer(query.offset)]
            ).rows(OrganizationSummary.init(row:)).map {
                OrganizationPage(items: $0, total: total, countsByStatus: counts)
            }
        }
    }
}

extension PersonPage {
    /// The count (up to `PersonQuery.countLimit` and one more), then the page's rows, on one snapshot.
    public static func reading(_ query: PersonQuery, dialect: any SQLDialect) -> SQLPlan<PersonPage> {
        let filter = PeopleFilter(query: query, dialect: dialect)
        let conditions = filter.conditions
        let counting =
            conditions.conditions.isEmpty && filter.from.isEmpty
            ? SQLFragment(dialect.personCount(upTo: PersonQuery.countLimit))
            : SQLFragment(
                """
                SELECT count(*) FROM (
                    SELECT 1 FROM person p \(filter.from) \(conditions.whereClause) LIMIT \(PersonQuery.countLimit + 1)) counted
                """, conditions.binds)
        return counting.rows { Int(try $0.integer(at: 0) ?? 0) }.then { counted in
            let total = counted.first ?? 0
            guard mayHaveRows(query, counted: total) else { return .value(PersonPage(items: [], total: total)) }
            return SQLFragment(
                """
                SELECT \(PersonSummary.columns) FROM person p \(filter.from) \(dialect.personRowJoins)
                \(conditions.whereClause) ORDER BY \(filter.orderBy.sql) LIMIT ? OFFSET ?
                """,
                conditions.binds + filter.orderBy.binds + [.integer(query.perPage), .integer(query.offset)]
            ).rows(PersonSummary.init(row:)).map { PersonPage(items: $0, total: total) }
        }
    }
}

extension OrganizationSummary {
    /// A row of `columns`, by position.
    public init(row: any SQLRow) throws {
        self.init(
            id: try row.integer(at: 0) ?? 0, kind: OrganizationKind(rawValue: try row.text(at: 1) ?? "") ?? .city,
            name: try row.text(at: 2) ?? "", nativeName: try row.text(at: 3), country: try row.text(at: 4),
            region: try row.text(at: 5), population: try row.integer(at: 6).map(Int.init),
            membershipStatus: MembershipStatus(rawValue: try row.text(at: 7) ?? "") ?? .none,
            memberSince: try row.integer(at: 8).map(Int.init), paying: try row.bool(at: 9) ?? false,
            focalPoint: try row.text(at: 10), updatedAt: try row.date(at: 11) ?? Date(timeIntervalSince1970: 0))
    }
}

extension PersonSummary {
    /// A row of `columns`, by position.
    public init(row: any SQLRow) throws {
        let channel = try row.text(at: 9).flatMap(ChannelKind.init(rawValue:)).map {
            Channel(
                kind: $0, value: try row.text(at: 10) ?? "", label: try row.text(at: 11),
                preferred: try row.bool(at: 12) ?? false)
        }
        self.init(
            id: try row.integer(at: 0) ?? 0, displayName: try row.text(at: 1) ?? "", nativeName: try row.text(at: 2),
            role: PersonRole(rawValue: try row.text(at: 3) ?? "") ?? .none, title: try row.text(at: 5),
            organizationId: try row.integer(at: 6), organizationName: try row.text(at: 7), country: try row.text(at: 8),
            preferredChannel: channel, updatedAt: try row.date(at: 4) ?? Date(timeIntervalSince1970: 0))
    }
}

extension ActivitySummary {
    /// A row of `columns` and the filter's extra columns (how the query's organization, then its person, took
    /// part), by position.
    public init(row: any SQLRow, query: ActivityQuery) throws {
        self.init(
            id: try row.integer(at: 0) ?? 0, kind: ActivityKind(rawValue: try row.text(at: 1) ?? "") ?? .event,
            title: try row.text(at: 2) ?? "", allDay: try row.bool(at: 3) ?? false, start: try row.text(at: 4) ?? "",
            end: try row.text(at: 5) ?? "", timeZone: try row.text(at: 6) ?? "",
            startsAt: try row.date(at: 7) ?? Date(timeIntervalSince1970: 0),
            endsAt: try row.date(at: 8) ?? Date(timeIntervalSince1970: 0), placeOrganizationId: try row.integer(at: 9),
            placeName: try row.text(at: 10), venue: try row.text(at: 11),
            visibility: ActivityVisibility(rawValue: try row.text(at: 12) ?? "") ?? .internal,
            missionId: try row.integer(at: 13))
        var next = 14
        if let organizationId = query.organizationId {
            if let mode = try row.text(at: next) {
                participation = ActivityOrganization(
                    organizationId: organizationId, mode: AttendanceMode(rawValue: mode) ?? .inPerson,
                    status: ParticipationStatus(rawValue: try row.text(at: next + 1) ?? "") ?? .invited,
                    organizer: try row.bool(at: next + 2) ?? false)
            }
            next += 3
        }
        if let personId = query.personId, let role = try row.text(at: next) {
            delegate = ActivityPerson(
                personId: personId, organizationId: try row.integer(at: next + 2),
                role: DelegateRole(rawValue: role) ?? .member, inPerson: try row.bool(at: next + 1) ?? true)
        }
    }
}

/// An activity as a menu names it: its title and when it happens in its own zone, and nothing else.
public struct ActivityChoice: Sendable, Hashable {
    public var id: Int64
    public var title: String
    public var allDay: Bool
    public var start: String
    public var end: String
    public var timeZone: String
    public var startsAt: Date
    public var endsAt: Date
}

extension LiaisonStore {
    /// At most `limit` activities going on at `from` or after it, by start, as a menu offers them.
    public func activityChoices(from: Date, limit: Int) async throws -> [ActivityChoice] {
        try await reading { ActivityChoice.reading(from: from, limit: limit, dialect: $0) }
    }
}

extension ActivityChoice {
    /// At most `limit` activities going on at `from` or after it, by start: the directory names them on every
    /// page it shows an editor, so only what names them is read.
    public static func reading(from: Date, limit: Int, dialect: any SQLDialect) -> SQLPlan<[ActivityChoice]> {
        let filter = ActivityFilter(ActivityQuery(from: from, limit: limit), dialect: dialect)
        return SQLFragment(
            """
            SELECT a.id, a.title, a.all_day, a.start_local, a.end_local, a.time_zone, a.starts_at, a.ends_at
            FROM activity a \(filter.conditions.whereClause) ORDER BY \(filter.orderBy) LIMIT ?
            """, filter.binds + [.integer(limit)]
        ).rows { row in
            ActivityChoice(
                id: try row.integer(at: 0) ?? 0, title: try row.text(at: 1) ?? "", allDay: try row.bool(at: 2) ?? false,
                start: try row.text(at: 3) ?? "", end: try row.text(at: 4) ?? "", timeZone: try row.text(at: 5) ?? "",
                startsAt: try row.date(at: 6) ?? Date(timeIntervalSince1970: 0),
                endsAt: try row.date(at: 7) ?? Date(timeIntervalSince1970: 0))
        }
    }
}
