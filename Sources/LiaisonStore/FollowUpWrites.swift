import Foundation
import LiaisonCore

/// A follow-up's writes: normalized and checked, stored through the one write flow, which tells its assignee in
/// the same transaction (`FollowUp.effects`).
extension LiaisonStore {
    public func followUp(id: Int64) async throws -> FollowUp? { try await records(FollowUp.self, ids: [id]).first }

    /// Stores a new follow-up at version 1. Throws `ValidationError` naming every rule it breaks.
    public func createFollowUp(_ input: FollowUpInput, by actor: AuditActor) async throws -> FollowUp {
        try await createRecord(try Self.checked(input), by: actor)
    }

    /// Replaces the follow-up's fields when `expectedVersion` is current; closing or reopening one made from a
    /// report's task line ticks or clears the line in the same transaction.
    public func updateFollowUp(id: Int64, expectedVersion: Int, _ input: FollowUpInput, by actor: AuditActor)
        async throws -> FollowUp
    {
        try await updateRecord(
            FollowUp.self, id: id, expectedVersion: expectedVersion, try Self.checked(input), by: actor)
    }

    public func deleteFollowUp(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(FollowUp.self, id: id, expectedVersion: expectedVersion, by: actor)
    }

    private static func checked(_ input: FollowUpInput) throws(ValidationError) -> FollowUpInput {
        let normalized = input.normalized()
        try normalized.validate()
        return normalized
    }
}
