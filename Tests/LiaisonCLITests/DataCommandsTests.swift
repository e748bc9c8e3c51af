import ArgumentParser
import Foundation
import LiaisonSQLite
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonCLI

/// `liaison copy`, `backup` and `restore` as an administrator types them.
@Suite struct DataCommandsTests {
    private func run(_ arguments: [String]) async throws {
        var command = try Liaison.parseAsRoot(arguments)
        if var command = command as? any AsyncParsableCommand {
            try await command.run()
        } else {
            try command.run()
        }
    }

    private func withFolder(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder.path)
    }

    @Test func copyBackupAndRestoreMoveTheDemoNetworkBetweenFiles() async throws {
        try await withFolder { folder in
            try await run(["seed", "demo", "--database", "\(folder)/a.sqlite"])
            try await run(["copy", "--from", "\(folder)/a.sqlite", "--to", "\(folder)/b.sqlite"])
            try await run(["backup", "--database", "\(folder)/b.sqlite", "--output", "\(folder)/b.jsonl"])
            try await run(["restore", "--database", "\(folder)/c.sqlite", "--input", "\(folder)/b.jsonl"])
            try await run(["backup", "--database", "\(folder)/c.sqlite", "--output", "\(folder)/c.jsonl"])
            let first = try String(contentsOfFile: "\(folder)/b.jsonl", encoding: .utf8).split(separator: "\n")
            let second = try String(contentsOfFile: "\(folder)/c.jsonl", encoding: .utf8).split(separator: "\n")
            #expect(first.count > 300)
            #expect(first.dropFirst() == second.dropFirst())

            // Filling a database that has data is refused, saying why.
            await #expect {
                try await run(["copy", "--from", "\(folder)/a.sqlite", "--to", "\(folder)/c.sqlite"])
            } throws: { error in
                "\(error)".contains("is not empty")
            }
            await #expect {
                try await run(["copy", "--from", "\(folder)/a.sqlite", "--to", "\(folder)/a.sqlite"])
            } throws: { error in
                "\(Liaison.message(for: error))".contains("--from and --to name the same database")
            }
            await #expect {
                try await run(["copy", "--from", "\(folder)/missing.sqlite", "--to", "\(folder)/d.sqlite"])
            } throws: { error in
                "\(Liaison.message(for: error))".contains("--from: there is no SQLite database")
            }
            await #expect {
                try await run(["restore", "--database", "\(folder)/d.sqlite", "--input", "\(folder)/none.jsonl"])
            } throws: { error in
                "\(Liaison.message(for: error))".contains("--input: cannot read the file")
            }
        }
    }

    @Test(.enabled(if: TestEngine.postgresURL != nil))
    func copyGoesToPostgreSQLAndBack() async throws {
        try await withFolder { folder in
            let url = try #require(TestEngine.postgresURL)
            let schema = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let target = url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
            try await run(["seed", "demo", "--database", "\(folder)/a.sqlite"])
            try await run(["copy", "--from", "\(folder)/a.sqlite", "--to", target])
            try await run(["copy", "--from", target, "--to", "\(folder)/b.sqlite"])
            try await run(["backup", "--database", "\(folder)/a.sqlite", "--output", "\(folder)/a.jsonl"])
            try await run(["backup", "--database", "\(folder)/b.sqlite", "--output", "\(folder)/b.jsonl"])
            let first = try String(contentsOfFile: "\(folder)/a.jsonl", encoding: .utf8).split(separator: "\n")
            let second = try String(contentsOfFile: "\(folder)/b.jsonl", encoding: .utf8).split(separator: "\n")
            #expect(first.dropFirst() == second.dropFirst())
            try await TestEngine.dropSchema(schema)
        }
    }

    @Test func importAddsEveryRowOrNoneAndNamesDuplicates() async throws {
        try await withFolder { folder in
            let database = "\(folder)/d.sqlite"
            try await run(["seed", "demo", "--database", database])
            let count = { () async throws -> Int in
                try await SQLiteStore.open(path: database).listOrganizations(OrganizationQuery()).total
            }
            let before = try await count()
            let organizations = "\(folder)/organizations.csv"
            try """
            name,native_name,kind,country,region,population,membership_status,member_since,paying
            Saint-Exampleton,,city,FR,Europe,"10,466",prospect,,no
            Testhaven,测试港,city,CN,asia-pacific,,member,2019,yes
            Guangzhou,广州,city,CN,asia-pacific,,member,1993,yes
            """.write(toFile: organizations, atomically: true, encoding: .utf8)

            // Guangzhou is in the demo network: the file is refused whole, naming the line.
            await #expect {
                try await run(["import", "organizations", organizations, "--database", database])
            } throws: { error in
                "\(error)".contains("line 4, column name: Guangzhou is already in the directory")
            }
            try await run([
                "import", "organizations", organizations, "--database", database, "--dry-run", "--skip-duplicates",
            ])
            #expect(try await count() == before)
            try await run(["import", "organizations", organizations, "--database", database, "--skip-duplicates"])
            #expect(try await count() == before + 2)

            let people = "\(folder)/people.csv"
            try """
            family_name,given_name,title,organization,email
            Huang,Wei,Director,Testhaven,huang.wei@dg.example.cn
            Li,Na,Officer,Saint-Exampleton,not-an-email
            """.write(toFile: people, atomically: true, encoding: .utf8)
            await #expect {
                try await run(["import", "people", people, "--database", database])
            } throws: { error in
                "\(error)".contains("line 3, column email:")
            }
            #expect(try await SQLiteStore.open(path: database).listPeople(PersonQuery(text: "huang wei")).total == 0)
            await #expect {
                try await run(["import", "places", people, "--database", database])
            } throws: { error in
                "\(Liaison.message(for: error))".contains("places")
            }
        }
    }

    @Test func aSyntheticNetworkCarriesReportsAndTheReportBenchmarkRunsOnIt() async throws {
        try await withFolder { folder in
            let database = "\(folder)/bench.sqlite"
            try await run([
                "seed", "synthetic", "--organizations", "30", "--people", "120", "--activities", "60", "--reports",
                "12", "--database", database,
            ])
            let store = try SQLiteStore.open(path: database)
            #expect(try await store.listReports(ReportQuery()).count == 12)
            try await run(["bench", "reports", "--database", database, "--words", "200", "--runs", "2", "--json"])
            // Its reports stay: one written first, then one a run.
            #expect(try await store.listReports(ReportQuery()).count == 15)
        }
    }

    @Test func aSyntheticNetworkCarriesItsPipelineAndCongressInvitations() async throws {
        try await withFolder { folder in
            let database = "\(folder)/grow.sqlite"
            try await run([
                "seed", "synthetic", "--organizations", "30", "--people", "60", "--prospects", "7", "--delegations",
                "9", "--database", database,
            ])
            let store = try SQLiteStore.open(path: database)
            #expect(try await store.listProspects(ProspectQuery(limit: 1000)).count == 7)
            #expect(try await store.listDelegations(DelegationQuery(limit: 1000)).count == 9)
            // The command an administrator runs after a bulk load takes the same database.
            try await run(["coverage", "refresh", "--all", "--database", database])
        }
    }

    @Test func aBadCountOfReportsOrWordsIsNamed() async throws {
        for (arguments, named) in [
            (["seed", "synthetic", "--reports=-1"], "--reports must be from 0 to 1,000,000; got -1."),
            (["seed", "synthetic", "--reports", "1000001"], "--reports must be from 0 to 1,000,000; got 1000001."),
            (["bench", "reports", "--words", "5"], "--words must be from 100 to 100,000; got 5."),
            (["bench", "reports", "--runs", "0"], "--runs must be from 1 to 1,000; got 0."),
        ] {
            #expect(throws: (any Error).self) { try Liaison.parseAsRoot(arguments) }
            do {
                _ = try Liaison.parseAsRoot(arguments)
            } catch {
                #expect(Liaison.message(for: error).contains(named), "\(arguments)")
            }
        }
    }
}
