import Foundation

/// A local government, network, agency or partner in the association's directory: the fields people set
/// (`input`, read through as `organization.name`), and what the store keeps about the record.
@dynamicMemberLookup
public struct Organization: FlatRecord, Sendable, Hashable, Identifiable {
    public var stamp: RecordStamp
    public var input: OrganizationInput
    public var extras: Extras

    public init(stamp: RecordStamp, input: OrganizationInput, extras: Extras) {
        self.stamp = stamp
        self.input = input
        self.extras = extras
    }

    public init(
        id: Int64, input: OrganizationInput, version: Int, createdAt: Date, updatedAt: Date,
        focalPointStaff: StaffContact? = nil
    ) {
        self.init(
            stamp: RecordStamp(id: id, version: version, createdAt: createdAt, updatedAt: updatedAt), input: input,
            extras: Extras(focalPointStaff: focalPointStaff))
    }

    public var focalPointStaff: StaffContact? { extras.focalPointStaff }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<OrganizationInput, Value>) -> Value {
        get { input[keyPath: keyPath] }
        set { input[keyPath: keyPath] = newValue }
    }

    /// What the store fills in on reading.
    public struct Extras: Sendable, Hashable, Codable {
        /// The staff account `input.focalPointAccountId` names.
        public var focalPointStaff: StaffContact?

        public init(focalPointStaff: StaffContact?) { self.focalPointStaff = focalPointStaff }
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
