import Foundation
import LiaisonCore

/// The one write flow of every `StoredRecord` kind as plans each engine runs in its own transaction: lock and
/// check the version, look up the references, write the row and its child rows, read the record back, audit.
extension StoredRecord {
    /// The records with these ids that exist, in the order given: one query per table for each 500 ids,
    /// however many there are.
    public static func loading(ids: [Int64], dialect: any SQLDialect) -> SQLPlan<[Self]> {
        guard ids.count > 500 else { return loadingChunk(ids: ids, dialect: dialect) }
        let chunks = stride(from: 0, to: ids.count, by: 500).map { Array(ids[$0..<min($0 + 500, ids.count)]) }
        return .sequence(chunks.map { loadingChunk(ids: $0, dialect: dialect) }).map { $0.flatMap { $0 } }
    }

    private static func loadingChunk(ids: [Int64], dialect: any SQLDialect) -> SQLPlan<[Self]> {
        guard !ids.isEmpty else { return .value([]) }
        let reads = reads(idsMatch: dialect.idsMatch(count: ids.count), dialect: dialect)
        let binds: [SQLBind] = [.integers(ids)]
        let children = SQLPlan.sequence(
            reads.children.map { child in SQLFragment(child.sql, binds).keptRows().map { (child.name, $0) } })
        return SQLFragment(reads.records, binds).keptRows().then { rows in
            children.map { named in
                try records(ids: ids, rows: rows, children: Dictionary(named) { _, last in last })
            }
        }
    }

    /// The record as stored, kept from other writers until the transaction ends; refuses a stale version.
    public static func locking(id: Int64, expectedVersion: Int?, dialect: any SQLDialect) -> SQLPlan<Self> {
        let lock: SQLPlan<Void> =
            dialect.lockAgainstWriters.isEmpty
            ? .value(())
            : SQLFragment("SELECT id FROM \(table.name) WHERE id = ? \(dialect.lockAgainstWriters)", [.integer(id)])
                .rows { try $0.integer(at: 0) ?? 0 }.map { _ in () }
        return lock.then { loading(ids: [id], dialect: dialect) }.map { found in
            guard let record = found.first else { throw StoreError.notFound(entity: kind, id: id) }
            try record.check(expectedVersion: expectedVersion)
            return record
        }
    }

    /// What `input` refers to, checked: `ValidationError` names every reference that is missing.
    public static func checkingReferences(_ input: Input, of id: Int64?, dialect: any SQLDialect) -> SQLPlan<References>
    {
        let lookups = referenceLookups(input, dialect: dialect).map { lookup in
            SQLFragment(lookup.sql, [.integers(lookup.ids)]).keptRows().map { (lookup.name, $0) }
        }
        return SQLPlan.sequence(lookups).map { found in
            try references(of: id, input, found: FoundRows(Dictionary(found) { _, last in last }))
        }
    }

    /// A new record at version 1, with its child rows and its audit entry.
    public static func creating(_ input: Input, by actor: AuditActor, dialect: any SQLDialect) -> SQLPlan<Self> {
        checkingReferences(input, of: nil, dialect: dialect).then { references in
            let row = insert(input, references, now: .storedNow(), dialect: dialect)
            return SQLFragment(row.sql + " RETURNING id", row.binds).rows { try $0.integer(at: 0) ?? 0 }.then { ids in
                guard let id = ids.first else { throw StoreError.notFound(entity: kind, id: 0) }
                return SQLPlan<Void>.run(children(of: id, input, references)).then {
                    loading(ids: [id], dialect: dialect)
                }.then { written in
                    applyingEffects(
                        RecordChange(
                            .create, before: nil, after: written[0], input: input, references: references,
                            actor: actor, now: .storedNow(), dialect: dialect))
                }
            }
        }.then { created in
            let record = created!
            return AuditRows.appending(audit(.create, record, from: nil, to: record.input, by: actor), dialect: dialect)
                .map { record }
        }
    }

    /// What the write does to other records (`effects(of:)`), after its own rows and before its audit entry;
    /// the record is read again when anything ran, as those statements may have added to what it reads.
    static func applyingEffects(_ change: RecordChange<Self>) -> SQLPlan<Self?> {
        SQLPlan<Self?>(
            .execute([]) {
                let statements = try effects(of: change)
                guard !statements.isEmpty else { return .value(change.after) }
                return SQLPlan<Void>.run(statements).then {
                    guard let id = change.after?.id else { return .value(nil) }
                    return loading(ids: [id], dialect: change.dialect).map { $0.first }
                }
            })
    }

    /// `record` rewritten from `input` at its next version, its child rows replaced, read back with what the
    /// reference check learned.
    public static func rewriting(_ record: Self, _ input: Input, dialect: any SQLDialect)
        -> SQLPlan<(Self, References)>
    {
        checkingReferences(input, of: record.id, dialect: dialect).then { references in
            SQLPlan<Void>.run(
                replace(
                    id: record.id, version: record.version + 1, input, references, now: .storedNow(), dialect: dialect)
            ).then { loading(ids: [record.id], dialect: dialect) }.map { ($0[0], references) }
        }
    }

    /// The record's fields replaced when `expectedVersion` is current, with the audit entry of what changed.
    public static func updating(
        id: Int64, expectedVersion: Int, _ input: Input, by actor: AuditActor, dialect: any SQLDialect
    ) -> SQLPlan<Self> {
        locking(id: id, expectedVersion: expectedVersion, dialect: dialect).then { before in
            rewriting(before, input, dialect: dialect).then { (written, references) in
                applyingEffects(
                    RecordChange(
                        .update, before: before, after: written, input: input, references: references, actor: actor,
                        now: .storedNow(), dialect: dialect)
                ).map { $0 ?? written }
            }.then { after in
                AuditRows.appending(
                    audit(.update, after, from: before.input, to: after.input, by: actor), dialect: dialect
                )
                .map { after }
            }
        }
    }

    /// The record deleted (when `expectedVersion`, if given, is current); its audit entry keeps every field,
    /// so the trail still says what was deleted.
    public static func deleting(id: Int64, expectedVersion: Int?, by actor: AuditActor, dialect: any SQLDialect)
        -> SQLPlan<Void>
    {
        locking(id: id, expectedVersion: expectedVersion, dialect: dialect).then { before in
            SQLPlan<Void>.run([SQLFragment(deleteStatement, [.integer(id)])]).then {
                applyingEffects(
                    RecordChange(
                        .delete, before: before, after: nil, input: nil, references: nil, actor: actor,
                        now: .storedNow(), dialect: dialect))
            }.then { _ in
                AuditRows.appending(audit(.delete, before, from: before.input, to: nil, by: actor), dialect: dialect)
            }
        }
    }
}

extension AuditRows {
    /// The entry of a change, appended in the change's own transaction so both stand or fall together.
    public static func appending(_ event: AuditEvent, dialect: any SQLDialect) -> SQLPlan<Void> {
        SQLPlan(.execute([]) { SQLPlan<Void>.run([try insert(event, at: .storedNow(), dialect: dialect)]) })
    }
}

extension RecordStore {
    /// The records with these ids that exist, in the order given.
    public func records<Record: StoredRecord>(_ kind: Record.Type, ids: [Int64]) async throws -> [Record] {
        try await reading { Record.loading(ids: ids, dialect: $0) }
    }

    /// Checks the references and writes the record at version 1.
    public func createRecord<Record: StoredRecord>(_ input: Record.Input, by actor: AuditActor) async throws -> Record {
        try await writing { Record.creating(input, by: actor, dialect: $0) }
    }

    /// Replaces the record's fields when `expectedVersion` is current.
    public func updateRecord<Record: StoredRecord>(
        _ kind: Record.Type, id: Int64, expectedVersion: Int, _ input: Record.Input, by actor: AuditActor
    ) async throws -> Record {
        try await writing { Record.updating(id: id, expectedVersion: expectedVersion, input, by: actor, dialect: $0) }
    }

    /// Deletes the record (when `expectedVersion`, if given, is current), keeping its fields in the trail.
    public func deleteRecord<Record: StoredRecord>(
        _ kind: Record.Type, id: Int64, expectedVersion: Int?, by actor: AuditActor
    ) async throws {
        try await writing { Record.deleting(id: id, expectedVersion: expectedVersion, by: actor, dialect: $0) }
    }
}
