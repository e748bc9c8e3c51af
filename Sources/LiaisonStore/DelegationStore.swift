import Foundation
import LiaisonCore

/// Which delegations a list shows.
public struct DelegationQuery: Sendable, Hashable {
    public var activityId: Int64?
    public var organizationId: Int64?
    public var region: String?
    /// An ISO 3166 alpha-2 code.
    public var country: String?
    /// Any of these; empty for every state.
    public var states: [DelegationInvitationState]
    public var limit: Int
    public var offset: Int

    public static let maxLimit = 50_000
    public static let maxOffset = 1_000_000

    public init(
        activityId: Int64? = nil, organizationId: Int64? = nil, region: String? = nil, country: String? = nil,
        states: [DelegationInvitationState] = [], limit: Int = 500, offset: Int = 0
    ) {
        self.activityId = activityId
        self.organizationId = organizationId
        self.region = region
        self.country = country
        self.states = states
        self.limit = limit
        self.offset = offset
    }
}

/// A delegation as a list shows it: where its organization is, its invitation, its estimate, what the
/// forecast counts for it, and who heads it.
public struct DelegationSummary: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var activityId: Int64
    public var activityTitle: String
    public var organizationId: Int64?
    public var organizationName: String
    public var country: String?
    public var region: String?
    public var state: DelegationInvitationState
    public var sentOn: String?
    public var letterLanguage: String?
    public var expectedSize: Int?
    public var mayorHeads: Bool
    public var expectedMode: AttendanceMode
    public var figures: DelegationFigures
    /// The first active head of delegation registered.
    public var headName: String?
    public var version: Int
}

/// The delegations' lists and the forecast, stated once for both engines; a delegation itself is read and
/// written as a `StoredRecord`.
public enum DelegationLists {
    static func conditions(_ query: DelegationQuery) -> SQLConditions {
        var conditions = SQLConditions()
        if let id = query.activityId { conditions.add("d.activity_id = ?", .integer(id)) }
        if let id = query.organizationId { conditions.add("d.organization_id = ?", .integer(id)) }
        if let region = query.region { conditions.add("o.region = ?", .text(region)) }
        if let country = query.country { conditions.add("o.country = ?", .text(country)) }
        if !query.states.isEmpty {
            let marks = Array(repeating: "?", count: query.states.count).joined(separator: ", ")
            conditions.add(SQLFragment("d.state IN (\(marks))", query.states.map { .text($0.rawValue) }))
        }
        return conditions
    }

    static let joins = """
        FROM delegation d JOIN activity a ON a.id = d.activity_id LEFT JOIN organization o ON o.id = d.organization_id
        """

    public static func select(_ query: DelegationQuery) -> SQLFragment {
        let conditions = conditions(query)
        return SQLFragment(
            """
            SELECT d.id, d.activity_id, a.title AS activity_title, a.start_local, d.organization_id,
                d.organization_name, o.country, o.region, d.state, d.sent_on, d.letter_language, d.expected_size,
                d.mayor_heads, d.expected_mode, d.registered_in_person, d.registered_virtual, d.version,
                (SELECT r.person_name FROM delegation_registration r
                 WHERE r.delegation_id = d.id AND r.role = 'head_of_delegation' AND r.state <> 'cancelled'
                 ORDER BY r.position LIMIT 1) AS head_name
            \(joins) \(conditions.whereClause)
            ORDER BY a.start_local DESC, d.organization_name, d.id LIMIT ? OFFSET ?
            """,
            conditions.binds + [
                .integer(min(max(query.limit, 1), DelegationQuery.maxLimit)),
                .integer(min(max(query.offset, 0), DelegationQuery.maxOffset)),
            ])
    }

    /// The delegations grouped by region, country, state and mode: a few hundred rows however many there are.
    /// Each sums `DelegationFigures.unnamed` (the estimate beyond those registered, never below none).
    public static func forecast(_ query: DelegationQuery) -> SQLFragment {
        let conditions = conditions(query)
        return SQLFragment(
            """
            SELECT o.region, o.country, d.state, d.expected_mode, count(*) AS n,
                sum(d.registered_in_person) AS registered_in_person, sum(d.registered_virtual) AS registered_virtual,
                sum(CASE WHEN COALESCE(d.expected_size, 0) > d.registered_in_person + d.registered_virtual
                    THEN COALESCE(d.expected_size, 0) - d.registered_in_person - d.registered_virtual ELSE 0 END)
                    AS unnamed
            FROM delegation d LEFT JOIN organization o ON o.id = d.organization_id \(conditions.whereClause)
            GROUP BY o.region, o.country, d.state, d.expected_mode
            """, conditions.binds)
    }

    public static func summary(_ row: some SQLRow) throws -> DelegationSummary {
        let state = DelegationInvitationState(rawValue: try row.string("state")) ?? .notSent
        let size = try row.int("expected_size")
        let mode = AttendanceMode(rawValue: try row.string("expected_mode")) ?? .inPerson
        return DelegationSummary(
            id: try row.integer("id") ?? 0, activityId: try row.integer("activity_id") ?? 0,
            activityTitle: try row.string("activity_title"), organizationId: try row.integer("organization_id"),
            organizationName: try row.string("organization_name"), country: try row.text("country"),
            region: try row.text("region"), state: state, sentOn: try row.text("sent_on"),
            letterLanguage: try row.text("letter_language"), expectedSize: size,
            mayorHeads: try row.bool("mayor_heads") ?? false, expectedMode: mode,
            figures: DelegationFigures(
                state: state, expectedSize: size, expectedMode: mode,
                registeredInPerson: try row.int("registered_in_person") ?? 0,
                registeredVirtual: try row.int("registered_virtual") ?? 0),
            headName: try row.text("head_name"), version: try row.int("version") ?? 1)
    }
}

extension LiaisonStore {
    public func delegation(id: Int64) async throws -> Delegation? {
        try await records(Delegation.self, ids: [id]).first
    }

    public func delegations(ids: [Int64]) async throws -> [Delegation] {
        try await records(Delegation.self, ids: ids)
    }

    /// Records the organization's delegation to the event at version 1. Throws `ValidationError` naming every
    /// rule it breaks, one of them the organization already having a delegation to that event.
    public func createDelegation(_ input: DelegationInput, by actor: AuditActor) async throws -> Delegation {
        try await createRecord(try input.checked(), by: actor)
    }

    /// Records many delegations in one transaction, all or none (a failure is a `BatchRowError`).
    public func createDelegations(_ inputs: [DelegationInput], by actor: AuditActor) async throws -> [Int64] {
        try await createRecords(Delegation.self, try inputs.map { try $0.checked() }, by: actor)
    }

    /// Rewrites the delegation when `expectedVersion` is current; its event and organization stay the ones it
    /// was recorded for.
    public func updateDelegation(id: Int64, expectedVersion: Int, _ input: DelegationInput, by actor: AuditActor)
        async throws -> Delegation
    {
        guard let current = try await delegation(id: id) else { throw StoreError.notFound(entity: .delegation, id: id) }
        var input = input.normalized()
        input.activityId = current.input.activityId
        input.organizationId = current.input.organizationId
        try input.validate()
        return try await updateRecord(Delegation.self, id: id, expectedVersion: expectedVersion, input, by: actor)
    }

    /// Records new delegations and rewrites existing ones (each at the version it names) in one transaction:
    /// all of it or nothing, so a bulk change that meets a stale version or a broken rule changes nothing.
    public func writeDelegations(
        creating: [DelegationInput], updating: [(id: Int64, expectedVersion: Int, input: DelegationInput)],
        by actor: AuditActor
    ) async throws {
        let creating = creating.map { $0.normalized() }
        let updating = updating.map { (id: $0.id, expectedVersion: $0.expectedVersion, input: $0.input.normalized()) }
        for input in creating + updating.map(\.input) { try input.validate() }
        try await writing { dialect in
            SQLPlan.sequence(creating.map { Delegation.creating($0, by: actor, dialect: dialect).map { _ in () } })
                .then { _ in
                    SQLPlan.sequence(
                        updating.map {
                            Delegation.updating(
                                id: $0.id, expectedVersion: $0.expectedVersion, $0.input, by: actor, dialect: dialect
                            ).map { _ in () }
                        })
                }.map { _ in () }
        }
    }

    public func deleteDelegation(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws {
        try await deleteRecord(Delegation.self, id: id, expectedVersion: expectedVersion, by: actor)
    }

    /// The delegations `query` asks for, the latest event first and then by organization.
    public func listDelegations(_ query: DelegationQuery) async throws -> [DelegationSummary] {
        try await fetch(DelegationLists.select(query)) { try DelegationLists.summary($0) }
    }

    /// Expected and registered participants of the delegations `query` asks for, by region and by country.
    public func delegationForecast(_ query: DelegationQuery) async throws -> DelegationForecast {
        let groups = try await fetch(DelegationLists.forecast(query)) { row in
            DelegationForecast.Group(
                region: try row.text("region"), country: try row.text("country"),
                state: DelegationInvitationState(rawValue: try row.string("state")) ?? .notSent,
                expectedMode: AttendanceMode(rawValue: try row.string("expected_mode")) ?? .inPerson,
                registeredInPerson: try row.int("registered_in_person") ?? 0,
                registeredVirtual: try row.int("registered_virtual") ?? 0, unnamed: try row.int("unnamed") ?? 0,
                count: try row.int("n") ?? 0)
        }
        return DelegationForecast(groups)
    }
}
