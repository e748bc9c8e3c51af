import LiaisonCore

/// The audit entries every engine writes for changes to records, stated once so both write the same trail.
extension AuditEvent {
    /// The two entries of a merge: what the kept record gained, and the removed record with every field it
    /// had, so the trail still shows it.
    public static func merge(kept: Person, removed: Person, result: Person, by actor: AuditActor) -> [AuditEvent] {
        [
            AuditEvent(
                actor: actor, action: .merge, entity: .person, entityId: kept.id,
                summary: "\(result.displayName) ← \(removed.displayName) (#\(removed.id))",
                changes: AuditDiff.changes(from: kept.input, to: result.input)),
            AuditEvent(
                actor: actor, action: .merge, entity: .person, entityId: removed.id,
                summary: "\(removed.displayName) → \(result.displayName) (#\(kept.id))",
                changes: AuditDiff.changes(from: removed.input, to: nil)),
        ]
    }
}
