import ArgumentParser
import Foundation
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
}
