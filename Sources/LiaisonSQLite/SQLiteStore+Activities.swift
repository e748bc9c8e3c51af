import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func listActivities(_ query: ActivityQuery) async throws -> [ActivitySummary] {
        try await read { db in
            let filter = ActivityFilter(query, dialect: SQLiteDialect())
            return try Row.fetchAllCached(
                db,
                sql: """
                    SELECT \(ActivitySummary.columns)\(filter.extraColumns) FROM activity a
                    LEFT JOIN organization po ON po.id = a.place_organization_id \(filter.joins.sql)
                    \(filter.conditions.whereClause) ORDER BY \(filter.orderBy) LIMIT ? OFFSET ?
                    """,
                arguments: StatementArguments(filter.binds) + [query.limit, query.offset]
            ).map { ActivitySummary(row: $0, query: query) }
        }
    }

    public func activity(id: Int64) async throws -> Activity? {
        try await read { db in try Self.loadActivities(db, ids: [id]).first }
    }

    public func activities(ids: [Int64]) async throws -> [Activity] {
        try await read { db in
            try stride(from: 0, to: ids.count, by: 500).flatMap {
                try Self.loadActivities(db, ids: Array(ids[$0..<min($0 + 500, ids.count)]))
            }
        }
    }

    public func createActivity(_ input: ActivityInput, by actor: AuditActor) async throws -> Activity {
        try await write { db in
            let checked = try Self.checkActivity(db, id: nil, input)
            let now = Self.now()
            try db.executeCached(
                sql: """
                    INSERT INTO activity (\(ActivityRow.columns), version, created_at, updated_at)
                    VALUES (\(databaseQuestionMarks(count: ActivityRow.columnNames.count)), 1, ?, ?)
                    """,
                arguments: Self.activityArguments(input, checked) + [now, now])
            let id = db.lastInsertedRowID
            try Self.saveActivityChildren(db, id: id, input, names: checked.names)
            let created = try Self.loadActivities(db, ids: [id])[0]
            try Self.appendAudit(db, .activity(.create, created, from: nil, to: created.input, by: actor))
            return created
        }
    }

    public func updateActivity(id: Int64, expectedVersion: Int, _ input: ActivityInput, by actor: AuditActor)
        async throws -> Activity
    {
        try await write { db in
            guard let before = try Self.loadActivities(db, ids: [id]).first else {
                throw StoreError.notFound(entity: .activity, id: id)
            }
            guard before.version == expectedVersion else {
                throw StoreError.versionConflict(entity: .activity, id: id, currentVersion: before.version)
            }
            let checked = try Self.checkActivity(db, id: id, input)
            try db.executeCached(
                sql: "UPDATE activity SET \(ActivityRow.assignments), version = ?, updated_at = ? WHERE id = ?",
                arguments: Self.activityArguments(input, checked)
                    + [before.version + 1, Self.now(), id])
            for table in ["activity_organization", "activity_person", "activity_staff"] {
                try db.executeCached(sql: "DELETE FROM \(table) WHERE activity_id = ?", arguments: [id])
            }
            try Self.saveActivityChildren(db, id: id, input, names: checked.names)
            let after = try Self.loadActivities(db, ids: [id])[0]
            try Self.appendAudit(db, .activity(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deleteActivity(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await write { db in
            guard let before = try Self.loadActivities(db, ids: [id]).first else {
                throw StoreError.notFound(entity: .activity, id: id)
            }
            if let expectedVersion, expectedVersion != before.version {
                throw StoreError.versionConflict(entity: .activity, id: id, currentVersion: before.version)
            }
            try db.executeCached(sql: "DELETE FROM activity WHERE id = ?", arguments: [id])
            try Self.appendAudit(db, .activity(.delete, before, from: before.input, to: nil, by: actor))
        }
    }

    // MARK: Calendar feeds

    public func createCalendarFeed(
        accountId: Int64, scope: CalendarFeedScope, tokenHash: String, by actor: AuditActor
    ) async throws -> CalendarFeed {
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE id = ?", arguments: [accountId]) != nil else {
                throw StoreError.notFound(entity: .account, id: accountId)
            }
            let now = Self.now()
            try db.execute(
                sql: "INSERT INTO calendar_feed (account_id, scope, token_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [accountId, scope.rawValue, tokenHash, now])
            let feed = CalendarFeed(
                id: db.lastInsertedRowID, accountId: accountId, scope: scope, createdAt: now, revokedAt: nil)
            try Self.appendAudit(
                db,
                AuditEvent(
                    actor: actor, action: .accountChange, entity: .calendarFeed, entityId: feed.id,
                    summary: "Calendar feed (\(scope.rawValue)) created"))
            return feed
        }
    }

    public func calendarFeeds(accountId: Int64) async throws -> [CalendarFeed] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM calendar_feed WHERE account_id = ? ORDER BY created_at DESC, id DESC",
                arguments: [accountId]
            ).map(CalendarFeed.init(row:))
        }
    }

    public func calendarFeed(tokenHash: String) async throws -> (feed: CalendarFeed, account: StaffAccount)? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT * FROM calendar_feed WHERE token_hash = ? AND revoked_at IS NULL"),
                    arguments: [tokenHash])
            else { return nil }
            let feed = CalendarFeed(row: row)
            guard let account = try Self.loadAccount(db, id: feed.accountId), !account.disabled else { return nil }
            return (feed, account)
        }
    }

    public func revokeCalendarFeed(id: Int64, accountId: Int64, by actor: AuditActor) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE calendar_feed SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND account_id = ?
                    """,
                arguments: [Self.now(), id, accountId])
            guard db.changesCount > 0 else { throw StoreError.notFound(entity: .calendarFeed, id: id) }
            try Self.appendAudit(
                db,
                AuditEvent(
                    actor: actor, action: .accountChange, entity: .calendarFeed, entityId: id,
                    summary: "Calendar feed revoked"))
        }
    }
}

// MARK: - Inside a transaction

extension SQLiteStore {
    static func activityArguments(_ input: ActivityInput, _ checked: CheckedActivity) -> StatementArguments {
        StatementArguments(ActivityRow.values(input, checked))
    }

    /// Works out the instants and refuses references to records that do not exist.
    static func checkActivity(_ db: Database, id: Int64?, _ input: ActivityInput) throws -> CheckedActivity {
        let interval = try input.interval().get()
        var names = ActivityNames()
        let organizationIds = Array(input.referencedOrganizationIds)
        if !organizationIds.isEmpty {
            for row in try Row.fetchAllCached(
                db,
                sql:
                    "SELECT id, name FROM organization WHERE id IN (\(databaseQuestionMarks(count: organizationIds.count)))",
                arguments: StatementArguments(organizationIds))
            {
                names.organizations[row[0]] = row[1]
            }
        }
        let personIds = Array(input.referencedPersonIds)
        if !personIds.isEmpty {
            for row in try Row.fetchAllCached(
                db,
                sql:
                    "SELECT id, display_name FROM person WHERE id IN (\(databaseQuestionMarks(count: personIds.count)))",
                arguments: StatementArguments(personIds))
            {
                names.people[row[0]] = row[1]
            }
        }
        let accountIds =
            input.staffAccountIds.isEmpty
            ? []
            : try Set(
                Int64.fetchAll(
                    db,
                    sql:
                        "SELECT id FROM account WHERE id IN (\(databaseQuestionMarks(count: input.staffAccountIds.count)))",
                    arguments: StatementArguments(input.staffAccountIds)))
        let missionKind = try input.missionId.flatMap {
            try String.fetchOne(db, sql: "SELECT kind FROM activity WHERE id = ?", arguments: [$0])
        }.flatMap(ActivityKind.init(rawValue:))
        let errors = input.referenceErrors(
            of: id, missionKind: missionKind, organizationIds: Set(names.organizations.keys),
            personIds: Set(names.people.keys), accountIds: accountIds)
        if !errors.isEmpty { throw ValidationError(errors) }
        return CheckedActivity(interval: interval, names: names)
    }

    static func saveActivityChildren(_ db: Database, id: Int64, _ input: ActivityInput, names: ActivityNames) throws {
        for (index, organization) in input.organizations.enumerated() {
            try db.executeCached(
                sql: """
                    INSERT INTO activity_organization (activity_id, position, organization_id, organization_name, mode,
                        status, organizer) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, index, organization.organizationId, names.name(of: organization), organization.mode.rawValue,
                    organization.status.rawValue, organization.organizer,
                ])
        }
        for (index, person) in input.people.enumerated() {
            try db.executeCached(
                sql: """
                    INSERT INTO activity_person (activity_id, position, person_id, person_name, organization_id, role,
                        in_person) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, index, person.personId, names.name(of: person), person.organizationId, person.role.rawValue,
                    person.inPerson,
                ])
        }
        for (index, accountId) in input.staffAccountIds.enumerated() {
            try db.executeCached(
                sql: "INSERT INTO activity_staff (activity_id, position, account_id) VALUES (?, ?, ?)",
                arguments: [id, index, accountId])
        }
    }

    /// The activities with these ids in the order given, with one query per table however many they are.
    static func loadActivities(_ db: Database, ids: [Int64]) throws -> [Activity] {
        guard !ids.isEmpty else { return [] }
        let marks = databaseQuestionMarks(count: ids.count)
        let arguments = StatementArguments(ids)
        var organizations: [Int64: [ActivityOrganization]] = [:]
        for row in try Row.fetchAllCached(
            db,
            sql: """
                SELECT ao.activity_id, ao.organization_id, coalesce(o.name, ao.organization_name), ao.mode, ao.status,
                    ao.organizer
                FROM activity_organization ao LEFT JOIN organization o ON o.id = ao.organization_id
                WHERE ao.activity_id IN (\(marks)) ORDER BY ao.activity_id, ao.position
                """,
            arguments: arguments)
        {
            organizations[row[0], default: []].append(
                ActivityOrganization(
                    organizationId: row[1], organizationName: row[2],
                    mode: AttendanceMode(rawValue: row[3]) ?? .inPerson,
                    status: ParticipationStatus(rawValue: row[4]) ?? .invited, organizer: row[5]))
        }
        var people: [Int64: [ActivityPerson]] = [:]
        for row in try Row.fetchAllCached(
            db,
            sql: """
                SELECT ap.activity_id, ap.person_id, coalesce(p.display_name, ap.person_name), ap.organization_id,
                    ap.role, ap.in_person
                FROM activity_person ap LEFT JOIN person p ON p.id = ap.person_id
                WHERE ap.activity_id IN (\(marks)) ORDER BY ap.activity_id, ap.position
                """,
            arguments: arguments)
        {
            people[row[0], default: []].append(
                ActivityPerson(
                    personId: row[1], personName: row[2], organizationId: row[3],
                    role: DelegateRole(rawValue: row[4]) ?? .member, inPerson: row[5]))
        }
        var staff: [Int64: [StaffContact]] = [:]
        for row in try Row.fetchAllCached(
            db,
            sql: """
                SELECT s.activity_id, a.id, a.name, a.email FROM activity_staff s JOIN account a ON a.id = s.account_id
                WHERE s.activity_id IN (\(marks)) ORDER BY s.activity_id, s.position
                """,
            arguments: arguments)
        {
            staff[row[0], default: []].append(StaffContact(id: row[1], name: row[2], email: row[3]))
        }
        var activities: [Int64: Activity] = [:]
        for row in try Row.fetchAllCached(
            db,
            sql: """
                SELECT a.*, coalesce(po.name, a.place_name) AS place_label, m.title AS mission_title FROM activity a
                LEFT JOIN organization po ON po.id = a.place_organization_id
                LEFT JOIN activity m ON m.id = a.mission_id
                WHERE a.id IN (\(marks))
                """,
            arguments: arguments)
        {
            let id: Int64 = row["id"]
            let contacts = staff[id] ?? []
            let input = ActivityInput(
                kind: ActivityKind(rawValue: row["kind"]) ?? .event, title: row["title"], summary: row["summary"],
                missionId: row["mission_id"], allDay: row["all_day"], start: row["start_local"], end: row["end_local"],
                timeZone: row["time_zone"], placeOrganizationId: row["place_organization_id"],
                placeName: row["place_label"], venue: row["venue"],
                visibility: ActivityVisibility(rawValue: row["visibility"]) ?? .internal,
                staffAccountIds: contacts.map(\.id), organizations: organizations[id] ?? [], people: people[id] ?? [])
            activities[id] = Activity(
                id: id, input: input, startsAt: row["starts_at"], endsAt: row["ends_at"], staff: contacts,
                missionTitle: row["mission_title"], version: row["version"], createdAt: row["created_at"],
                updatedAt: row["updated_at"])
        }
        return ids.compactMap { activities[$0] }
    }
}
