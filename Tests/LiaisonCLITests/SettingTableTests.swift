import ArgumentParser
import Foundation
import Testing

@testable import LiaisonCLI

/// Tests generated from the declarations: every setting, by flag and by variable, with a good and a bad value.
@Suite struct SettingTableTests {
    static let flags = Configuration.settings.map(\.flag)

    static func setting(_ flag: String) throws -> any AnySetting {
        try #require(Configuration.settings.first { $0.flag == flag })
    }

    /// The commands that take the setting's flag: `serve` takes them all.
    static func commands(for setting: any AnySetting) -> [[String]] {
        switch setting.commands {
        case .everyStoreCommand: [["serve"], ["migrate"], ["seed", "demo"], ["user", "list"]]
        case .serve: [["serve"]]
        case .mail: [["serve"], ["mail", "digest"], ["mail", "test", "--to", "agnes@example.org"]]
        }
    }

    @Test(arguments: flags) func theGoodExampleDiffersFromTheDefault(flag: String) throws {
        let setting = try Self.setting(flag)
        let good = try #require(setting.describedValue(of: setting.examples.good), "the good example is refused")
        #expect(good != setting.describedValue(in: Configuration()))
        #expect(setting.describedValue(of: setting.examples.bad) == nil, "the bad example is accepted")
    }

    @Test(arguments: flags) func aSettingTakesEffectByItsFlag(flag: String) throws {
        let setting = try Self.setting(flag)
        let configuration = try Configuration.resolve(flags: [flag: setting.examples.good], environment: [:])
        #expect(setting.describedValue(in: configuration) == setting.describedValue(of: setting.examples.good))
    }

    @Test(arguments: flags) func aSettingTakesEffectByItsVariable(flag: String) throws {
        let setting = try Self.setting(flag)
        let configuration = try Configuration.resolve(environment: [setting.variable: setting.examples.good])
        #expect(setting.describedValue(in: configuration) == setting.describedValue(of: setting.examples.good))
    }

    @Test(arguments: flags) func theFlagWinsOverTheVariable(flag: String) throws {
        let setting = try Self.setting(flag)
        // The variable's bad value is not even read.
        let configuration = try Configuration.resolve(
            flags: [flag: setting.examples.good], environment: [setting.variable: setting.examples.bad])
        #expect(setting.describedValue(in: configuration) == setting.describedValue(of: setting.examples.good))
    }

    @Test(arguments: flags) func aBadValueIsRefusedNamingTheFlagOrTheVariable(flag: String) throws {
        let setting = try Self.setting(flag)
        #expect {
            try Configuration.resolve(flags: [flag: setting.examples.bad], environment: [:])
        } throws: { error in
            "\(error)".hasPrefix(setting.longFlag + " ") || "\(error)".hasPrefix(setting.longFlag + ":")
        }
        #expect {
            try Configuration.resolve(environment: [setting.variable: setting.examples.bad])
        } throws: { error in
            "\(error)".hasPrefix(setting.variable + " ") || "\(error)".hasPrefix(setting.variable + ":")
        }
    }

    @Test(arguments: flags) func aBadFlagStopsEveryCommandThatTakesItBeforeItRuns(flag: String) throws {
        let setting = try Self.setting(flag)
        for command in Self.commands(for: setting) {
            #expect(throws: Never.self, "\(command) takes \(setting.longFlag) \(setting.examples.good)") {
                _ = try Liaison.parseAsRoot(command + [setting.longFlag, setting.examples.good])
            }
            do {
                _ = try Liaison.parseAsRoot(command + [setting.longFlag, setting.examples.bad])
                Issue.record("\(command) accepts \(setting.longFlag) \(setting.examples.bad)")
            } catch {
                let message = Liaison.message(for: error)
                #expect(message.contains(setting.longFlag), "\(command): \(message)")
            }
        }
    }

    @Test func everyBadValueIsReportedTogether() {
        let flags = Dictionary(uniqueKeysWithValues: Configuration.settings.map { ($0.flag, $0.examples.bad) })
        #expect {
            try Configuration.resolve(flags: flags, environment: [:])
        } throws: { error in
            let lines = "\(error)".split(separator: "\n")
            return lines.count == Configuration.settings.count
                && Configuration.settings.allSatisfy { setting in
                    lines.contains { $0.hasPrefix(setting.longFlag) }
                }
        }
        do {
            _ = try Liaison.parseAsRoot(["serve"] + Configuration.settings.flatMap { [$0.longFlag, $0.examples.bad] })
            Issue.record("serve accepts every bad value")
        } catch {
            let message = Liaison.message(for: error)
            for setting in Configuration.settings {
                #expect(message.contains(setting.longFlag + " ") || message.contains(setting.longFlag + ":"))
            }
        }
    }

    @Test func anUnknownFlagNameIsAProgrammingMistakeReported() {
        #expect {
            try Configuration.resolve(flags: ["prot": "80"], environment: [:])
        } throws: { error in
            "\(error)".contains("--prot is not a setting")
        }
    }

    @Test func serveShowsEverySettingInItsHelp() {
        let help = Liaison.helpMessage(for: Liaison.Serve.self, columns: 1_000)
        for setting in Configuration.settings {
            #expect(help.contains(setting.longFlag))
            #expect(help.contains(setting.variable))
        }
    }

    @Test func theREADMEListsEverySettingWithItsVariableAndDefault() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let rows = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("| `--") }
            .map {
                $0.split(separator: "|", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            }
        #expect(rows.map { $0[1] } == Configuration.settings.map { "`\($0.longFlag)`" }, "one row each, in order")
        for (row, setting) in zip(rows, Configuration.settings) {
            #expect(row[2] == "`\(setting.variable)`")
            #expect(row[3].replacingOccurrences(of: "`", with: "") == setting.shownDefault)
            #expect(row[4].hasPrefix("`serve`:") == (setting.commands == .serve), "\(setting.flag): say which commands")
            #expect(
                row[4].hasPrefix("`serve`, `mail`:") == (setting.commands == .mail),
                "\(setting.flag): say which commands")
        }
    }
}
