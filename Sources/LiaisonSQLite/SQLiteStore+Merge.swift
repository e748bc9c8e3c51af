import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func mergePeople(keep: Int64, keepVersion: Int, remove: Int64, removeVersion: Int, by actor: AuditActor)
        async throws -> Person
    {
        try await write { db in
            guard keep != remove else {
                throw ValidationError(
                    field: "otherId", rule: "not_self", message: "A person cannot be merged with themselves.")
            }
            guard let kept = try Self.loadPerson(db, id: keep) else {
                throw StoreError.notFound(entity: .person, id: keep)
            }
            guard let removed = try Self.loadPerson(db, id: remove) else {
                throw StoreError.notFound(entity: .person, id: remove)
            }
            guard kept.version == keepVersion else {
                throw StoreError.versionConflict(entity: .person, id: keep, currentVersion: kept.version)
            }
            guard removed.version == removeVersion else {
                throw StoreError.versionConflict(entity: .person, id: remove, currentVersion: removed.version)
            }
            let merged = kept.input.merged(with: removed.input)
            let names = try Self.checkPersonReferences(db, merged)
            try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [remove])
            try Self.replacePerson(db, id: keep, version: kept.version + 1, merged, organizationNames: names)
            let after = try Self.loadPerson(db, id: keep)!
            for event in AuditEvent.merge(kept: kept, removed: removed, result: after, by: actor) {
                try Self.appendAudit(db, event)
            }
            return after
        }
    }
}
