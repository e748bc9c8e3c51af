import LiaisonCore

/// The audit entries every engine writes for changes to records, stated once so both write the same trail.
extension AuditEvent {
    /// An organization created (`before` nil), updated, or deleted (`after` nil), field by field.
    public static func organization(
        _ action: AuditAction, _ organization: Organization, from before: OrganizationInput?,
        to after: OrganizationInput?, by actor: AuditActor
    ) -> AuditEvent {
        AuditEvent(
            actor: actor, action: action, entity: .organization, entityId: organization.id,
            summary: organization.name, changes: AuditDiff.changes(from: before, to: after))
    }

    /// A person created (`before` nil), updated, or deleted (`after` nil), field by field.
    public static func person(
        _ action: AuditAction, _ person: Person, from before: PersonInput?, to after: PersonInput?,
        by actor: AuditActor
    ) -> AuditEvent {
        AuditEvent(
            actor: actor, action: action, entity: .person, entityId: person.id, summary: person.displayName,
            changes: AuditDiff.changes(from: before, to: after))
    }

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

extension AuditEvent {
    /// An activity created (`before` nil), updated (attendance set among them), or deleted (`after` nil).
    public static func activity(
        _ action: AuditAction, _ activity: Activity, from before: ActivityInput?, to after: ActivityInput?,
        by actor: AuditActor
    ) -> AuditEvent {
        AuditEvent(
            actor: actor, action: action, entity: .activity, entityId: activity.id, summary: activity.title,
            changes: AuditDiff.changes(from: before, to: after))
    }
}
