import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public func listPeople(_ query: PersonQuery) async throws -> PersonPage {
        try await snapshot { db in
            let filter = PeopleFilter(query: query, dialect: PostgresDialect())
            let conditions = filter.conditions
            let total =
                try await db.value(
                    Int.self,
                    """
                    SELECT count(*) FROM (
                        SELECT 1 FROM person p \(filter.from) \(conditions.whereClause) LIMIT \(PersonQuery.countLimit + 1)) counted
                    """, conditions.binds) ?? 0
            guard PersonPage.mayHaveRows(query, counted: total) else {
                return PersonPage(items: [], total: total)
            }
            let items = try await db.rows(
                """
                SELECT \(PersonRows.columns) FROM person p \(filter.from) \(PersonRows.joins)
                \(conditions.whereClause) ORDER BY \(filter.orderBy.sql) LIMIT ? OFFSET ?
                """, conditions.binds + filter.orderBy.binds + [query.perPage, query.offset]
            ).map(PersonRows.summary(row:))
            return PersonPage(items: items, total: total)
        }
    }

    public func person(id: Int64) async throws -> Person? {
        try await snapshot { db in try await Self.loadPeople(db, ids: [id]).first }
    }

    public func people(ids: [Int64]) async throws -> [Person] {
        try await snapshot { db in try await Self.loadPeople(db, ids: ids) }
    }

    public func createPerson(_ input: PersonInput, by actor: AuditActor) async throws -> Person {
        try await write { db in try await Self.insertPerson(db, input, by: actor) }
    }

    public func createPeople(_ inputs: [PersonInput], by actor: AuditActor) async throws -> [Int64] {
        try await write { db in
            let ids = try await BatchRowError.each(inputs) { try await Self.insertPerson(db, $0, by: actor).id }
            try await Self.mergePendingSearchEntries(db)
            return ids
        }
    }

    private static func insertPerson(_ db: Connection, _ input: PersonInput, by actor: AuditActor) async throws
        -> Person
    {
        let names = try await checkPersonReferences(db, input)
        let id = try await db.insertReturningId(
            PersonRow.table.insert(PersonRow.values(input), now: now(), dialect: PostgresDialect()))
        try await db.run(PersonRow.children(of: id, input, organizationNames: names))
        let created = try await loadPeople(db, ids: [id]).first!
        try await appendAudit(db, .person(.create, created, from: nil, to: created.input, by: actor))
        return created
    }

    public func updatePerson(id: Int64, expectedVersion: Int, _ input: PersonInput, by actor: AuditActor)
        async throws -> Person
    {
        try await write { db in
            let before = try await Self.lockPerson(db, id: id, expectedVersion: expectedVersion)
            let names = try await Self.checkPersonReferences(db, input)
            try await Self.replacePerson(db, id: id, version: before.version + 1, input, organizationNames: names)
            let after = try await Self.loadPeople(db, ids: [id]).first!
            try await Self.appendAudit(db, .person(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deletePerson(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await write { db in
            let before = try await Self.lockPerson(db, id: id, expectedVersion: expectedVersion)
            try await db.execute("DELETE FROM person WHERE id = ?", id)
            try await Self.appendAudit(db, .person(.delete, before, from: before.input, to: nil, by: actor))
        }
    }

    public func likelyDuplicates(of input: PersonInput, excluding: Int64?) async throws -> [PersonSummary] {
        try await read { db in
            let emails = input.channels.filter { $0.kind == .email }.map(\.matchKey)
            let organizationIds = input.positions.compactMap(\.organizationId)
            // The ways of matching are a UNION of ids, each through its index: an OR of them made
            // PostgreSQL read every person (2 s a check at a million people).
            var matches: [String] = []
            var values: [any SQLValue] = []
            if !emails.isEmpty {
                matches.append(
                    "SELECT person_id FROM person_channel WHERE kind = 'email' AND match_key IN (\(questionMarks(emails.count)))"
                )
                values += emails as [any SQLValue]
            }
            if !organizationIds.isEmpty, !input.sortKey.isEmpty {
                matches.append(
                    """
                    SELECT q.id FROM person q JOIN person_position pp ON pp.person_id = q.id
                    WHERE q.sort_key = ? AND pp.organization_id = ANY(?)
                    """)
                values += [input.sortKey, organizationIds] as [any SQLValue]
            }
            guard !matches.isEmpty else { return [] }
            values.append(excluding ?? 0)
            return try await db.rows(
                """
                SELECT \(PersonRows.columns) FROM person p \(PersonRows.joins)
                WHERE p.id IN (\(matches.joined(separator: " UNION "))) AND p.id <> ? ORDER BY p.sort_key, p.id LIMIT 20
                """, values
            ).map(PersonRows.summary(row:))
        }
    }

    public func peopleAt(organizationId: Int64) async throws -> [PersonAtOrganization] {
        try await read { db in
            try await db.rows(
                """
                SELECT p.id, p.display_name, p.native_name, pp.organization_id, o.name AS organization_name,
                    pp.title, pp.department, pp.start_date, pp.end_date
                FROM person_position pp JOIN person p ON p.id = pp.person_id
                JOIN organization o ON o.id = pp.organization_id
                WHERE pp.organization_id = ?
                ORDER BY pp.end_date IS NOT NULL, pp.end_date DESC, p.sort_key, p.id LIMIT 500
                """, organizationId
            ).map { row in
                PersonAtOrganization(
                    personId: try row["id"], displayName: try row["display_name"], nativeName: try row["native_name"],
                    position: try PersonRow.position(row))
            }
        }
    }

    public func searchCandidates(terms: [String], exactKey: String, limit: Int) async throws -> [SearchCandidate] {
        // Two statements on one connection without a transaction: candidates need no common snapshot, and
        // the search box is the busiest read there is.
        try await read { db in
            let match = prefixQuery(terms)
            let organizations = try await db.rows(
                """
                SELECT o.id, o.name, o.native_name, o.aliases::text AS aliases_json, o.search_text, o.country,
                    o.membership_status
                FROM organization o WHERE o.id IN (
                    SELECT id FROM organization WHERE search_vector @@ ?::tsquery LIMIT ?)
                UNION
                SELECT o.id, o.name, o.native_name, o.aliases::text, o.search_text, o.country, o.membership_status
                FROM organization o WHERE o.sort_key = ?
                """, match, limit, exactKey
            ).map { row in
                let aliases = try? JSONDecoder().decode(
                    [String].self, from: Data((try row["aliases_json"] as String).utf8))
                return SearchCandidate(
                    kind: .organization, id: try row["id"], name: try row["name"], nativeName: try row["native_name"],
                    otherNames: aliases ?? [], document: try row["search_text"],
                    detail: (try row["country"] as String?).flatMap { Country.named(code: $0)?.name },
                    membershipStatus: MembershipStatus(rawValue: try row["membership_status"]))
            }
            let people = try await db.rows(
                """
                SELECT p.id, p.display_name, p.native_name, p.given_name, p.family_name, p.search_text,
                    cp.title, co.name AS organization_name, co.membership_status
                FROM person p \(PersonRows.currentPositionJoin)
                -- A UNION, not an OR of the two: with an OR PostgreSQL read all the people.
                WHERE p.id IN (
                    (SELECT id FROM person WHERE search_vector @@ ?::tsquery LIMIT ?)
                    UNION SELECT id FROM person WHERE sort_key = ?)
                """, match, limit, exactKey
            ).map { row in
                let detail = [try row["title"] as String?, try row["organization_name"] as String?].compactMap { $0 }
                return SearchCandidate(
                    kind: .person, id: try row["id"], name: try row["display_name"], nativeName: try row["native_name"],
                    otherNames: ["\(try row["given_name"] as String) \(try row["family_name"] as String)"],
                    document: try row["search_text"], detail: detail.isEmpty ? nil : detail.joined(separator: ", "),
                    membershipStatus: (try row["membership_status"] as String?).flatMap(
                        MembershipStatus.init(rawValue:)))
            }
            return organizations + people
        }
    }
}

// MARK: - Inside a transaction

extension PostgresStore {
    /// The person as stored, with their row locked until the transaction ends; refuses a stale version.
    static func lockPerson(_ db: Connection, id: Int64, expectedVersion: Int?) async throws -> Person {
        guard let version = try await db.value(Int.self, "SELECT version FROM person WHERE id = ? FOR UPDATE", id),
            let person = try await loadPeople(db, ids: [id]).first
        else {
            throw StoreError.notFound(entity: .person, id: id)
        }
        try StoreError.check(.person, id: id, version: version, expected: expectedVersion)
        return person
    }

    static func replacePerson(
        _ db: Connection, id: Int64, version: Int, _ input: PersonInput, organizationNames: [Int64: String]
    ) async throws {
        try await db.run(
            PersonRow.table.replace(
                id: id, version: version, PersonRow.values(input), now: now(), dialect: PostgresDialect())
                + PersonRow.children(of: id, input, organizationNames: organizationNames))
    }

    /// The people with these ids in the order given, read with one query per table however many they are.
    static func loadPeople(_ db: Connection, ids: [Int64]) async throws -> [Person] {
        guard !ids.isEmpty else { return [] }
        let match = "= ANY(?)"
        var languages: [Int64: [String]] = [:]
        for row in try await db.rows(PersonRow.languages(idsMatch: match), ids) {
            languages[try row["person_id"], default: []].append(try row["code"])
        }
        var positions: [Int64: [Position]] = [:]
        for row in try await db.rows(PersonRow.positions(idsMatch: match), ids) {
            positions[try row["person_id"], default: []].append(try PersonRow.position(row))
        }
        var channels: [Int64: [Channel]] = [:]
        for row in try await db.rows(PersonRow.channels(idsMatch: match), ids) {
            channels[try row["person_id"], default: []].append(try PersonRow.channel(row))
        }
        var people: [Int64: Person] = [:]
        for row in try await db.rows(PersonRow.people(idsMatch: match), ids) {
            let id: Int64 = try row["id"]
            people[id] = try PersonRow.person(
                row, languages: languages[id] ?? [], positions: positions[id] ?? [], channels: channels[id] ?? [])
        }
        return ids.compactMap { people[$0] }
    }

    /// Refuses positions at organizations and channel holders that do not exist; returns the names of the
    /// organizations the positions name, to be kept with them.
    static func checkPersonReferences(_ db: Connection, _ input: PersonInput) async throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        let ids = Array(Set(input.positions.compactMap(\.organizationId)))
        if !ids.isEmpty {
            for row in try await db.rows("SELECT id, name FROM organization WHERE id = ANY(?)", ids) {
                names[try row["id"]] = try row["name"]
            }
        }
        let holders = Array(input.holderAccountIds)
        let accounts =
            holders.isEmpty
            ? []
            : Set(try await db.rows("SELECT id FROM account WHERE id = ANY(?)", holders).map { try $0["id"] as Int64 })
        // Locked against deletion until the transaction ends: the reference is checked only at commit.
        let activityExists = try await input.metAtActivityId.asyncMap {
            try await db.value(Int64.self, "SELECT id FROM activity WHERE id = ? FOR KEY SHARE", $0) != nil
        }
        let errors = input.referenceErrors(
            organizationIds: Set(names.keys), accountIds: accounts, metAtActivityExists: activityExists ?? true)
        if !errors.isEmpty { throw ValidationError(errors) }
        return names
    }
}
