import Foundation

/// What one delegation adds to an event's forecast. A declined invitation expects no one; otherwise the
/// delegation expects its estimate or the people already registered, whichever is more. The registered
/// count in their own mode; the rest of the estimate counts in the mode the delegation expects to come in.
public struct DelegationFigures: Sendable, Hashable, Codable {
    public var expectedInPerson: Int
    public var expectedVirtual: Int
    public var registeredInPerson: Int
    public var registeredVirtual: Int

    public init(
        expectedInPerson: Int = 0, expectedVirtual: Int = 0, registeredInPerson: Int = 0, registeredVirtual: Int = 0
    ) {
        self.expectedInPerson = expectedInPerson
        self.expectedVirtual = expectedVirtual
        self.registeredInPerson = registeredInPerson
        self.registeredVirtual = registeredVirtual
    }

    /// The rule: `registeredInPerson` and `registeredVirtual` are the active registrations in each mode.
    public init(
        state: DelegationInvitationState, expectedSize: Int?, expectedMode: AttendanceMode, registeredInPerson: Int,
        registeredVirtual: Int
    ) {
        self.init(
            state: state,
            unnamed: Self.unnamed(expectedSize: expectedSize, registered: registeredInPerson + registeredVirtual),
            expectedMode: expectedMode, registeredInPerson: registeredInPerson, registeredVirtual: registeredVirtual)
    }

    /// How many more than those registered the estimate expects: what a store sums in SQL for many delegations.
    public static func unnamed(expectedSize: Int?, registered: Int) -> Int { max((expectedSize ?? 0) - registered, 0) }

    /// The rule for one delegation or a group of them in one state and mode, from the sums of their registered
    /// and of their `unnamed` parts.
    public init(
        state: DelegationInvitationState, unnamed: Int, expectedMode: AttendanceMode, registeredInPerson: Int,
        registeredVirtual: Int
    ) {
        self.registeredInPerson = registeredInPerson
        self.registeredVirtual = registeredVirtual
        guard state != .declined else {
            expectedInPerson = 0
            expectedVirtual = 0
            return
        }
        expectedInPerson = registeredInPerson + (expectedMode == .inPerson ? unnamed : 0)
        expectedVirtual = registeredVirtual + (expectedMode == .virtual ? unnamed : 0)
    }

    public var expected: Int { expectedInPerson + expectedVirtual }
    public var registered: Int { registeredInPerson + registeredVirtual }

    public static func + (lhs: DelegationFigures, rhs: DelegationFigures) -> DelegationFigures {
        DelegationFigures(
            expectedInPerson: lhs.expectedInPerson + rhs.expectedInPerson,
            expectedVirtual: lhs.expectedVirtual + rhs.expectedVirtual,
            registeredInPerson: lhs.registeredInPerson + rhs.registeredInPerson,
            registeredVirtual: lhs.registeredVirtual + rhs.registeredVirtual)
    }

    /// `count` delegations with the same figures.
    public static func * (lhs: DelegationFigures, count: Int) -> DelegationFigures {
        DelegationFigures(
            expectedInPerson: lhs.expectedInPerson * count, expectedVirtual: lhs.expectedVirtual * count,
            registeredInPerson: lhs.registeredInPerson * count, registeredVirtual: lhs.registeredVirtual * count)
    }
}

/// An event's expected and registered participants by region and by country, with totals and each region's
/// share of those expected. Built from delegations grouped by region, country, state and mode, so a store
/// hands it a few hundred compact rows however many delegations there are.
public struct DelegationForecast: Sendable, Hashable, Codable {
    /// One line of a table: a region's key or a country's code ("" when the organization has none).
    public struct Line: Sendable, Hashable, Codable {
        public var key: String
        public var delegations: Int
        public var figures: DelegationFigures
        /// The line's part of every participant expected, from 0 to 1 (0 when none is expected).
        public var share: Double
    }

    /// Delegations that share a region, a country, an invitation state and an expected mode, with the sums
    /// of their registered and of their `DelegationFigures.unnamed` parts.
    public struct Group: Sendable, Hashable {
        public var region: String
        public var country: String
        public var state: DelegationInvitationState
        public var expectedMode: AttendanceMode
        public var registeredInPerson: Int
        public var registeredVirtual: Int
        public var unnamed: Int
        public var count: Int

        public init(
            region: String?, country: String?, state: DelegationInvitationState, expectedMode: AttendanceMode,
            registeredInPerson: Int, registeredVirtual: Int, unnamed: Int, count: Int
        ) {
            self.region = region ?? ""
            self.country = country ?? ""
            self.state = state
            self.expectedMode = expectedMode
            self.registeredInPerson = registeredInPerson
            self.registeredVirtual = registeredVirtual
            self.unnamed = unnamed
            self.count = count
        }
    }

    public var regions: [Line]
    public var countries: [Line]
    public var total: DelegationFigures
    public var delegations: Int
    /// How many delegations are in each invitation state.
    public var states: [String: Int]

    public init(_ groups: [Group]) {
        var byRegion: [String: (Int, DelegationFigures)] = [:]
        var byCountry: [String: (Int, DelegationFigures)] = [:]
        var total = DelegationFigures()
        var states: [String: Int] = [:]
        for group in groups {
            let figures = DelegationFigures(
                state: group.state, unnamed: group.unnamed, expectedMode: group.expectedMode,
                registeredInPerson: group.registeredInPerson, registeredVirtual: group.registeredVirtual)
            total = total + figures
            states[group.state.rawValue, default: 0] += group.count
            let region = byRegion[group.region] ?? (0, DelegationFigures())
            byRegion[group.region] = (region.0 + group.count, region.1 + figures)
            let country = byCountry[group.country] ?? (0, DelegationFigures())
            byCountry[group.country] = (country.0 + group.count, country.1 + figures)
        }
        func lines(_ sums: [String: (Int, DelegationFigures)]) -> [Line] {
            sums.map { key, sum in
                Line(
                    key: key, delegations: sum.0, figures: sum.1,
                    share: total.expected == 0 ? 0 : Double(sum.1.expected) / Double(total.expected))
            }
            .sorted { ($0.figures.expected, $1.key) > ($1.figures.expected, $0.key) }
        }
        self.regions = lines(byRegion)
        self.countries = lines(byCountry)
        self.total = total
        self.delegations = groups.reduce(0) { $0 + $1.count }
        self.states = states
    }

    /// The region's line; nil when it sends no delegation.
    public func region(_ key: String) -> Line? { regions.first { $0.key == key } }
}
