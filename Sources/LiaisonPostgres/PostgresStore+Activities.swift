import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public func listActivities(_ query: ActivityQuery) async throws -> [ActivitySummary] {
        try await read { db in
            let filter = ActivityFilter(query, dialect: PostgresDialect())
            return try await db.rows(
                """
                SELECT \(ActivityRows.summaryColumns)\(filter.extraColumns) FROM activity a
                LEFT JOIN organization po ON po.id = a.place_organization_id \(filter.joins.sql)
                \(filter.conditions.whereClause) ORDER BY \(filter.orderBy) LIMIT ? OFFSET ?
                """, filter.binds + [query.limit, query.offset]
            ).map { try ActivityRows.summary(row: $0, query: query) }
        }
    }

    public func activity(id: Int64) async throws -> Activity? {
        try await snapshot { db in try await Self.loadActivities(db, ids: [id]).first }
    }

    public func activities(ids: [Int64]) async throws -> [Activity] {
        try await snapshot { db in try await Self.loadActivities(db, ids: ids) }
    }

    public func createActivity(_ input: ActivityInput, by actor: AuditActor) async throws -> Activity {
        try await write { db in
            let checked = try await Self.checkActivity(db, id: nil, input)
            let now = Self.now()
            let id = try await db.value(
                Int64.self,
                """
                INSERT INTO activity (\(ActivityRow.columns), version, created_at, updated_at)
                VALUES (\(questionMarks(ActivityRow.columnNames.count)), 1, ?, ?) RETURNING id
                """, Self.activityValues(input, checked) + [now, now])!
            try await Self.saveActivityChildren(db, id: id, input, names: checked.names)
            let created = try await Self.loadActivities(db, ids: [id]).first!
            try await Self.appendAudit(db, .activity(.create, created, from: nil, to: created.input, by: actor))
            return created
        }
    }

    public func updateActivity(id: Int64, expectedVersion: Int, _ input: ActivityInput, by actor: AuditActor)
        async throws -> Activity
    {
        try await write { db in
            let before = try await Self.lockActivity(db, id: id, expectedVersion: expectedVersion)
            let checked = try await Self.checkActivity(db, id: id, input)
            try await db.execute(
                "UPDATE activity SET \(ActivityRow.assignments), version = ?, updated_at = ? WHERE id = ?",
                Self.activityValues(input, checked) + [before.version + 1, Self.now(), id])
            for table in ["activity_organization", "activity_person", "activity_staff"] {
                try await db.execute("DELETE FROM \(table) WHERE activity_id = ?", id)
            }
            try await Self.saveActivityChildren(db, id: id, input, names: checked.names)
            let after = try await Self.loadActivities(db, ids: [id]).first!
            try await Self.appendAudit(db, .activity(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deleteActivity(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await write { db in
            let before = try await Self.lockActivity(db, id: id, expectedVersion: expectedVersion)
            try await db.execute("DELETE FROM activity WHERE id = ?", id)
            try await Self.appendAudit(db, .activity(.delete, before, from: before.input, to: nil, by: actor))
        }
    }

    // MARK: Calendar feeds

    public func createCalendarFeed(
        accountId: Int64, scope: CalendarFeedScope, tokenHash: String, by actor: AuditActor
    ) async throws -> CalendarFeed {
        try await write { db in
            guard try await db.value(Int64.self, "SELECT id FROM account WHERE id = ?", accountId) != nil else {
                throw StoreError.notFound(entity: .account, id: accountId)
            }
            let now = Self.now()
            let id = try await db.value(
                Int64.self,
                "INSERT INTO calendar_feed (account_id, scope, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                accountId, scope.rawValue, tokenHash, now)!
            try await Self.appendAudit(
                db,
                AuditEvent(
                    actor: actor, action: .accountChange, entity: .calendarFeed, entityId: id,
                    summary: "Calendar feed (\(scope.rawValue)) created"))
            return CalendarFeed(id: id, accountId: accountId, scope: scope, createdAt: now, revokedAt: nil)
        }
    }

    public func calendarFeeds(accountId: Int64) async throws -> [CalendarFeed] {
        try await read { db in
            try await db.rows(
                "SELECT * FROM calendar_feed WHERE account_id = ? ORDER BY created_at DESC, id DESC", accountId
            ).map { try ActivityRows.feed(row: $0, id: "id", createdAt: "created_at") }
        }
    }

    public func calendarFeed(tokenHash: String) async throws -> (feed: CalendarFeed, account: StaffAccount)? {
        try await read { db in
            guard
                let row = try await db.row(
                    """
                    SELECT f.id AS feed_id, f.account_id, f.scope, f.created_at AS feed_created_at, f.revoked_at, a.*
                    FROM calendar_feed f JOIN account a ON a.id = f.account_id
                    WHERE f.token_hash = ? AND f.revoked_at IS NULL AND NOT a.disabled
                    """, tokenHash)
            else { return nil }
            let account = try Self.account(row: row)
            return (try ActivityRows.feed(row: row, id: "feed_id", createdAt: "feed_created_at"), account)
        }
    }

    public func revokeCalendarFeed(id: Int64, accountId: Int64, by actor: AuditActor) async throws {
        try await write { db in
            let revoked = try await db.rows(
                """
                UPDATE calendar_feed SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND account_id = ?
                RETURNING id
                """, Self.now(), id, accountId)
            guard !revoked.isEmpty else { throw StoreError.notFound(entity: .calendarFeed, id: id) }
            try await Self.appendAudit(
                db,
                AuditEvent(
                    actor: actor, action: .accountChange, entity: .calendarFeed, entityId: id,
                    summary: "Calendar feed revoked"))
        }
    }
}

// MARK: - Inside a transaction

extension PostgresStore {
    static func activityValues(_ input: ActivityInput, _ checked: CheckedActivity) -> [any SQLValue] {
        ActivityRow.values(input, checked).map { $0 as any SQLValue }
    }

    /// The activity as stored, with its row locked until the transaction ends; refuses a stale version.
    static func lockActivity(_ db: Connection, id: Int64, expectedVersion: Int?) async throws -> Activity {
        guard let version = try await db.value(Int.self, "SELECT version FROM activity WHERE id = ? FOR UPDATE", id),
            let activity = try await loadActivities(db, ids: [id]).first
        else {
            throw StoreError.notFound(entity: .activity, id: id)
        }
        if let expectedVersion, expectedVersion != version {
            throw StoreError.versionConflict(entity: .activity, id: id, currentVersion: version)
        }
        return activity
    }

    /// Works out the instants and refuses references to records that do not exist.
    static func checkActivity(_ db: Connection, id: Int64?, _ input: ActivityInput) async throws -> CheckedActivity {
        let interval = try input.interval().get()
        var names = ActivityNames()
        let organizationIds = Array(input.referencedOrganizationIds)
        if !organizationIds.isEmpty {
            for row in try await db.rows("SELECT id, name FROM organization WHERE id = ANY(?)", organizationIds) {
                names.organizations[try row["id"]] = try row["name"]
            }
        }
        let personIds = Array(input.referencedPersonIds)
        if !personIds.isEmpty {
            for row in try await db.rows("SELECT id, display_name FROM person WHERE id = ANY(?)", personIds) {
                names.people[try row["id"]] = try row["display_name"]
            }
        }
        let accountIds =
            input.staffAccountIds.isEmpty
            ? []
            : Set(
                try await db.rows("SELECT id FROM account WHERE id = ANY(?)", input.staffAccountIds)
                    .map { try $0["id"] as Int64 })
        // The mission is locked against deletion until the transaction ends, as the reference to it is
        // checked only at commit (deferred for copies).
        let missionKind = try await input.missionId.asyncMap {
            try await db.value(String.self, "SELECT kind FROM activity WHERE id = ? FOR KEY SHARE", $0)
        }.flatMap { $0 }.flatMap(ActivityKind.init(rawValue:))
        let errors = input.referenceErrors(
            of: id, missionKind: missionKind, organizationIds: Set(names.organizations.keys),
            personIds: Set(names.people.keys), accountIds: accountIds)
        if !errors.isEmpty { throw ValidationError(errors) }
        return CheckedActivity(interval: interval, names: names)
    }

    static func saveActivityChildren(_ db: Connection, id: Int64, _ input: ActivityInput, names: ActivityNames)
        async throws
    {
        for (index, organization) in input.organizations.enumerated() {
            try await db.execute(
                """
                INSERT INTO activity_organization (activity_id, position, organization_id, organization_name, mode,
                    status, organizer) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, id, index, organization.organizationId, names.name(of: organization),
                organization.mode.rawValue, organization.status.rawValue, organization.organizer)
        }
        for (index, person) in input.people.enumerated() {
            try await db.execute(
                """
                INSERT INTO activity_person (activity_id, position, person_id, person_name, organization_id, role,
                    in_person) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, id, index, person.personId, names.name(of: person), person.organizationId, person.role.rawValue,
                person.inPerson)
        }
        for (index, accountId) in input.staffAccountIds.enumerated() {
            try await db.execute(
                "INSERT INTO activity_staff (activity_id, position, account_id) VALUES (?, ?, ?)", id, index, accountId)
        }
    }

    /// The activities with these ids in the order given, read with one query per table however many they are.
    static func loadActivities(_ db: Connection, ids: [Int64]) async throws -> [Activity] {
        guard !ids.isEmpty else { return [] }
        var organizations: [Int64: [ActivityOrganization]] = [:]
        for row in try await db.rows(
            """
            SELECT ao.activity_id, ao.organization_id, coalesce(o.name, ao.organization_name) AS organization_name,
                ao.mode, ao.status, ao.organizer
            FROM activity_organization ao LEFT JOIN organization o ON o.id = ao.organization_id
            WHERE ao.activity_id = ANY(?) ORDER BY ao.activity_id, ao.position
            """, ids)
        {
            organizations[try row["activity_id"], default: []].append(try ActivityRows.organization(row: row))
        }
        var people: [Int64: [ActivityPerson]] = [:]
        for row in try await db.rows(
            """
            SELECT ap.activity_id, ap.person_id, coalesce(p.display_name, ap.person_name) AS person_name,
                ap.organization_id, ap.role, ap.in_person
            FROM activity_person ap LEFT JOIN person p ON p.id = ap.person_id
            WHERE ap.activity_id = ANY(?) ORDER BY ap.activity_id, ap.position
            """, ids)
        {
            people[try row["activity_id"], default: []].append(try ActivityRows.person(row: row))
        }
        var staff: [Int64: [StaffContact]] = [:]
        for row in try await db.rows(
            """
            SELECT s.activity_id, a.id, a.name, a.email FROM activity_staff s JOIN account a ON a.id = s.account_id
            WHERE s.activity_id = ANY(?) ORDER BY s.activity_id, s.position
            """, ids)
        {
            staff[try row["activity_id"], default: []].append(
                StaffContact(id: try row["id"], name: try row["name"], email: try row["email"]))
        }
        var activities: [Int64: Activity] = [:]
        for row in try await db.rows(
            """
            SELECT a.*, coalesce(po.name, a.place_name) AS place_label, m.title AS mission_title FROM activity a
            LEFT JOIN organization po ON po.id = a.place_organization_id
            LEFT JOIN activity m ON m.id = a.mission_id
            WHERE a.id = ANY(?)
            """, ids)
        {
            let id: Int64 = try row["id"]
            activities[id] = try ActivityRows.activity(
                row: row, staff: staff[id] ?? [], organizations: organizations[id] ?? [], people: people[id] ?? [])
        }
        return ids.compactMap { activities[$0] }
    }
}
