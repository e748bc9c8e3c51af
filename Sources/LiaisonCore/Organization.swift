import Foundation

/// A local government, network, agency or partner in the association's directory: the fields people set
/// (`input`, read through as `organization.name`), and what the store keeps about the record.
@dynamicMemberLookup
public struct Organization: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var input: OrganizationInput
    /// Incremented by every update; an update naming an older version is refused.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The staff account `input.focalPointAccountId` names, filled in on reading.
    public var focalPointStaff: StaffContact?

    public init(
        id: Int64, input: OrganizationInput, version: Int, createdAt: Date, updatedAt: Date,
        focalPointStaff: StaffContact? = nil
    ) {
        self.id = id
        self.input = input
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.focalPointStaff = focalPointStaff
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<OrganizationInput, Value>) -> Value {
        get { input[keyPath: keyPath] }
        set { input[keyPath: keyPath] = newValue }
    }
}

extension Organization: Codable {
    private enum RecordKeys: String, CodingKey {
        case id, version, createdAt, updatedAt, focalPointStaff
    }

    /// One flat JSON object: the record's keys beside its fields.
    public func encode(to encoder: any Encoder) throws {
        try input.encode(to: encoder)
        var container = encoder.container(keyedBy: RecordKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(focalPointStaff, forKey: .focalPointStaff)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RecordKeys.self)
        self.init(
            id: try container.decode(Int64.self, forKey: .id), input: try OrganizationInput(from: decoder),
            version: try container.decode(Int.self, forKey: .version),
            createdAt: try container.decode(Date.self, forKey: .createdAt),
            updatedAt: try container.decode(Date.self, forKey: .updatedAt),
            focalPointStaff: try container.decodeIfPresent(StaffContact.self, forKey: .focalPointStaff))
    }
}

/// How to reach a member of staff, as records that name them show it.
public struct StaffContact: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var email: String

    public init(id: Int64, name: String, email: String) {
        self.id = id
        self.name = name
        self.email = email
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
