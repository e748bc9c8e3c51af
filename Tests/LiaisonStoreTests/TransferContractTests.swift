import Foundation
import LiaisonCore
import LiaisonDemo
import LiaisonTestSupport
import Testing

@testable import LiaisonStore

/// `liaison copy` and JSON backups: everything moves between any two engines and comes back the same.
@Suite struct TransferContractTests {
    /// Every ordered pair of the available engines: SQLite to SQLite, SQLite to PostgreSQL and back...
    static var enginePairs: [(TestEngine, TestEngine)] {
        TestEngine.available.flatMap { from in TestEngine.available.map { (from, $0) } }
    }

    /// The demo network, an account with a token and two-factor sign-in, a merge and a setting: rows in
    /// every table that moves.
    private func fill(_ store: any LiaisonStore) async throws {
        _ = try await DemoNetwork.seed(into: store, regions: .standard, currentYear: 2026)
        let ada = try await store.createAccount(
            StaffAccountInput(email: "ada@example.org", name: "Ada Admin", role: .admin), passwordHash: "hash",
            by: .system)
        _ = try await store.updateAccount(id: ada.id, .totpSecret("SECRET"), by: .system)
        _ = try await store.createAPIToken(
            NewAPIToken(accountId: ada.id, name: "reports", tokenHash: "token-hash", canWrite: false), by: .system)
        try await store.updateWorkspaceSettings(WorkspaceSettings(requireTwoFactor: true), by: .system)
        let people = try await store.listPeople(PersonQuery(perPage: 2)).items
        let keep = try #require(try await store.person(id: people[0].id))
        let remove = try #require(try await store.person(id: people[1].id))
        _ = try await store.mergePeople(
            keep: keep.id, keepVersion: keep.version, remove: remove.id, removeVersion: remove.version, by: .system)
    }

    /// What a user could see of a whole database, read through the storage interface.
    private func everything(_ store: any LiaisonStore) async throws -> String {
        let organizations = try await store.listOrganizations(OrganizationQuery(perPage: 200)).items
        var lines = try await organizations.asyncMap { "\(try await store.organization(id: $0.id)!)" }
        let people = try await store.listPeople(PersonQuery(perPage: 200)).items
        lines += try await store.people(ids: people.map(\.id)).map { "\($0)" }
        let accounts = try await store.accounts()
        lines += accounts.map { "\($0)" }
        for account in accounts {
            lines += try await store.apiTokens(accountId: account.id).map { "\($0)" }
            lines.append("\(String(describing: try await store.credentials(accountId: account.id)))")
        }
        lines += try await store.auditEntries(AuditQuery(limit: 1000)).map { "\($0)" }
        lines.append("\(try await store.workspaceSettings())")
        lines.append("\(try await store.search("广州"))")
        return lines.joined(separator: "\n")
    }

    @Test(arguments: enginePairs)
    func aCopyHoldsEverythingAndGoesOnNumberingAfterIt(from: TestEngine, to: TestEngine) async throws {
        try await from.withStore { source in
            try await fill(source)
            try await to.withStore { target in
                let report = try await DataTransfer.copy(from: source, to: target, targetName: "target")
                #expect(report.counts.first { $0.table == "organization" }?.rows == 165)
                #expect(report.counts.first { $0.table == "api_token" }?.rows == 1)
                #expect(try await everything(target) == everything(source))

                // New records get ids after the copied ones, on both sides alike.
                let next = try await target.createOrganization(.guangzhou)
                #expect(next.id == 166)
            }
        }
    }

    @Test(arguments: enginePairs)
    func aTargetWithDataIsRefusedAndLeftAsItWas(from: TestEngine, to: TestEngine) async throws {
        try await from.withStore { source in
            try await fill(source)
            try await to.withStore { target in
                _ = try await target.createOrganization(.guangzhou)
                await #expect(throws: TransferError.self) {
                    try await DataTransfer.copy(from: source, to: target, targetName: "target")
                }
                #expect(try await target.listOrganizations(OrganizationQuery()).total == 1)
            }
        }
    }

    @Test(arguments: enginePairs)
    func aBackupRestoresToTheSameDataAndTheSameBytes(from: TestEngine, to: TestEngine) async throws {
        try await from.withStore { source in
            try await fill(source)
            let backup = try await backupLines(source)
            try await to.withStore { target in
                _ = try await JSONBackup.restore(lines(backup), into: target, targetName: "target")
                #expect(try await everything(target) == everything(source))
                let again = try await backupLines(target)
                #expect(again.count == backup.count)
                #expect(again.dropFirst().first { !backup.contains($0) } == nil)  // all but the header's date
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func aCutShortOrBadBackupChangesNothingAndSaysWhere(engine: TestEngine) async throws {
        let backup = try await TestEngine.sqlite.withStore { source in
            try await fill(source)
            return try await backupLines(source)
        }
        try await engine.withStore { (target: any LiaisonStore) async throws -> Void in
            await #expect {
                try await JSONBackup.restore(lines(Array(backup.dropLast())), into: target, targetName: "target")
            } throws: { error in
                "\(error)".contains("cut short")
            }
            var bad = backup
            bad[3] = bad[3].replacingOccurrences(of: "\"disabled\":false", with: "\"disabled\":\"no\"")
            await #expect {
                try await JSONBackup.restore(lines(bad), into: target, targetName: "target")
            } throws: { error in
                "\(error)".contains("Line 4: account.disabled must be true, false or null")
            }
            await #expect {
                try await JSONBackup.restore(lines(["{\"format\":\"something else\"}"]), into: target, targetName: "t")
            } throws: { error in
                "\(error)".contains("does not start a Liaison backup")
            }
            #expect(try await target.accounts().isEmpty)
            #expect(try await target.listOrganizations(OrganizationQuery()).total == 0)
            #expect(try await target.auditEntries(AuditQuery()).isEmpty)
        }
    }

    private func backupLines(_ store: any LiaisonStore) async throws -> [String] {
        var data = Data()
        _ = try await JSONBackup.write(from: store) { data.append($0) }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private func lines(_ lines: [String]) -> AsyncStream<String> {
        AsyncStream { continuation in
            for line in lines { continuation.yield(line) }
            continuation.finish()
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}

@Suite struct BackupDateTests {
    @Test func datesAreWrittenToTheMillisecondAndReadBackExactly() throws {
        for milliseconds: Int64 in [0, 985, 1_795_000_000_985, -500, -1] {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = JSONBackup.text(date)
            #expect(JSONBackup.date(text) == date, "\(text)")
        }
        #expect(JSONBackup.text(Date(timeIntervalSince1970: 0.985)) == "1970-01-01T00:00:00.985Z")
        #expect(JSONBackup.text(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(JSONBackup.date("yesterday") == nil)
    }
}
