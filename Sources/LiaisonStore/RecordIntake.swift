import LiaisonCore

/// How an organization enters the directory or changes, whoever brings it: normalized, checked, stored.
public struct OrganizationIntake: Sendable {
    public let store: any LiaisonStore
    public let regions: RegionCatalog
    public let currentYear: Int

    public init(store: any LiaisonStore, regions: RegionCatalog, currentYear: Int) {
        self.store = store
        self.regions = regions
        self.currentYear = currentYear
    }

    /// The input as it will be stored. Throws `ValidationError` naming every rule it breaks.
    public func checked(_ input: OrganizationInput) throws(ValidationError) -> OrganizationInput {
        try input.checked(regions: regions, currentYear: currentYear)
    }

    public func create(_ input: OrganizationInput, by actor: AuditActor) async throws -> Organization {
        try await store.createOrganization(try checked(input), by: actor)
    }

    /// Replaces the organization's fields when `expectedVersion` is current.
    public func update(id: Int64, expectedVersion: Int, _ input: OrganizationInput, by actor: AuditActor)
        async throws -> Organization
    {
        try await store.updateOrganization(id: id, expectedVersion: expectedVersion, try checked(input), by: actor)
    }
}

/// How an activity enters the calendar or changes, whoever brings it: normalized, checked, stored.
public struct ActivityIntake: Sendable {
    public let store: any LiaisonStore

    public init(store: any LiaisonStore) {
        self.store = store
    }

    /// The input as it will be stored. Throws `ValidationError` naming every rule it breaks.
    public func checked(_ input: ActivityInput) throws(ValidationError) -> ActivityInput {
        try input.checked()
    }

    public func create(_ input: ActivityInput, by actor: AuditActor) async throws -> Activity {
        try await store.createActivity(try checked(input), by: actor)
    }

    /// Replaces the activity's fields when `expectedVersion` is current.
    public func update(id: Int64, expectedVersion: Int, _ input: ActivityInput, by actor: AuditActor) async throws
        -> Activity
    {
        try await store.updateActivity(id: id, expectedVersion: expectedVersion, try checked(input), by: actor)
    }
}
