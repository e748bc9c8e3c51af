import Foundation
import LiaisonCore

// What every kind's conformance would otherwise write for itself: its audit entry, the checking of its input,
// the look-up of the records it refers to, the error naming one that is not there, the reading of ordered
// child rows and of its stamp.

/// A kind whose audit entries name the record by one line and compare its fields one by one: most kinds.
public protocol FieldAudited: StoredRecord where Input: Encodable {
    /// The line its audit entries name it by.
    var auditSummary: String { get }
}

extension FieldAudited {
    /// The entry of a change: the record named by `auditSummary`, its fields compared one by one.
    public static func audit(
        _ action: AuditAction, _ record: Self, from before: Input?, to after: Input?, by actor: AuditActor
    ) -> AuditEvent {
        AuditEvent(
            actor: actor, action: action, entity: kind, entityId: record.id, summary: record.auditSummary,
            changes: AuditDiff.changes(from: before, to: after))
    }
}

/// An input whose own rules need no database: normalized, then validated, before any write of it.
public protocol SelfCheckedInput {
    func normalized() -> Self
    func validate() throws(ValidationError)
}

extension SelfCheckedInput {
    /// The input normalized. Throws `ValidationError` naming every rule it breaks.
    public func checked() throws(ValidationError) -> Self {
        let input = normalized()
        try input.validate()
        return input
    }
}

extension WorkingGroupInput: SelfCheckedInput {}
extension InterestInput: SelfCheckedInput {}
extension OpportunityInput: SelfCheckedInput {}
extension DelegationInput: SelfCheckedInput {}
extension ReportInput: SelfCheckedInput {}

extension ReferenceLookup {
    /// The look-up of which of `ids` are rows of `table`, those found held against deletion until the write
    /// ends, so that a record the write refers to cannot go before it commits (nil when there are none).
    public static func existing(
        _ name: String, in table: String, _ ids: some Collection<Int64>, dialect: any SQLDialect
    ) -> ReferenceLookup? {
        .of(name, ids, dialect: dialect) { "SELECT id FROM \(table) WHERE id \($0) \(dialect.lockAgainstDeletion)" }
    }
}

extension FieldError {
    /// A reference to a record that is not there: "There is no organization 5.".
    public static func missing(_ field: String, _ noun: String, _ id: Int64) -> FieldError {
        FieldError(field: field, rule: "exists", message: "There is no \(noun) \(id).")
    }
}

extension StoredRecord {
    /// The query of child table `child`'s rows for the records `idsMatch` matches, by record and in order.
    public static func orderedChildren(_ child: String, idsMatch: String) -> String {
        "SELECT * FROM \(child) WHERE \(table.parentKey) \(idsMatch) ORDER BY \(table.parentKey), position"
    }
}

extension SQLRow {
    /// The id, version and time stamps every record's row has.
    public func stamp() throws -> RecordStamp {
        RecordStamp(
            id: try integer("id") ?? 0, version: try int("version") ?? 0, createdAt: try date("created_at") ?? Date(),
            updatedAt: try date("updated_at") ?? Date())
    }
}
