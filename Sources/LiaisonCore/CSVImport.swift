/// Turns a CSV file into organizations or people to create: the columns are those Liaison's own exports
/// write (in any order, named by the header), each row is checked by the same rules as the forms and the
/// API, and every problem names its line and column. The store writes nothing unless every row passes.
public enum CSVImport {
    /// A problem with one row, or with the file.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: String?
        public var rule: String
        public var message: String

        public init(line: Int, column: String?, rule: String, message: String) {
            self.line = line
            self.column = column
            self.rule = rule
            self.message = message
        }

        public var description: String {
            "line \(line)\(column.map { ", column \($0)" } ?? ""): \(message)"
        }
    }

    /// The rows ready to create, with their lines, and the problems found.
    public struct Plan<Input: Sendable>: Sendable {
        public var rows: [(line: Int, input: Input)] = []
        public var problems: [Problem] = []
    }

    public static let organizationColumns = [
        "id", "name", "native_name", "aliases", "kind", "country", "region", "metro_area", "population", "latitude",
        "longitude", "website", "membership_status", "member_since", "paying", "dues_per_year", "focal_point",
    ]

    public static let personColumns = [
        "id", "name", "family_name", "given_name", "name_order", "native_name", "honorific", "title", "department",
        "organization", "email", "phone", "wechat", "whatsapp", "linkedin", "languages", "role", "notes", "met_at",
        "consent_note", "consent_date",
    ]

    /// Organizations from `text`. A region may be given by key or by name, as exports write it.
    public static func organizations(_ text: String, regions: RegionCatalog, currentYear: Int)
        -> Plan<OrganizationInput>
    {
        var plan = Plan<OrganizationInput>()
        guard let table = read(text, known: organizationColumns, required: ["name"], into: &plan.problems) else {
            return plan
        }
        for record in table.records {
            var row = Row(record: record, header: table.header)
            var input = OrganizationInput(name: row["name"] ?? "")
            input.nativeName = row["native_name"]
            input.aliases = row.list("aliases")
            input.kind = row.choice("kind", OrganizationKind.self) ?? .city
            input.country = row["country"]?.uppercased()
            input.region = row["region"].map { value in
                regions.regions.first { $0.key == value.lowercased() || $0.name.lowercased() == value.lowercased() }?
                    .key ?? value
            }
            input.metroArea = row["metro_area"]
            input.population = row.integer("population")
            input.latitude = row.number("latitude")
            input.longitude = row.number("longitude")
            input.website = row["website"]
            input.membershipStatus = row.choice("membership_status", MembershipStatus.self) ?? .none
            input.memberSince = row.integer("member_since")
            input.paying = row.flag("paying") ?? false
            input.duesPerYear = row.integer("dues_per_year")
            input.focalPoint = row["focal_point"]
            var normalized = input
            do throws(ValidationError) {
                normalized = try input.checked(regions: regions, currentYear: currentYear)
            } catch {
                row.problems += error.errors.map { row.problem($0, column: column(of: $0.field)) }
            }
            if row.problems.isEmpty { plan.rows.append((record.line, normalized)) }
            plan.problems += row.problems
        }
        return plan
    }

    /// People from `text`; `organizationId` finds the organization a row names (unknown names are kept as
    /// written, as a person's form keeps them) and `country` that organization's country, where national
    /// phone numbers are dialled from.
    public static func people(
        _ text: String, currentYear: Int, organizationId: (String) -> Int64?, country: (Int64) -> String?
    ) -> Plan<PersonInput> {
        var plan = Plan<PersonInput>()
        guard let table = read(text, known: personColumns, required: [], into: &plan.problems) else { return plan }
        if !table.header.contains("family_name") && !table.header.contains("given_name") {
            plan.problems.append(
                Problem(
                    line: 1, column: nil, rule: "required", message: "A family_name or given_name column is required."))
            return plan
        }
        let channelKinds: [ChannelKind] = [.email, .phone, .wechat, .whatsapp, .linkedin]
        for record in table.records {
            var row = Row(record: record, header: table.header)
            var input = PersonInput(givenName: row["given_name"] ?? "", familyName: row["family_name"] ?? "")
            input.nameOrder = row.choice("name_order", NameOrder.self) ?? .givenFirst
            input.nativeName = row["native_name"]
            input.honorific = row["honorific"]
            input.languages = row.list("languages", separators: " ;,").map { $0.lowercased() }
            input.role = row.choice("role", PersonRole.self) ?? .none
            input.notes = row["notes"]
            input.metAt = row["met_at"]
            input.consentNote = row["consent_note"]
            input.consentDate = row["consent_date"]
            if let title = row["title"] {
                let organization = row["organization"]
                input.positions = [
                    Position(
                        organizationId: organization.flatMap(organizationId),
                        organizationName: organization, title: title, department: row["department"])
                ]
            } else if row["organization"] != nil || row["department"] != nil {
                row.problems.append(
                    Problem(
                        line: record.line, column: "title", rule: "required",
                        message: "A title is required with an organization or department."))
            }
            var kinds: [ChannelKind] = []
            for kind in channelKinds {
                for value in row.list(kind.rawValue) {
                    input.channels.append(Channel(kind: kind, value: value, preferred: input.channels.isEmpty))
                    kinds.append(kind)
                }
            }
            var normalized = input
            do throws(ValidationError) {
                normalized = try input.checked(
                    diallingCountry: input.diallingOrganizationId.flatMap(country), currentYear: currentYear)
            } catch {
                row.problems += error.errors.map { error in
                    let column =
                        error.field.hasPrefix("channels[")
                        ? index(in: error.field).flatMap { kinds.indices.contains($0) ? kinds[$0].rawValue : nil }
                        : column(of: error.field)
                    return row.problem(error, column: column)
                }
            }
            if row.problems.isEmpty { plan.rows.append((record.line, normalized)) }
            plan.problems += row.problems
        }
        return plan
    }

    // MARK: - Reading

    private struct Table {
        var header: [String]
        var records: [CSVReader.Record]
    }

    private static func read(_ text: String, known: [String], required: [String], into problems: inout [Problem])
        -> Table?
    {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(text)
        } catch {
            problems.append(Problem(line: error.line, column: nil, rule: "csv", message: error.message))
            return nil
        }
        guard let first = records.first else {
            problems.append(Problem(line: 1, column: nil, rule: "required", message: "The file is empty."))
            return nil
        }
        let header = first.cells.map { $0.trimmed.lowercased() }
        for name in header where !known.contains(name) {
            problems.append(
                Problem(
                    line: 1, column: name, rule: "unknown_column",
                    message:
                        "\"\(name)\" is not a column Liaison reads; the columns are \(known.joined(separator: ", "))."))
        }
        for name in Dictionary(grouping: header, by: { $0 }).filter({ $0.value.count > 1 }).keys.sorted() {
            problems.append(Problem(line: 1, column: name, rule: "unique", message: "\"\(name)\" appears twice."))
        }
        for name in required where !header.contains(name) {
            problems.append(Problem(line: 1, column: name, rule: "required", message: "A \(name) column is required."))
        }
        guard problems.isEmpty else { return nil }
        return Table(header: header, records: Array(records.dropFirst()))
    }

    /// One record's cells by column name, collecting the problems of cells that do not parse.
    private struct Row {
        let record: CSVReader.Record
        let header: [String]
        var problems: [Problem] = []

        init(record: CSVReader.Record, header: [String]) {
            self.record = record
            self.header = header
            if record.cells.count > header.count {
                problems.append(
                    Problem(
                        line: record.line, column: nil, rule: "column_count",
                        message: "\(record.cells.count) cells where the header names \(header.count) columns."))
            }
        }

        /// The trimmed cell, nil when empty or missing.
        subscript(_ column: String) -> String? {
            guard let index = header.firstIndex(of: column), index < record.cells.count else { return nil }
            let value = record.cells[index].trimmed
            return value.isEmpty ? nil : value
        }

        func list(_ column: String, separators: String = ";") -> [String] {
            (self[column] ?? "").split(whereSeparator: { separators.contains($0) }).map {
                String($0).trimmed
            }.filter { !$0.isEmpty }
        }

        mutating func integer(_ column: String) -> Int? {
            guard let text = self[column] else { return nil }
            guard let value = Int(text.filter { $0 != "," && $0 != " " }) else {
                fail(column, "integer", "\"\(text)\" is not a whole number.")
                return nil
            }
            return value
        }

        mutating func number(_ column: String) -> Double? {
            guard let text = self[column] else { return nil }
            guard let value = Double(text), value.isFinite else {
                fail(column, "number", "\"\(text)\" is not a number.")
                return nil
            }
            return value
        }

        mutating func flag(_ column: String) -> Bool? {
            guard let text = self[column]?.lowercased() else { return nil }
            if ["yes", "true", "1", "y"].contains(text) { return true }
            if ["no", "false", "0", "n"].contains(text) { return false }
            fail(column, "boolean", "\"\(text)\" is not yes or no.")
            return nil
        }

        mutating func choice<T: RawRepresentable & CaseIterable>(_ column: String, _: T.Type) -> T?
        where T.RawValue == String {
            guard let text = self[column] else { return nil }
            if let value = T(rawValue: text) ?? T(rawValue: text.lowercased()) { return value }
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            fail(column, "one_of", "\"\(text)\" is not one of: \(allowed).")
            return nil
        }

        mutating func fail(_ column: String, _ rule: String, _ message: String) {
            problems.append(Problem(line: record.line, column: column, rule: rule, message: message))
        }

        func problem(_ error: FieldError, column: String?) -> Problem {
            Problem(line: record.line, column: column ?? error.field, rule: error.rule, message: error.message)
        }
    }

    /// The column of a validation error's field: "nativeName" → native_name, "aliases[2]" → aliases,
    /// "positions[0].title" → title.
    public static func column(of field: String) -> String {
        let leaf = field.split(separator: ".").last.map(String.init) ?? field
        let name = leaf.split(separator: "[").first.map(String.init) ?? leaf
        var snake = ""
        for character in name {
            if character.isUppercase {
                snake += "_" + character.lowercased()
            } else {
                snake.append(character)
            }
        }
        return snake
    }

    private static func index(in field: String) -> Int? {
        guard let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(after: open)..<close])
    }
}
