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
        try db.run([PersonRow.table.insert(PersonRow.values(input), now: now(), dialect: SQLiteDialect())])
        let id = db.lastInsertedRowID
        try db.run(PersonRow.children(of: id, input, organizationNames: names))
        let created = try loadPerson(db, id: id)!
        try appendAudit(db, .person(.create, created, from: nil, to: created.input, by: actor))
        return created
    }

    public func updatePerson(id: Int64, expectedVersion: Int, _ input: PersonInput, by actor: AuditActor)
        async throws -> Person
    {
        try await write { db in
            let before = try Self.lockPerson(db, id: id, expectedVersion: expectedVersion)
            let names = try Self.checkPersonReferences(db, input)
            try Self.replacePerson(db, id: id, version: before.version + 1, input, organizationNames: names)
            let after = try Self.loadPerson(db, id: id)!
            try Self.appendAudit(db, .person(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deletePerson(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await write { db in
            let before = try Self.lockPerson(db, id: id, expectedVersion: expectedVersion)
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
                // By position, as list rows are read: GRDB folds a column name's case on every read by name.
                PersonAtOrganization(
                    personId: row[0], displayName: row[1], nativeName: row[2],
                    position: Position(
                        organizationId: row[3], organizationName: row[4], title: row[5] ?? "", department: row[6],
                        startDate: row[7], endDate: row[8]))
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
    /// The person as stored; refuses a stale version. (The write transaction already holds SQLite's one write
    /// lock.)
    static func lockPerson(_ db: Database, id: Int64, expectedVersion: Int?) throws -> Person {
        guard let person = try loadPerson(db, id: id) else { throw StoreError.notFound(entity: .person, id: id) }
        try StoreError.check(.person, id: id, version: person.version, expected: expectedVersion)
        return person
    }

    /// Rewrites the person's row at `version` and their child rows.
    static func replacePerson(
        _ db: Database, id: Int64, version: Int, _ input: PersonInput, organizationNames: [Int64: String]
    ) throws {
        try db.run(
            PersonRow.table.replace(
                id: id, version: version, PersonRow.values(input), now: now(), dialect: SQLiteDialect())
                + PersonRow.children(of: id, input, organizationNames: organizationNames))
    }

    static func loadPerson(_ db: Database, id: Int64) throws -> Person? {
        try loadPeople(db, ids: [id]).first
    }

    /// The people with these ids in the order given, read with one query per table however many they are.
    static func loadPeople(_ db: Database, ids: [Int64]) throws -> [Person] {
        guard !ids.isEmpty else { return [] }
        let match = "IN (\(databaseQuestionMarks(count: ids.count)))"
        let arguments = StatementArguments(ids)
        var languages: [Int64: [String]] = [:]
        for row in try Row.fetchAllCached(db, sql: PersonRow.languages(idsMatch: match), arguments: arguments) {
            languages[row["person_id"], default: []].append(row["code"])
        }
        var positions: [Int64: [Position]] = [:]
        for row in try Row.fetchAllCached(db, sql: PersonRow.positions(idsMatch: match), arguments: arguments) {
            positions[row["person_id"], default: []].append(try PersonRow.position(row))
        }
        var channels: [Int64: [Channel]] = [:]
        for row in try Row.fetchAllCached(db, sql: PersonRow.channels(idsMatch: match), arguments: arguments) {
            channels[row["person_id"], default: []].append(try PersonRow.channel(row))
        }
        var people: [Int64: Person] = [:]
        for row in try Row.fetchAllCached(db, sql: PersonRow.people(idsMatch: match), arguments: arguments) {
            let id: Int64 = row["id"]
            people[id] = try PersonRow.person(
                row, languages: languages[id] ?? [], positions: positions[id] ?? [], channels: channels[id] ?? [])
        }
        return ids.compactMap { people[$0] }
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
}
