import Foundation

/// A local government, network, agency or partner in the association's directory.
public struct Organization: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var kind: OrganizationKind
    public var name: String
    public var nativeName: String?
    public var aliases: [String]
    public var country: String?
    public var region: String?
    public var metroArea: String?
    public var population: Int?
    public var latitude: Double?
    public var longitude: Double?
    public var website: String?
    public var membershipStatus: MembershipStatus
    public var memberSince: Int?
    public var paying: Bool
    public var duesPerYear: Int?
    public var focalPoint: String?
    public var governanceRoles: [GovernanceRole]
    public var affiliations: [Affiliation]
    public var practices: [Practice]
    /// Incremented by every update; an update naming an older version is refused.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64, input: OrganizationInput, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.kind = input.kind
        self.name = input.name
        self.nativeName = input.nativeName
        self.aliases = input.aliases
        self.country = input.country
        self.region = input.region
        self.metroArea = input.metroArea
        self.population = input.population
        self.latitude = input.latitude
        self.longitude = input.longitude
        self.website = input.website
        self.membershipStatus = input.membershipStatus
        self.memberSince = input.memberSince
        self.paying = input.paying
        self.duesPerYear = input.duesPerYear
        self.focalPoint = input.focalPoint
        self.governanceRoles = input.governanceRoles
        self.affiliations = input.affiliations
        self.practices = input.practices
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The editable part of the record, as a form or an API update would send it back.
    public var input: OrganizationInput {
        OrganizationInput(
            kind: kind, name: name, nativeName: nativeName, aliases: aliases, country: country, region: region,
            metroArea: metroArea, population: population, latitude: latitude, longitude: longitude,
            website: website, membershipStatus: membershipStatus, memberSince: memberSince, paying: paying,
            duesPerYear: duesPerYear, focalPoint: focalPoint, governanceRoles: governanceRoles,
            affiliations: affiliations, practices: practices
        )
    }
}

/// What sort of body an organization is.
public enum OrganizationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case city
    case metropolitanArea = "metropolitan_area"
    case nationalAssociation = "national_association"
    case network
    case agency
    case partner

    /// Kinds that are places and so must name their country.
    public var requiresCountry: Bool {
        switch self {
        case .city, .metropolitanArea, .nationalAssociation: true
        case .network, .agency, .partner: false
        }
    }
}

/// Where an organization stands with the association.
public enum MembershipStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case member, prospect, former, partner, none
}

/// A seat in the association's governance, held for a term of years ("Co-presidency", 2023–2026).
public struct GovernanceRole: Sendable, Hashable, Codable {
    public var title: String
    public var fromYear: Int?
    public var toYear: Int?

    public init(title: String, fromYear: Int? = nil, toYear: Int? = nil) {
        self.title = title
        self.fromYear = fromYear
        self.toYear = toYear
    }
}

/// Membership of another network ("Hong Kong is now in C40"); `networkName` is filled in on reading.
public struct Affiliation: Sendable, Hashable, Codable {
    public var networkId: Int64
    public var networkName: String?

    public init(networkId: Int64, networkName: String? = nil) {
        self.networkId = networkId
        self.networkName = networkName
    }
}

/// A practice or initiative the organization is known for ("Guangzhou Award", started 2012).
public struct Practice: Sendable, Hashable, Codable {
    public var title: String
    public var year: Int?
    public var description: String?

    public init(title: String, year: Int? = nil, description: String? = nil) {
        self.title = title
        self.year = year
        self.description = description
    }
}
