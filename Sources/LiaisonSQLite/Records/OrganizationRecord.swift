import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

/// A row of the `organization` table.
struct OrganizationRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "organization"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var kind: String
    var name: String
    var nativeName: String?
    var aliases: String
    var country: String?
    var region: String?
    var metroArea: String?
    var population: Int?
    var latitude: Double?
    var longitude: Double?
    var website: String?
    var membershipStatus: String
    var memberSince: Int?
    var paying: Bool
    var duesPerYear: Int?
    var focalPoint: String?
    var focalPointAccountId: Int64?
    var searchText: String
    var sortKey: String
    var version: Int
    var createdAt: Date
    var updatedAt: Date

    enum Columns {
        static let id = Column("id")
        static let kind = Column("kind")
        static let sortKey = Column("sort_key")
        static let version = Column("version")
    }

    init(id: Int64?, input: OrganizationInput, version: Int, createdAt: Date, updatedAt: Date) throws {
        self.id = id
        self.kind = input.kind.rawValue
        self.name = input.name
        self.nativeName = input.nativeName
        self.aliases = String(decoding: try JSONEncoder().encode(input.aliases), as: UTF8.self)
        self.country = input.country
        self.region = input.region
        self.metroArea = input.metroArea
        self.population = input.population
        self.latitude = input.latitude
        self.longitude = input.longitude
        self.website = input.website
        self.membershipStatus = input.membershipStatus.rawValue
        self.memberSince = input.memberSince
        self.paying = input.paying
        self.duesPerYear = input.duesPerYear
        self.focalPoint = input.focalPoint
        self.focalPointAccountId = input.focalPointAccountId
        self.searchText = input.searchDocument
        self.sortKey = SearchText.sortKey(input.name)
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The domain value, with the child rows read separately.
    func organization(
        roles: [GovernanceRole], practices: [Practice], affiliations: [Affiliation], focalPointStaff: StaffContact?
    ) throws -> Organization {
        let input = OrganizationInput(
            kind: OrganizationKind(rawValue: kind) ?? .city, name: name, nativeName: nativeName,
            aliases: try JSONDecoder().decode([String].self, from: Data(aliases.utf8)), country: country,
            region: region, metroArea: metroArea, population: population, latitude: latitude,
            longitude: longitude, website: website,
            membershipStatus: MembershipStatus(rawValue: membershipStatus) ?? .none, memberSince: memberSince,
            paying: paying, duesPerYear: duesPerYear, focalPoint: focalPoint,
            focalPointAccountId: focalPointAccountId, governanceRoles: roles,
            affiliations: affiliations, practices: practices
        )
        return Organization(
            id: id ?? 0, input: input, version: version, createdAt: createdAt, updatedAt: updatedAt,
            focalPointStaff: focalPointStaff)
    }
}

extension OrganizationSummary {
    /// The columns a directory row reads.
    static let columns =
        "o.id, o.kind, o.name, o.native_name, o.country, o.region, o.population, o.membership_status, "
        + "o.member_since, o.paying, o.focal_point, o.updated_at"

    /// Reads a directory row selected with `columns`.
    init(row: Row) {
        self.init(
            id: row["id"], kind: OrganizationKind(rawValue: row["kind"]) ?? .city, name: row["name"],
            nativeName: row["native_name"], country: row["country"], region: row["region"],
            population: row["population"],
            membershipStatus: MembershipStatus(rawValue: row["membership_status"]) ?? .none,
            memberSince: row["member_since"], paying: row["paying"], focalPoint: row["focal_point"],
            updatedAt: row["updated_at"]
        )
    }
}
