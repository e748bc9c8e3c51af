import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public func mergePeople(keep: Int64, keepVersion: Int, remove: Int64, removeVersion: Int, by actor: AuditActor)
        async throws -> Person
    {
        try Person.checkMerge(keep: keep, remove: remove)
        return try await write { db in
            // Both rows are locked in id order, so two merges of the same pair cannot deadlock.
            try await db.execute("SELECT id FROM person WHERE id IN (?, ?) ORDER BY id FOR UPDATE", keep, remove)
            let kept = try await Self.lock(Person.self, db, id: keep, expectedVersion: nil)
            let removed = try await Self.lock(Person.self, db, id: remove, expectedVersion: nil)
            try Person.checkMerge(kept: kept, keepVersion: keepVersion, removed: removed, removeVersion: removeVersion)
            try await db.run(Person.mergeMoves(keep: keep, remove: remove))
            try await db.execute(Person.deleteStatement, remove)
            let (after, _) = try await Self.rewrite(db, kept, kept.input.merged(with: removed.input))
            for event in AuditEvent.merge(kept: kept, removed: removed, result: after, by: actor) {
                try await Self.appendAudit(db, event)
            }
            return after
        }
    }
}
