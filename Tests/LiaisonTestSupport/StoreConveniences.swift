import LiaisonCore
import LiaisonStore

/// Writes as Liaison itself, for setting up tests; the audit tests name their actor.
extension LiaisonStore {
    public func createOrganization(_ input: OrganizationInput) async throws -> Organization {
        try await createOrganization(input, by: .system)
    }

    public func updateOrganization(id: Int64, expectedVersion: Int, _ input: OrganizationInput) async throws
        -> Organization
    {
        try await updateOrganization(id: id, expectedVersion: expectedVersion, input, by: .system)
    }

    public func deleteOrganization(id: Int64, expectedVersion: Int?) async throws {
        try await deleteOrganization(id: id, expectedVersion: expectedVersion, by: .system)
    }
}

extension Array {
    /// The elements transformed one after another, in order.
    public func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        results.reserveCapacity(count)
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
