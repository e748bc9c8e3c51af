import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

/// The one write flow of every `StoredRecord` kind on SQLite; the kinds' statements come from LiaisonStore.
extension SQLiteStore {
    public func records<Record: StoredRecord>(_ kind: Record.Type, ids: [Int64]) async throws -> [Record] {
        // Pages ask for at most a few hundred at a time; chunks keep each statement's arguments bounded.
        try await read { db in
            try stride(from: 0, to: ids.count, by: 500).flatMap {
                try Self.load(Record.self, db, ids: Array(ids[$0..<min($0 + 500, ids.count)]))
            }
        }
    }

    public func createRecord<Record: StoredRecord>(_ input: Record.Input, by actor: AuditActor) async throws -> Record {
        try await write { db in try Self.insert(db, input, by: actor) }
    }

    public func createRecords<Record: StoredRecord>(
        _ kind: Record.Type, _ inputs: [Record.Input], by actor: AuditActor
    ) async throws -> [Int64] {
        try await write { db in
            try db.withBatchWrite {
                try BatchRowError.each(inputs) { (try Self.insert(db, $0, by: actor) as Record).id }
            }
        }
    }

    public func updateRecord<Record: StoredRecord>(
        _ kind: Record.Type, id: Int64, expectedVersion: Int, _ input: Record.Input, by actor: AuditActor
    ) async throws -> Record {
        try await write { db in
            let before = try Self.lock(Record.self, db, id: id, expectedVersion: expectedVersion)
            let after = try Self.rewrite(db, before, input)
            try db.run(Record.effects(input, of: after, before: before, by: actor))
            try Self.appendAudit(db, Record.audit(.update, after, from: before.input, to: after.input, by: actor))
            return after
        }
    }

    public func deleteRecord<Record: StoredRecord>(
        _ kind: Record.Type, id: Int64, expectedVersion: Int?, by actor: AuditActor
    ) async throws {
        try await write { db in
            let before = try Self.lock(Record.self, db, id: id, expectedVersion: expectedVersion)
            try db.executeCached(sql: Record.deleteStatement, arguments: [id])
            // The entry keeps every field, so the trail still says what was deleted.
            try Self.appendAudit(db, Record.audit(.delete, before, from: before.input, to: nil, by: actor))
        }
    }

    // MARK: - Inside a transaction

    static func insert<Record: StoredRecord>(_ db: Database, _ input: Record.Input, by actor: AuditActor) throws
        -> Record
    {
        let references = try checkReferences(Record.self, db, input, of: nil)
        try db.run([Record.insert(input, references, now: now(), dialect: SQLiteDialect())])
        let id = db.lastInsertedRowID
        try db.run(Record.children(of: id, input, references))
        let created = try load(Record.self, db, ids: [id])[0]
        try db.run(Record.effects(input, of: created, before: nil, by: actor))
        try appendAudit(db, Record.audit(.create, created, from: nil, to: created.input, by: actor))
        return created
    }

    /// The record as stored; refuses a stale version. (The write transaction already holds SQLite's one
    /// write lock.)
    static func lock<Record: StoredRecord>(_ kind: Record.Type, _ db: Database, id: Int64, expectedVersion: Int?)
        throws -> Record
    {
        guard let record = try load(Record.self, db, ids: [id]).first else {
            throw StoreError.notFound(entity: Record.kind, id: id)
        }
        try record.check(expectedVersion: expectedVersion)
        return record
    }

    /// Checks `input`'s references, writes it over `record` at the next version, and reads it back.
    static func rewrite<Record: StoredRecord>(_ db: Database, _ record: Record, _ input: Record.Input) throws
        -> Record
    {
        let references = try checkReferences(Record.self, db, input, of: record.id)
        try db.run(
            Record.replace(
                id: record.id, version: record.version + 1, input, references, now: now(), dialect: SQLiteDialect()))
        return try load(Record.self, db, ids: [record.id])[0]
    }

    /// The records with these ids in the order given, with one query per table however many they are.
    static func load<Record: StoredRecord>(_ kind: Record.Type, _ db: Database, ids: [Int64]) throws -> [Record] {
        guard !ids.isEmpty else { return [] }
        let reads = Record.reads(idsMatch: SQLiteDialect().idsMatch(count: ids.count), dialect: SQLiteDialect())
        let arguments = StatementArguments(ids)
        var children: [String: [Row]] = [:]
        for (name, sql) in reads.children {
            children[name] = try Row.fetchAllCached(db, sql: sql, arguments: arguments)
        }
        return try Record.records(
            ids: ids, rows: Row.fetchAllCached(db, sql: reads.records, arguments: arguments), children: children)
    }

    static func checkReferences<Record: StoredRecord>(
        _ kind: Record.Type, _ db: Database, _ input: Record.Input, of id: Int64?
    ) throws -> Record.References {
        var found: [String: [Row]] = [:]
        for lookup in Record.referenceLookups(input, dialect: SQLiteDialect()) {
            found[lookup.name] = try Row.fetchAllCached(db, sql: lookup.sql, arguments: StatementArguments(lookup.ids))
        }
        return try Record.references(of: id, input, found: FoundRows(found))
    }
}
