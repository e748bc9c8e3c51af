import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func listPeople(_ query: PersonQuery) async throws -> PersonPage {
        try await read { db in
            let filter = PeopleFilter(query: query, dialect: SQLiteDialect())
            let conditions = filter.conditions
            let total =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (
                            SELECT 1 FROM person p \(filter.from) \(conditions.whereClause) LIMIT \(PersonQuery.countLimit + 1))
                        """,
                    arguments: StatementArguments(conditions.binds)) ?? 0
            guard PersonPage.mayHaveRows(query, counted: total) else {
                return PersonPage(items: [], total: total)
            }
            let items = try Row.fetchAllCached(
                db,
                sql: """
                    SELECT \(PersonSummary.columns) FROM person p \(filter.from) \(PersonSummary.joins)
                    \(conditions.whereClause) ORDER BY \(filter.orderBy.sql) LIMIT ? OFFSET ?
                    """,
                arguments: StatementArguments(conditions.binds + filter.orderBy.binds) + [query.perPage, query.offset]
            ).map(PersonSummary.init(row:))
            return PersonPage(items: items, total: total)
        }
    }

    public func person(id: Int64) async throws -> Person? {
        try await read { db in try Self.loadPerson(db, id: id) }
    }

    public func people(ids: [Int64]) async throws -> [Person] {
        // Pages ask for at most a few hundred at a time; chunks keep each statement's arguments bounded.
        try await read { db in
            try stride(from: 0, to: ids.count, by: 500).flatMap {
                try Self.loadPeople(db, ids: Array(ids[$0..<min($0 + 500, ids.count)]))
            }
        }
    }

    public func createPerson(_ input: PersonInput, by actor: AuditActor) async throws -> Person {
        try await write { db in try Self.insertPerson(db, input, by: actor) }
    }

    public func createPeople(_ inputs: [PersonInput], by actor: AuditActor) async throws -> [Int64] {
        try await write { db in
            try db.withBatchWrite { try BatchRowError.each(inputs) { try Self.insertPerson(db, $0, by: actor).id } }
        }
    }

    private static func insertPerson(_ db: Database, _ input: PersonInput, by actor: AuditActor) throws -> Person {
        let names = try checkPersonReferences(db, input)
        let now = now()
        try db.executeCached(
            sql:
                "INSERT INTO person (\(personColumns), version, created_at, updated_at) VALUES (\(databaseQuestionMarks(count: 15)), 1, ?, ?)",
            arguments: personArguments(input) + [now, now])
        let id = db.lastInsertedRowID
        try savePersonChildren(db, id: id, input, organizationNames: names)
        let created = try loadPerson(db, id: id)!
        try appendAudit(db, .person(.create, created, from: nil, to: created.input, by: actor))
        return created
    }

    public func updatePerson(id: Int64, expectedVersion: Int, _ input: PersonInput, by actor: AuditActor)
        async throws -> Person
    {
        try await write { db in
            guard let before = try Self.loadPerson(db, id: id) else {
                throw StoreError.notFound(entity: .person, id: id)
            }
            guard before.version == expectedVersion else {
                throw StoreError.versionConflict(entity: .person, id: id, currentVersion: before.version)
            }
            let names = try Self.checkPersonReferences(db, input)
            try Self.replacePerson(db, id: id, version: before.version + 1, input, organizationNames: names)
            let after = try Self.loadPerson(db, id: id)!
            try Self.appendAudit(db, .person(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deletePerson(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await write { db in
            guard let before = try Self.loadPerson(db, id: id) else {
                throw StoreError.notFound(entity: .person, id: id)
            }
            if let expectedVersion, expectedVersion != before.version {
                throw StoreError.versionConflict(entity: .person, id: id, currentVersion: before.version)
            }
            try db.executeCached(sql: "DELETE FROM person WHERE id = ?", arguments: [id])
            try Self.appendAudit(db, .person(.delete, before, from: before.input, to: nil, by: actor))
        }
    }

    public func likelyDuplicates(of input: PersonInput, excluding: Int64?) async throws -> [PersonSummary] {
        try await read { db in
            let emails = input.channels.filter { $0.kind == .email }.map(\.matchKey)
            let organizationIds = input.positions.compactMap(\.organizationId)
            // The ways of matching are a UNION of ids, each through its index (as on PostgreSQL, where an OR
            // of them read every person).
            var matches: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if !emails.isEmpty {
                matches.append(
                    "SELECT person_id FROM person_channel WHERE kind = 'email' AND match_key IN (\(databaseQuestionMarks(count: emails.count)))"
                )
                arguments += emails
            }
            if !organizationIds.isEmpty, !input.sortKey.isEmpty {
                matches.append(
                    """
                    SELECT q.id FROM person q JOIN person_position pp ON pp.person_id = q.id
                    WHERE q.sort_key = ? AND pp.organization_id IN (\(databaseQuestionMarks(count: organizationIds.count)))
                    """)
                arguments.append(input.sortKey)
                arguments += organizationIds
            }
            guard !matches.isEmpty else { return [] }
            arguments.append(excluding ?? 0)
            return try Row.fetchAllCached(
                db,
                sql: """
                    SELECT \(PersonSummary.columns) FROM person p \(PersonSummary.joins)
                    WHERE p.id IN (\(matches.joined(separator: " UNION "))) AND p.id <> ? ORDER BY p.sort_key, p.id LIMIT 20
                    """,
                arguments: StatementArguments(arguments)
            ).map(PersonSummary.init(row:))
        }
    }

    public func peopleAt(organizationId: Int64) async throws -> [PersonAtOrganization] {
        try await read { db in
            try Row.fetchAllCached(
                db,
                sql: """
                    SELECT p.id, p.display_name, p.native_name, pp.organization_id, o.name AS organization_name,
                        pp.title, pp.department, pp.start_date, pp.end_date
                    FROM person_position pp JOIN person p ON p.id = pp.person_id
                    JOIN organization o ON o.id = pp.organization_id
                    WHERE pp.organization_id = ?
                    ORDER BY pp.end_date IS NOT NULL, pp.end_date DESC, p.sort_key, p.id LIMIT 500
                    """,
                arguments: [organizationId]
            ).map { row in
                PersonAtOrganization(
                    personId: row["id"], displayName: row["display_name"], nativeName: row["native_name"],
                    position: Self.position(row))
            }
        }
    }

    public func searchCandidates(terms: [String], exactKey: String, limit: Int) async throws -> [SearchCandidate] {
        try await read { db in
            let match = terms.map { "\"\($0)\"*" }.joined(separator: " ")
            // Cached statements: the search box is the busiest read, and preparing costs more than running.
            let organizations = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT o.id, o.name, o.native_name, o.aliases, o.search_text, o.country, o.membership_status
                        FROM organization o WHERE o.id IN (
                            SELECT rowid FROM organization_fts WHERE organization_fts MATCH ? LIMIT ?)
                        UNION
                        SELECT o.id, o.name, o.native_name, o.aliases, o.search_text, o.country, o.membership_status
                        FROM organization o WHERE o.sort_key = ?
                        """),
                arguments: [match, limit, exactKey]
            ).map { row in
                // Columns by position: a lookup by name folds its case each time, on the busiest read.
                let aliases = (try? JSONDecoder().decode([String].self, from: Data((row[3] as String).utf8)))
                return SearchCandidate(
                    kind: .organization, id: row[0], name: row[1], nativeName: row[2], otherNames: aliases ?? [],
                    document: row[4], detail: (row[5] as String?).flatMap { Country.named(code: $0)?.name },
                    membershipStatus: MembershipStatus(rawValue: row[6]))
            }
            let people = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT p.id, p.display_name, p.native_name, p.given_name, p.family_name, p.search_text,
                            cp.title, co.name AS organization_name, co.membership_status
                        FROM person p \(PersonSummary.currentPositionJoin)
                        WHERE p.id IN (
                            SELECT * FROM (SELECT rowid FROM person_fts WHERE person_fts MATCH ? LIMIT ?)
                            UNION SELECT id FROM person WHERE sort_key = ?)
                        """),
                arguments: [match, limit, exactKey]
            ).map { row in
                let detail = [row[6] as String?, row[7] as String?].compactMap { $0 }
                return SearchCandidate(
                    kind: .person, id: row[0], name: row[1], nativeName: row[2],
                    otherNames: ["\(row[3] as String) \(row[4] as String)"], document: row[5],
                    detail: detail.isEmpty ? nil : detail.joined(separator: ", "),
                    membershipStatus: (row[8] as String?).flatMap(MembershipStatus.init(rawValue:)))
            }
            return organizations + people
        }
    }
}

// MARK: - Inside a transaction

extension SQLiteStore {
    static let personColumns =
        "given_name, family_name, name_order, native_name, honorific, role, notes, met_at, met_at_activity_id, "
        + "consent_note, "
        + "consent_date, display_name, search_text, sort_key, id"

    /// The values for `personColumns`, the id last (nil lets SQLite choose it).
    static func personArguments(_ input: PersonInput, id: Int64? = nil) -> StatementArguments {
        [
            input.givenName, input.familyName, input.nameOrder.rawValue, input.nativeName, input.honorific,
            input.role.rawValue, input.notes, input.metAt, input.metAtActivityId, input.consentNote,
            input.consentDate, input.displayName, input.searchDocument, input.sortKey, id,
        ]
    }

    static func replacePerson(
        _ db: Database, id: Int64, version: Int, _ input: PersonInput, organizationNames: [Int64: String]
    ) throws {
        try db.executeCached(
            sql: """
                UPDATE person SET given_name = ?, family_name = ?, name_order = ?, native_name = ?, honorific = ?,
                    role = ?, notes = ?, met_at = ?, met_at_activity_id = ?, consent_note = ?, consent_date = ?, display_name = ?,
                    search_text = ?, sort_key = ?, version = ?, updated_at = ?
                WHERE id = ?
                """,
            arguments: [
                input.givenName, input.familyName, input.nameOrder.rawValue, input.nativeName, input.honorific,
                input.role.rawValue, input.notes, input.metAt, input.metAtActivityId, input.consentNote,
                input.consentDate, input.displayName, input.searchDocument, input.sortKey, version, Self.now(), id,
            ])
        for table in ["person_language", "person_position", "person_channel"] {
            try db.executeCached(sql: "DELETE FROM \(table) WHERE person_id = ?", arguments: [id])
        }
        try savePersonChildren(db, id: id, input, organizationNames: organizationNames)
    }

    static func loadPerson(_ db: Database, id: Int64) throws -> Person? {
        try loadPeople(db, ids: [id]).first
    }

    /// The people with these ids in the order given, read with one query per table however many they are.
    static func loadPeople(_ db: Database, ids: [Int64]) throws -> [Person] {
        guard !ids.isEmpty else { return [] }
        let marks = databaseQuestionMarks(count: ids.count)
        let arguments = StatementArguments(ids)
        var languages: [Int64: [String]] = [:]
        for row in try Row.fetchAllCached(
            db,
            sql:
                "SELECT person_id, code FROM person_language WHERE person_id IN (\(marks)) ORDER BY person_id, position",
            arguments: arguments)
        {
            languages[row["person_id"], default: []].append(row["code"])
        }
        var positions: [Int64: [Position]] = [:]
        for row in try Row.fetchAllCached(
            db,
            sql: """
                SELECT pp.person_id, pp.organization_id, coalesce(o.name, pp.organization_name) AS organization_name,
                    pp.title, pp.department, pp.start_date, pp.end_date
                FROM person_position pp LEFT JOIN organization o ON o.id = pp.organization_id
                WHERE pp.person_id IN (\(marks)) ORDER BY pp.person_id, pp.position
                """,
            arguments: arguments)
        {
            positions[row["person_id"], default: []].append(position(row))
        }
        var channels: [Int64: [Channel]] = [:]
        for row in try Row.fetchAllCached(
            db,
            sql: """
                SELECT c.person_id, c.kind, c.value, c.label, c.preferred, c.held_by_account_id,
                    a.name AS holder_name, a.email AS holder_email
                FROM person_channel c LEFT JOIN account a ON a.id = c.held_by_account_id
                WHERE c.person_id IN (\(marks)) ORDER BY c.person_id, c.position
                """,
            arguments: arguments)
        {
            let holder: StaffContact? = (row["held_by_account_id"] as Int64?).map {
                StaffContact(id: $0, name: row["holder_name"], email: row["holder_email"])
            }
            channels[row["person_id"], default: []].append(
                Channel(
                    kind: ChannelKind(rawValue: row["kind"]) ?? .email, value: row["value"], label: row["label"],
                    preferred: row["preferred"], heldByAccountId: row["held_by_account_id"], heldBy: holder))
        }
        var people: [Int64: Person] = [:]
        for row in try Row.fetchAllCached(db, sql: "SELECT * FROM person WHERE id IN (\(marks))", arguments: arguments)
        {
            let id: Int64 = row["id"]
            let input = PersonInput(
                givenName: row["given_name"], familyName: row["family_name"],
                nameOrder: NameOrder(rawValue: row["name_order"]) ?? .givenFirst, nativeName: row["native_name"],
                honorific: row["honorific"], languages: languages[id] ?? [],
                role: PersonRole(rawValue: row["role"]) ?? .none, notes: row["notes"], metAt: row["met_at"],
                metAtActivityId: row["met_at_activity_id"],
                consentNote: row["consent_note"], consentDate: row["consent_date"], positions: positions[id] ?? [],
                channels: channels[id] ?? [])
            people[id] = Person(
                id: id, input: input, version: row["version"], createdAt: row["created_at"],
                updatedAt: row["updated_at"])
        }
        return ids.compactMap { people[$0] }
    }

    static func position(_ row: Row) -> Position {
        Position(
            organizationId: row["organization_id"], organizationName: row["organization_name"], title: row["title"],
            department: row["department"], startDate: row["start_date"], endDate: row["end_date"])
    }

    /// Refuses positions at organizations and channel holders that do not exist; returns the names of the
    /// organizations the positions name, to be kept with them.
    static func checkPersonReferences(_ db: Database, _ input: PersonInput) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        let ids = Set(input.positions.compactMap(\.organizationId))
        if !ids.isEmpty {
            for row in try Row.fetchAllCached(
                db, sql: "SELECT id, name FROM organization WHERE id IN (\(databaseQuestionMarks(count: ids.count)))",
                arguments: StatementArguments(Array(ids)))
            {
                names[row["id"]] = row["name"]
            }
        }
        let holders = input.holderAccountIds
        let accounts =
            holders.isEmpty
            ? []
            : try Set(
                Int64.fetchAll(
                    db, sql: "SELECT id FROM account WHERE id IN (\(databaseQuestionMarks(count: holders.count)))",
                    arguments: StatementArguments(Array(holders))))
        let activityExists = try input.metAtActivityId.map {
            try Bool.fetchOne(db, sql: "SELECT 1 FROM activity WHERE id = ?", arguments: [$0]) != nil
        }
        let errors = input.referenceErrors(
            organizationIds: Set(names.keys), accountIds: accounts, metAtActivityExists: activityExists ?? true)
        if !errors.isEmpty { throw ValidationError(errors) }
        return names
    }

    static func savePersonChildren(_ db: Database, id: Int64, _ input: PersonInput, organizationNames: [Int64: String])
        throws
    {
        for (position, code) in input.languages.enumerated() {
            try db.executeCached(
                sql: "INSERT INTO person_language (person_id, position, code) VALUES (?, ?, ?)",
                arguments: [id, position, code])
        }
        for (index, position) in input.positions.enumerated() {
            let name = position.organizationId.flatMap { organizationNames[$0] } ?? position.organizationName ?? ""
            try db.executeCached(
                sql: """
                    INSERT INTO person_position (person_id, position, organization_id, organization_name, title,
                        department, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, index, position.organizationId, name, position.title, position.department,
                    position.startDate, position.endDate,
                ])
        }
        for (index, channel) in input.channels.enumerated() {
            try db.executeCached(
                sql: """
                    INSERT INTO person_channel (person_id, position, kind, value, match_key, label, preferred,
                        held_by_account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, index, channel.kind.rawValue, channel.value, channel.matchKey, channel.label,
                    channel.preferred, channel.heldByAccountId,
                ])
        }
    }
}
