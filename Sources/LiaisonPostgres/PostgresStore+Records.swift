import Foundation
import LiaisonCore
import LiaisonStore

/// The one write flow of every `StoredRecord` kind on PostgreSQL; the kinds' statements come from
/// LiaisonStore. PostgreSQL's own: rows locked `FOR UPDATE`, ids returned by the insert, lists of ids bound
/// as one array, and the search indexes' pending entries merged after a batch.
extension PostgresStore {
    public func records<Record: StoredRecord>(_ kind: Record.Type, ids: [Int64]) async throws -> [Record] {
        try await snapshot { db in try await Self.load(Record.self, db, ids: ids) }
    }

    public func createRecord<Record: StoredRecord>(_ input: Record.Input, by actor: AuditActor) async throws -> Record {
        try await write { db in try await Self.insert(db, input, by: actor) }
    }

    public func createRecords<Record: StoredRecord>(
        _ kind: Record.Type, _ inputs: [Record.Input], by actor: AuditActor
    ) async throws -> [Int64] {
        try await write { db in
            let ids = try await BatchRowError.each(inputs) { (try await Self.insert(db, $0, by: actor) as Record).id }
            try await Self.mergePendingSearchEntries(db)
            return ids
        }
    }

    public func updateRecord<Record: StoredRecord>(
        _ kind: Record.Type, id: Int64, expectedVersion: Int, _ input: Record.Input, by actor: AuditActor
    ) async throws -> Record {
        try await write { db in
            let before = try await Self.lock(Record.self, db, id: id, expectedVersion: expectedVersion)
            let after = try await Self.rewrite(db, before, input)
            try await db.run(Record.effects(input, of: after, before: before, by: actor))
            try await Self.appendAudit(db, Record.audit(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deleteRecord<Record: StoredRecord>(
        _ kind: Record.Type, id: Int64, expectedVersion: Int?, by actor: AuditActor
    ) async throws {
        try await write { db in
            let before = try await Self.lock(Record.self, db, id: id, expectedVersion: expectedVersion)
            try await db.execute(Record.deleteStatement, id)
            // The entry keeps every field, so the trail still says what was deleted.
            try await Self.appendAudit(db, Record.audit(.delete, before, from: before.input, to: nil, by: actor))
        }
    }

    // MARK: - Inside a transaction

    static func insert<Record: StoredRecord>(_ db: Connection, _ input: Record.Input, by actor: AuditActor)
        async throws -> Record
    {
        let references = try await checkReferences(Record.self, db, input, of: nil)
        let id = try await db.insertReturningId(
            Record.insert(input, references, now: now(), dialect: PostgresDialect()))
        try await db.run(Record.children(of: id, input, references))
        let created = try await load(Record.self, db, ids: [id])[0]
        try await db.run(Record.effects(input, of: created, before: nil, by: actor))
        try await appendAudit(db, Record.audit(.create, created, from: nil, to: created.input, by: actor))
        return created
    }

    /// The record as stored, its row locked until the transaction ends (so an edit through another server
    /// waits, then sees the new version); refuses a stale version.
    static func lock<Record: StoredRecord>(_ kind: Record.Type, _ db: Connection, id: Int64, expectedVersion: Int?)
        async throws -> Record
    {
        guard
            try await db.value(Int.self, "SELECT version FROM \(Record.table.name) WHERE id = ? FOR UPDATE", id) != nil,
            let record = try await load(Record.self, db, ids: [id]).first
        else {
            throw StoreError.notFound(entity: Record.kind, id: id)
        }
        try record.check(expectedVersion: expectedVersion)
        return record
    }

    /// Checks `input`'s references, writes it over `record` at the next version, and reads it back.
    static func rewrite<Record: StoredRecord>(_ db: Connection, _ record: Record, _ input: Record.Input)
        async throws -> Record
    {
        let references = try await checkReferences(Record.self, db, input, of: record.id)
        try await db.run(
            Record.replace(
                id: record.id, version: record.version + 1, input, references, now: now(), dialect: PostgresDialect()))
        return try await load(Record.self, db, ids: [record.id])[0]
    }

    /// The records with these ids in the order given, read with one query per table however many they are.
    static func load<Record: StoredRecord>(_ kind: Record.Type, _ db: Connection, ids: [Int64]) async throws
        -> [Record]
    {
        guard !ids.isEmpty else { return [] }
        let reads = Record.reads(idsMatch: PostgresDialect().idsMatch(count: ids.count), dialect: PostgresDialect())
        var children: [String: [Row]] = [:]
        for (name, sql) in reads.children { children[name] = try await db.rows(sql, ids) }
        return try Record.records(ids: ids, rows: try await db.rows(reads.records, ids), children: children)
    }

    static func checkReferences<Record: StoredRecord>(
        _ kind: Record.Type, _ db: Connection, _ input: Record.Input, of id: Int64?
    ) async throws -> Record.References {
        var found: [String: [Row]] = [:]
        for lookup in Record.referenceLookups(input, dialect: PostgresDialect()) {
            found[lookup.name] = try await db.rows(lookup.sql, lookup.ids)
        }
        return try Record.references(of: id, input, found: FoundRows(found))
    }
}
