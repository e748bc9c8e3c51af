import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func mergePeople(keep: Int64, keepVersion: Int, remove: Int64, removeVersion: Int, by actor: AuditActor)
        async throws -> Person
    {
        try await write { db in
            try Person.checkMerge(keep: keep, remove: remove)
            let kept = try Self.lock(Person.self, db, id: keep, expectedVersion: nil)
            let removed = try Self.lock(Person.self, db, id: remove, expectedVersion: nil)
            try Person.checkMerge(kept: kept, keepVersion: keepVersion, removed: removed, removeVersion: removeVersion)
            try db.run(Person.mergeMoves(keep: keep, remove: remove))
            try db.execute(sql: Person.deleteStatement, arguments: [remove])
            let (after, _) = try Self.rewrite(db, kept, kept.input.merged(with: removed.input))
            for event in AuditEvent.merge(kept: kept, removed: removed, result: after, by: actor) {
                try Self.appendAudit(db, event)
            }
            return after
        }
    }
}
