import Foundation
import LiaisonCore
import LiaisonStore

/// PostgreSQL's own part of the record flow (the rest is `StoredRecord+Plans`, run through `reading`/`writing`):
/// the search indexes' pending entries merged after a batch.
extension PostgresStore {
    public func createRecords<Record: StoredRecord>(
        _ kind: Record.Type, _ inputs: [Record.Input], by actor: AuditActor
    ) async throws -> [Int64] {
        try await write { db in
            let ids = try await BatchRowError.each(inputs) {
                try await db.run(Record.creating($0, by: actor, dialect: PostgresDialect())).id
            }
            try await Self.mergePendingSearchEntries(db)
            return ids
        }
    }
}
