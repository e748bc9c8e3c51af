import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public func mergePeople(keep: Int64, keepVersion: Int, remove: Int64, removeVersion: Int, by actor: AuditActor)
        async throws -> Person
    {
        guard keep != remove else {
            throw ValidationError(
                field: "otherId", rule: "not_self", message: "A person cannot be merged with themselves.")
        }
        return try await write { db in
            // Both rows are locked in id order, so two merges of the same pair cannot deadlock.
            try await db.execute("SELECT id FROM person WHERE id IN (?, ?) ORDER BY id FOR UPDATE", keep, remove)
            let kept = try await Self.lockPerson(db, id: keep, expectedVersion: nil)
            let removed = try await Self.lockPerson(db, id: remove, expectedVersion: nil)
            guard kept.version == keepVersion else {
                throw StoreError.versionConflict(entity: .person, id: keep, currentVersion: kept.version)
            }
            guard removed.version == removeVersion else {
                throw StoreError.versionConflict(entity: .person, id: remove, currentVersion: removed.version)
            }
            let merged = kept.input.merged(with: removed.input)
            let names = try await Self.checkPersonReferences(db, merged)
            try await db.execute("DELETE FROM person WHERE id = ?", remove)
            try await Self.replacePerson(db, id: keep, version: kept.version + 1, merged, organizationNames: names)
            let after = try await Self.loadPeople(db, ids: [keep]).first!
            for event in AuditEvent.merge(kept: kept, removed: removed, result: after, by: actor) {
                try await Self.appendAudit(db, event)
            }
            return after
        }
    }
}
