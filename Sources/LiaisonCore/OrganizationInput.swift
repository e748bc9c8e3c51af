import Foundation

/// The fields a person or a script sets on an organization; the store adds id, version and timestamps.
public struct OrganizationInput: Sendable, Hashable, Codable {
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
    /// The staff account that follows the organization up; `focalPoint` names someone not (yet) on the staff list.
    public var focalPointAccountId: Int64?
    public var governanceRoles: [GovernanceRole]
    public var affiliations: [Affiliation]
    public var practices: [Practice]

    public init(
        kind: OrganizationKind = .city, name: String, nativeName: String? = nil, aliases: [String] = [],
        country: String? = nil, region: String? = nil, metroArea: String? = nil, population: Int? = nil,
        latitude: Double? = nil, longitude: Double? = nil, website: String? = nil,
        membershipStatus: MembershipStatus = .none, memberSince: Int? = nil, paying: Bool = false,
        duesPerYear: Int? = nil, focalPoint: String? = nil, focalPointAccountId: Int64? = nil,
        governanceRoles: [GovernanceRole] = [],
        affiliations: [Affiliation] = [], practices: [Practice] = []
    ) {
        self.kind = kind
        self.name = name
        self.nativeName = nativeName
        self.aliases = aliases
        self.country = country
        self.region = region
        self.metroArea = metroArea
        self.population = population
        self.latitude = latitude
        self.longitude = longitude
        self.website = website
        self.membershipStatus = membershipStatus
        self.memberSince = memberSince
        self.paying = paying
        self.duesPerYear = duesPerYear
        self.focalPoint = focalPoint
        self.focalPointAccountId = focalPointAccountId
        self.governanceRoles = governanceRoles
        self.affiliations = affiliations
        self.practices = practices
    }

    // Lists and flags may be left out of a JSON body; everything else optional may be null or absent.
    enum CodingKeys: String, CodingKey {
        case kind, name, nativeName, aliases, country, region, metroArea, population, latitude, longitude, website
        case membershipStatus, memberSince, paying, duesPerYear, focalPoint, focalPointAccountId, governanceRoles,
            affiliations
        case practices
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(OrganizationKind.self, forKey: .kind) ?? .city
        name = try c.decode(String.self, forKey: .name)
        nativeName = try c.decodeIfPresent(String.self, forKey: .nativeName)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        country = try c.decodeIfPresent(String.self, forKey: .country)
        region = try c.decodeIfPresent(String.self, forKey: .region)
        metroArea = try c.decodeIfPresent(String.self, forKey: .metroArea)
        population = try c.decodeIfPresent(Int.self, forKey: .population)
        latitude = try c.decodeIfPresent(Double.self, forKey: .latitude)
        longitude = try c.decodeIfPresent(Double.self, forKey: .longitude)
        website = try c.decodeIfPresent(String.self, forKey: .website)
        membershipStatus = try c.decodeIfPresent(MembershipStatus.self, forKey: .membershipStatus) ?? .none
        memberSince = try c.decodeIfPresent(Int.self, forKey: .memberSince)
        paying = try c.decodeIfPresent(Bool.self, forKey: .paying) ?? false
        duesPerYear = try c.decodeIfPresent(Int.self, forKey: .duesPerYear)
        focalPoint = try c.decodeIfPresent(String.self, forKey: .focalPoint)
        focalPointAccountId = try c.decodeIfPresent(Int64.self, forKey: .focalPointAccountId)
        governanceRoles = try c.decodeIfPresent([GovernanceRole].self, forKey: .governanceRoles) ?? []
        affiliations = try c.decodeIfPresent([Affiliation].self, forKey: .affiliations) ?? []
        practices = try c.decodeIfPresent([Practice].self, forKey: .practices) ?? []
    }
}
