import Foundation
import LiaisonCore

/// An organization's rows as both engines write and read them: its own row, its governance roles,
/// practices and affiliations. The engines add only their placeholders, locks and how they learn a new id.
public enum OrganizationRow {
    public static let table = RecordTable(
        "organization", parentKey: "organization_id",
        children: ["organization_role", "organization_practice", "organization_affiliation"],
        [
            ("kind", .text), ("name", .text), ("native_name", .text), ("aliases", .json), ("country", .text),
            ("region", .text), ("metro_area", .text), ("population", .integer), ("latitude", .real),
            ("longitude", .real), ("website", .text), ("membership_status", .text), ("member_since", .integer),
            ("paying", .bool), ("dues_per_year", .integer), ("focal_point", .text),
            ("focal_point_account_id", .integer), ("search_text", .text), ("sort_key", .text),
        ])

    /// The values of `table.fields` for `input`, in their order.
    public static func values(_ input: OrganizationInput) -> [SQLBind] {
        let aliases = String(decoding: (try? JSONEncoder().encode(input.aliases)) ?? Data("[]".utf8), as: UTF8.self)
        return [
            .text(input.kind.rawValue), .text(input.name), .text(input.nativeName), .text(aliases),
            .text(input.country), .text(input.region), .text(input.metroArea), .integer(input.population),
            .real(input.latitude), .real(input.longitude), .text(input.website), .text(input.membershipStatus.rawValue),
            .integer(input.memberSince), .bool(input.paying), .integer(input.duesPerYear), .text(input.focalPoint),
            .integer(input.focalPointAccountId), .text(input.searchDocument),
            .text(SearchText.sortKey(input.name)),
        ]
    }

    /// The child rows of organization `id`, in the order the input gives them.
    public static func children(of id: Int64, _ input: OrganizationInput) -> [SQLFragment] {
        let roles = input.governanceRoles.enumerated().map { position, role in
            SQLFragment.insert(
                into: "organization_role", "organization_id, position, title, from_year, to_year",
                [.integer(id), .integer(position), .text(role.title), .integer(role.fromYear), .integer(role.toYear)])
        }
        let practices = input.practices.enumerated().map { position, practice in
            SQLFragment.insert(
                into: "organization_practice", "organization_id, position, title, year, description",
                [
                    .integer(id), .integer(position), .text(practice.title), .integer(practice.year),
                    .text(practice.description),
                ])
        }
        let affiliations = input.affiliations.map {
            SQLFragment.insert(
                into: "organization_affiliation", "organization_id, network_id",
                [.integer(id), .integer($0.networkId)])
        }
        return roles + practices + affiliations
    }

    // MARK: Reading back

    /// The organizations' own rows with what `organization(_:roles:practices:affiliations:)` reads.
    public static func select(_ dialect: any SQLDialect, idsMatch: String) -> String {
        """
        SELECT o.*, \(dialect.jsonText("o.aliases")) AS aliases_json, a.name AS staff_name, a.email AS staff_email
        FROM organization o LEFT JOIN account a ON a.id = o.focal_point_account_id WHERE o.id \(idsMatch)
        """
    }

    public static func roles(idsMatch: String) -> String {
        """
        SELECT organization_id, title, from_year, to_year FROM organization_role WHERE organization_id \(idsMatch)
        ORDER BY organization_id, position
        """
    }

    public static func practices(idsMatch: String) -> String {
        """
        SELECT organization_id, title, year, description FROM organization_practice
        WHERE organization_id \(idsMatch) ORDER BY organization_id, position
        """
    }

    public static func affiliations(idsMatch: String) -> String {
        """
        SELECT a.organization_id, n.id, n.name FROM organization_affiliation a JOIN organization n ON n.id = a.network_id
        WHERE a.organization_id \(idsMatch) ORDER BY a.organization_id, n.sort_key
        """
    }

    public static func role(_ row: some SQLRow) throws -> GovernanceRole {
        GovernanceRole(
            title: try row.string("title"), fromYear: try row.int("from_year"), toYear: try row.int("to_year"))
    }

    public static func practice(_ row: some SQLRow) throws -> Practice {
        Practice(title: try row.string("title"), year: try row.int("year"), description: try row.text("description"))
    }

    public static func affiliation(_ row: some SQLRow) throws -> Affiliation {
        Affiliation(networkId: try row.integer("id") ?? 0, networkName: try row.text("name"))
    }

    /// The organization from the row `select` reads and its child rows.
    public static func organization(
        _ row: some SQLRow, roles: [GovernanceRole], practices: [Practice], affiliations: [Affiliation]
    ) throws -> Organization {
        let staffId = try row.integer("focal_point_account_id")
        let staff = try staffId.map {
            StaffContact(id: $0, name: try row.string("staff_name"), email: try row.string("staff_email"))
        }
        let input = OrganizationInput(
            kind: OrganizationKind(rawValue: try row.string("kind")) ?? .city, name: try row.string("name"),
            nativeName: try row.text("native_name"),
            aliases: try JSONDecoder().decode([String].self, from: Data(try row.string("aliases_json").utf8)),
            country: try row.text("country"), region: try row.text("region"), metroArea: try row.text("metro_area"),
            population: try row.int("population"), latitude: try row.real("latitude"),
            longitude: try row.real("longitude"), website: try row.text("website"),
            membershipStatus: MembershipStatus(rawValue: try row.string("membership_status")) ?? .none,
            memberSince: try row.int("member_since"), paying: try row.bool("paying") ?? false,
            duesPerYear: try row.int("dues_per_year"), focalPoint: try row.text("focal_point"),
            focalPointAccountId: staffId, governanceRoles: roles, affiliations: affiliations, practices: practices)
        return Organization(
            stamp: try row.stamp(), input: input, extras: Organization.Extras(focalPointStaff: staff))
    }
}

extension Organization: FieldAudited {
    public static let kind = RecordKind.organization
    public static var table: RecordTable { OrganizationRow.table }

    public static func reads(idsMatch: String, dialect: any SQLDialect) -> RecordReads {
        RecordReads(
            records: OrganizationRow.select(dialect, idsMatch: idsMatch),
            children: [
                ("roles", OrganizationRow.roles(idsMatch: idsMatch)),
                ("practices", OrganizationRow.practices(idsMatch: idsMatch)),
                ("affiliations", OrganizationRow.affiliations(idsMatch: idsMatch)),
            ])
    }

    public static func record<Row: SQLRow>(_ row: Row, children: ChildRows<Row>) throws -> Organization {
        let id = try row.integer("id") ?? 0
        return try OrganizationRow.organization(
            row, roles: children("roles", of: id).map { try OrganizationRow.role($0) },
            practices: children("practices", of: id).map { try OrganizationRow.practice($0) },
            affiliations: children("affiliations", of: id).map { try OrganizationRow.affiliation($0) })
    }

    /// The staff account named as focal point and the networks it is affiliated with.
    public static func referenceLookups(_ input: OrganizationInput, dialect: any SQLDialect) -> [ReferenceLookup] {
        [
            .of("account", [input.focalPointAccountId].compactMap { $0 }, dialect: dialect) {
                "SELECT id FROM account WHERE id \($0)"
            },
            .of("networks", input.affiliations.map(\.networkId), dialect: dialect) {
                "SELECT id FROM organization WHERE kind = 'network' AND id \($0)"
            },
        ].compactMap { $0 }
    }

    public static func references<Row: SQLRow>(of id: Int64?, _ input: OrganizationInput, found: FoundRows<Row>)
        throws
    {
        let errors = input.referenceErrors(
            of: id, focalPointAccountExists: !found["account"].isEmpty, networkIds: try found.ids("networks"))
        if !errors.isEmpty { throw ValidationError(errors) }
    }

    public static func values(_ input: OrganizationInput, _ references: Void) -> [SQLBind] {
        OrganizationRow.values(input)
    }

    public static func children(of id: Int64, _ input: OrganizationInput, _ references: Void) -> [SQLFragment] {
        OrganizationRow.children(of: id, input)
    }

    public var auditSummary: String { input.name }
}
