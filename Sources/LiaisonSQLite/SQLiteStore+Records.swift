import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

/// SQLite's own part of the record flow (the rest is `StoredRecord+Plans`, run through `reading`/`writing`).
extension SQLiteStore {
    public func createRecords<Record: StoredRecord>(
        _ kind: Record.Type, _ inputs: [Record.Input], by actor: AuditActor
    ) async throws -> [Int64] {
        try await write { db in
            try db.withBatchWrite {
                try BatchRowError.each(inputs) {
                    try db.run(Record.creating($0, by: actor, dialect: SQLiteDialect())).id
                }
            }
        }
    }
}
