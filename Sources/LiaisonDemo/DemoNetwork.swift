import Foundation
import LiaisonCore
import LiaisonStore

/// The demo network built from the source documents: Guangzhou and the Chinese members and prospects of
/// the trip report, the networks they name, and real member cities worldwide (about 140 members, Chinese
/// cities a fifth of them and a third of the paying ones).
public enum DemoNetwork {
    /// What seeding did.
    public struct Outcome: Sendable, Equatable {
        /// Organizations created.
        public var created: Int
        /// People created.
        public var people: Int = 0
        /// Activities created.
        public var activities: Int = 0
        /// Reports written, with their comments and follow-ups.
        public var reports: Int = 0
        /// True when the directory already had organizations and was left as it was.
        public var skipped: Bool
    }

    /// The demo organizations, networks first, with affiliations named rather than numbered.
    public static func entries() throws -> [(input: OrganizationInput, affiliations: [String])] {
        let url = URL(fileURLWithPath: Bundle.module.bundlePath).appendingPathComponent("Resources/demo-network.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let items = root?["organizations"] as? [[String: Any]] ?? []
        return try items.map { item in
            var item = item
            let names = item["affiliations"] as? [String] ?? []
            item["affiliations"] = []
            let data = try JSONSerialization.data(withJSONObject: item)
            return (try JSONDecoder().decode(OrganizationInput.self, from: data), names)
        }
        .sorted { ($0.input.kind == .network ? 0 : 1) < ($1.input.kind == .network ? 0 : 1) }
    }

    /// Fills an empty directory with the demo network; a directory that has anything is left alone.
    /// Each entry is checked by the same rules as a form or an API call.
    /// `today` dates the follow-ups of the demo's trip report (one of them overdue).
    public static func seed(
        into store: any LiaisonStore, regions: RegionCatalog, currentYear: Int, today: Date = Date()
    ) async throws -> Outcome {
        let existing = try await store.listOrganizations(OrganizationQuery(perPage: 1)).total
        if existing > 0 { return Outcome(created: 0, skipped: true) }
        let entries = try entries()
        let staff = try await createStaff(named: Set(entries.compactMap(\.input.focalPoint)), in: store)
        var networkIds: [String: Int64] = [:]
        var organizations: [String: (id: Int64, country: String?)] = [:]
        let intake = OrganizationIntake(store: store, regions: regions, currentYear: currentYear)
        var created = 0
        for (input, affiliationNames) in entries {
            var input = input
            if let name = input.focalPoint, let accountId = staff[name] {
                input.focalPointAccountId = accountId
                input.focalPoint = nil
            }
            input.affiliations = try affiliationNames.map { name in
                guard let id = networkIds[name] else {
                    throw ValidationError(
                        field: "affiliations", rule: "unknown_network", message: "No demo network \(name).")
                }
                return Affiliation(networkId: id)
            }
            let organization = try await intake.create(input, by: .system)
            if organization.kind == .network { networkIds[organization.name] = organization.id }
            organizations[organization.name] = (organization.id, organization.country)
            created += 1
        }
        let people = try await seedPeople(into: store, organizations: organizations, currentYear: currentYear)
        let activities = try await seedActivities(
            into: store, organizations: organizations.mapValues(\.id), people: people)
        let reports = try await seedReports(
            into: store, organizations: organizations.mapValues(\.id), people: people, activities: activities,
            today: today)
        _ = try await seedPipeline(
            into: store, organizations: organizations.mapValues(\.id), activities: activities)
        _ = try await seedGroups(
            into: store, organizations: organizations.mapValues(\.id), activities: activities)
        _ = try await seedDelegations(
            into: store, organizations: organizations.mapValues(\.id), people: people, activities: activities)
        try await seedCoverageHistory(into: store, today: today)
        return Outcome(
            created: created, people: people.count, activities: activities.count, reports: reports, skipped: false)
    }
}

extension DemoNetwork {
    /// Fictional officials, interpreters and protocol officers of the demo cities, with Chinese names in
    /// both scripts, some reachable by WeChat only and some by email only; returns their ids by the name
    /// pages show ("CHEN Guo").
    static func seedPeople(
        into store: any LiaisonStore, organizations: [String: (id: Int64, country: String?)], currentYear: Int
    ) async throws -> [String: Int64] {
        let url = URL(fileURLWithPath: Bundle.module.bundlePath).appendingPathComponent("Resources/demo-people.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let items = root?["people"] as? [[String: Any]] ?? []
        let holders = Set(
            items.flatMap { ($0["channels"] as? [[String: Any]] ?? []).compactMap { $0["heldBy"] as? String } })
        let staff = try await createStaff(named: holders, in: store)
        let intake = PersonIntake(store: store, currentYear: currentYear)
        var created: [String: Int64] = [:]
        for var item in items {
            item["positions"] = try (item["positions"] as? [[String: Any]] ?? []).map { position in
                var position = position
                let name = position.removeValue(forKey: "organization") as? String ?? ""
                guard let organization = organizations[name] else {
                    throw ValidationError(
                        field: "positions", rule: "unknown_organization", message: "No demo organization \(name).")
                }
                position["organizationId"] = organization.id
                return position
            }
            item["channels"] = (item["channels"] as? [[String: Any]] ?? []).map { channel in
                var channel = channel
                if let holder = channel.removeValue(forKey: "heldBy") as? String {
                    channel["heldByAccountId"] = staff[holder]
                }
                return channel
            }
            let data = try JSONSerialization.data(withJSONObject: item)
            let input = try JSONDecoder().decode(PersonInput.self, from: data)
            // The demo's people are distinct by construction: no duplicate check.
            guard case .created(let person) = try await intake.create(input, confirmDuplicates: true, by: .system)
            else { continue }
            created[person.displayName] = person.id
        }
        return created
    }

    /// Staff accounts for the focal points the demo names ("Agnès Bickart" → agnes.bickart@liaison.example),
    /// as editors who cannot sign in until an admin sets their password; returns their ids by name.
    static func createStaff(named names: Set<String>, in store: any LiaisonStore) async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for name in names.sorted() {
            let local = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
                .split(separator: " ").joined(separator: ".")
            let input = StaffAccountInput(email: "\(local)@liaison.example", name: name, role: .editor).normalized()
            if let existing = try await store.credentials(email: input.email) {
                ids[name] = existing.account.id
            } else {
                // "!" is no bcrypt hash, so no password matches it.
                ids[name] = try await store.createAccount(input, passwordHash: "!", by: .system).id
            }
        }
        return ids
    }

    /// The demo's admin account.
    public static let adminEmail = "admin@liaison.example"

    /// Makes sure the demo admin exists, enabled, with the given password (a fresh one at every start),
    /// and returns the line that tells a newcomer how to sign in.
    public static func prepareAdmin(
        in store: any LiaisonStore, password: String, hash: @Sendable (String) -> String
    ) async throws -> String {
        if let existing = try await store.credentials(email: adminEmail) {
            _ = try await store.updateAccount(id: existing.account.id, .passwordHash(hash(password)), by: .system)
            if existing.account.disabled {
                _ = try await store.updateAccount(id: existing.account.id, .isDisabled(false), by: .system)
            }
        } else {
            _ = try await store.createAccount(
                StaffAccountInput(email: adminEmail, name: "Demo Admin", role: .admin), passwordHash: hash(password),
                by: .system)
        }
        return "Sign in as \(adminEmail) with the password \(password)"
    }
}
