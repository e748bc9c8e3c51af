import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonStore

extension Liaison {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add organizations or people from a CSV file, all of them or none.",
            discussion: """
                The columns are those of Liaison's own exports, named by the first line, in any order. Every \
                row is checked by the rules of the forms; a problem names its line and column and nothing is \
                written. A row whose organization (by name, in any script or alias) or person (by email) is \
                already in the directory, or earlier in the file, is a duplicate: refused, or left out with \
                --skip-duplicates. --dry-run checks and reports without writing. People name their \
                organization in the organization column; a name not in the directory is kept as written.
                """)

        enum Kind: String, ExpressibleByArgument, CaseIterable { case organizations, people }

        @Argument(help: "What the file holds: organizations or people.") var kind: Kind
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Check the file and report, writing nothing.") var dryRun = false
        @Flag(help: "Leave out rows that duplicate a record instead of refusing the file.") var skipDuplicates = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("file: cannot read \(file).")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("file: \(file) is not UTF-8 text.")
            }
            let started = Date()
            let summary = try await store.withStore { database, configuration in
                let importer = CSVImporter(store: database, skipDuplicates: skipDuplicates, dryRun: dryRun)
                switch kind {
                case .organizations:
                    return try await importer.organizations(
                        text, regions: configuration.regions, currentYear: currentYear())
                case .people:
                    return try await importer.people(text, currentYear: currentYear())
                }
            }
            let seconds = Date().timeIntervalSince(started)
            let rate = seconds > 0 ? Int(Double(summary.rows) / seconds) : summary.rows
            print(summary.description(kind: kind.rawValue, dryRun: dryRun, seconds: seconds, rate: rate))
        }
    }
}

/// What an import did or would do.
struct ImportSummary: Sendable {
    var rows = 0
    var created = 0
    var skipped: [String] = []

    func description(kind: String, dryRun: Bool, seconds: Double, rate: Int) -> String {
        var lines = [
            dryRun
                ? "\(rows) rows checked: \(rows - skipped.count) \(kind) would be added; nothing was written."
                : "Added \(created) \(kind) from \(rows) rows in \(String(format: "%.1f", seconds)) s (\(rate) rows a second)."
        ]
        if !skipped.isEmpty { lines.append("Left out \(skipped.count) duplicates:") }
        lines += skipped.prefix(50).map { "  \($0)" }
        if skipped.count > 50 { lines.append("  … and \(skipped.count - 50) more") }
        return lines.joined(separator: "\n")
    }
}

/// Reads a CSV file into records through `CSVImport`, finds duplicates, and creates the rest in one
/// transaction; every refusal is a `CommandFailure` listing the problems by line and column.
struct CSVImporter {
    let store: any LiaisonStore
    let skipDuplicates: Bool
    let dryRun: Bool

    func organizations(_ text: String, regions: RegionCatalog, currentYear: Int) async throws -> ImportSummary {
        let plan = CSVImport.organizations(text, regions: regions, currentYear: currentYear)
        try refuse(plan.problems)
        var summary = ImportSummary(rows: plan.rows.count)
        var seen: [String: Int] = [:]
        var inputs: [(line: Int, input: OrganizationInput)] = []
        var duplicates: [CSVImport.Problem] = []
        for (line, input) in plan.rows {
            let key = SearchText.sortKey(input.name)
            let reason: String?
            if let earlier = seen[key] {
                reason = "\(input.name) is already on line \(earlier)."
            } else if let existing = try await store.organization(named: input.name) {
                reason = "\(input.name) is already in the directory (organization \(existing.id))."
            } else {
                reason = nil
            }
            seen[key] = seen[key] ?? line
            if let reason {
                duplicates.append(CSVImport.Problem(line: line, column: "name", rule: "duplicate", message: reason))
            } else {
                inputs.append((line, input))
            }
        }
        return try await create(inputs, duplicates: duplicates, summary: &summary) {
            try await store.createOrganizations($0, by: .system)
        }
    }

    func people(_ text: String, currentYear: Int) async throws -> ImportSummary {
        var organizations: [String: Int64?] = [:]
        for name in Set(Self.organizationNames(text)) {
            organizations[name] = try await store.organization(named: name)?.id
        }
        // National numbers are dialled from the organization's country, as the intake dials them.
        let countries = try await store.countries(ofOrganizations: organizations.values.compactMap { $0 })
        let plan = CSVImport.people(
            text, currentYear: currentYear, organizationId: { organizations[$0] ?? nil }, country: { countries[$0] })
        try refuse(plan.problems)
        var summary = ImportSummary(rows: plan.rows.count)
        var seen: [String: Int] = [:]
        var inputs: [(line: Int, input: PersonInput)] = []
        var duplicates: [CSVImport.Problem] = []
        for (line, input) in plan.rows {
            let emails = input.channels.filter { $0.kind == .email }.map(\.matchKey)
            var reason = emails.compactMap { email in seen[email].map { "\(email) is already on line \($0)." } }.first
            if reason == nil, !emails.isEmpty,
                let existing = try await store.likelyDuplicates(of: input, excluding: nil).first
            {
                reason = "\(input.displayName) is already in the directory (person \(existing.id))."
            }
            for email in emails where seen[email] == nil { seen[email] = line }
            if let reason {
                duplicates.append(CSVImport.Problem(line: line, column: "email", rule: "duplicate", message: reason))
            } else {
                inputs.append((line, input))
            }
        }
        return try await create(inputs, duplicates: duplicates, summary: &summary) {
            try await store.createPeople($0, by: .system)
        }
    }

    private func create<Input>(
        _ rows: [(line: Int, input: Input)], duplicates: [CSVImport.Problem], summary: inout ImportSummary,
        write: ([Input]) async throws -> [Int64]
    ) async throws -> ImportSummary {
        if !skipDuplicates { try refuse(duplicates, hint: "Use --skip-duplicates to leave them out.") }
        summary.skipped = duplicates.map(\.description)
        guard !dryRun, !rows.isEmpty else { return summary }
        do {
            summary.created = try await write(rows.map(\.input)).count
        } catch let failure as BatchRowError {
            // The store found what the file alone could not (a rule that needs the database).
            let line = rows[failure.index].line
            let message =
                (failure.error as? LiaisonCore.ValidationError)?.errors
                .map { "line \(line), column \(CSVImport.column(of: $0.field)): \($0.message)" }
                .joined(separator: "\n") ?? "line \(line): \(failure.error)"
            throw CommandFailure("Nothing was imported:\n" + message)
        }
        return summary
    }

    private func refuse(_ problems: [CSVImport.Problem], hint: String? = nil) throws {
        guard !problems.isEmpty else { return }
        var lines = ["Nothing was imported: \(problems.count) problem\(problems.count == 1 ? "" : "s") in the file."]
        lines += problems.prefix(50).map(\.description)
        if problems.count > 50 { lines.append("… and \(problems.count - 50) more.") }
        if let hint { lines.append(hint) }
        throw CommandFailure(lines.joined(separator: "\n"))
    }

    /// The organization column's distinct values, looked up once each before the rows are read.
    private static func organizationNames(_ text: String) -> [String] {
        guard let records = try? CSVReader.records(text), let header = records.first?.cells,
            let index = header.firstIndex(where: { $0.lowercased() == "organization" })
        else { return [] }
        return records.dropFirst().compactMap { record in
            index < record.cells.count ? record.cells[index].trimmingCharacters(in: .whitespaces) : nil
        }.filter { !$0.isEmpty }
    }
}
