import LiaisonCore

/// How a person enters the directory, whoever brings them (the API, the pages, the CSV import, the demo):
/// normalized with national numbers dialled from their organization's country, checked, compared with the
/// people already known unless the caller confirmed they are someone else, then stored.
public struct PersonIntake: Sendable {
    public let store: any LiaisonStore
    public let currentYear: Int

    public init(store: any LiaisonStore, currentYear: Int) {
        self.store = store
        self.currentYear = currentYear
    }

    /// What creating a person came to.
    public enum Outcome: Sendable {
        case created(Person)
        /// Nothing was stored: these people are probably the same one (see `likelyDuplicates`).
        case likelyDuplicates([PersonSummary])
    }

    /// An input the intake has checked, as it will be stored. A form checks once to show its errors and
    /// stores what it checked, without reading the organizations' countries again.
    public struct Checked: Sendable {
        public let input: PersonInput
    }

    /// The input as it will be stored. Throws `ValidationError` naming every rule it breaks.
    public func checked(_ input: PersonInput) async throws -> Checked {
        let countries = try await diallingCountries(of: [input])
        return Checked(
            input: try input.checked(
                diallingCountry: input.diallingOrganizationId.flatMap { countries[$0] }, currentYear: currentYear))
    }

    /// The countries national numbers are dialled from for all of `inputs`, read in one query: the CSV
    /// import checks its rows with them, by id.
    public func diallingCountries(of inputs: [PersonInput]) async throws -> [Int64: String] {
        let ids = Set(inputs.compactMap(\.diallingOrganizationId))
        return ids.isEmpty ? [:] : try await store.countries(ofOrganizations: Array(ids))
    }

    /// Stores a checked person, unless people already known are probably the same person and the caller
    /// did not confirm otherwise.
    public func create(_ person: Checked, confirmDuplicates: Bool, by actor: AuditActor) async throws -> Outcome {
        if !confirmDuplicates {
            let duplicates = try await store.likelyDuplicates(of: person.input, excluding: nil)
            if !duplicates.isEmpty { return .likelyDuplicates(duplicates) }
        }
        return .created(try await store.createPerson(person.input, by: actor))
    }

    /// Checks `input`, then creates it as `create(_:confirmDuplicates:by:)` does.
    public func create(_ input: PersonInput, confirmDuplicates: Bool, by actor: AuditActor) async throws -> Outcome {
        try await create(try await checked(input), confirmDuplicates: confirmDuplicates, by: actor)
    }

    /// Replaces the person's fields with a checked input when `expectedVersion` is current.
    public func update(id: Int64, expectedVersion: Int, _ person: Checked, by actor: AuditActor) async throws
        -> Person
    {
        try await store.updatePerson(id: id, expectedVersion: expectedVersion, person.input, by: actor)
    }

    /// Checks `input`, then updates as `update(id:expectedVersion:_:by:)` does.
    public func update(id: Int64, expectedVersion: Int, _ input: PersonInput, by actor: AuditActor) async throws
        -> Person
    {
        try await update(id: id, expectedVersion: expectedVersion, try await checked(input), by: actor)
    }

    /// The people `input` probably duplicates, once checked as it would be stored.
    public func likelyDuplicates(of input: PersonInput, excluding: Int64? = nil) async throws -> [PersonSummary] {
        try await store.likelyDuplicates(of: try await checked(input).input, excluding: excluding)
    }
}
