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
        try await fillCalendar(store, staff: ada)
    }

    /// An activity that became part of a mission made after it (so the mission's id is the higher one, and a
    /// copy brings the part first), a person met on that mission (people come before activities), feeds
    /// and a staff member's zone: rows in every table of the calendar.
    private func fillCalendar(_ store: any LiaisonStore, staff: StaffAccount) async throws {
        let organizations = try await store.listOrganizations(OrganizationQuery(perPage: 2)).items
        let person = try #require(try await store.listPeople(PersonQuery(perPage: 3)).items.last)
        var meeting = ActivityInput(
            kind: .bilateralMeeting, title: "Meeting on housing", start: "2026-11-10T15:00", end: "2026-11-10T16:30",
            timeZone: "Asia/Shanghai", placeOrganizationId: organizations[0].id, venue: "City hall",
            staffAccountIds: [staff.id],
            organizations: [
                ActivityOrganization(organizationId: organizations[0].id, status: .attended, organizer: true),
                ActivityOrganization(organizationId: organizations[1].id, mode: .virtual, status: .confirmed),
                ActivityOrganization(organizationName: "Qingdao", status: .declined),
            ],
            people: [ActivityPerson(personId: person.id, organizationId: organizations[0].id, role: .speaker)])
        let part = try await store.createActivity(meeting, by: .system)
        let mission = try await store.createActivity(
            ActivityInput(
                kind: .mission, title: "Mission to China", allDay: true, start: "2026-11-08", end: "2026-11-12",
                timeZone: "Asia/Shanghai", visibility: .public, staffAccountIds: [staff.id]), by: .system)
        meeting.missionId = mission.id
        _ = try await store.updateActivity(id: part.id, expectedVersion: part.version, meeting, by: .system)
        let met = try #require(try await store.person(id: person.id))
        var input = met.input
        input.metAtActivityId = mission.id
        _ = try await store.updatePerson(id: met.id, expectedVersion: met.version, input, by: .system)
        let old = try await store.createCalendarFeed(accountId: staff.id, scope: .all, tokenHash: "feed-1", by: .system)
        try await store.revokeCalendarFeed(id: old.id, accountId: staff.id, by: .system)
        _ = try await store.createCalendarFeed(accountId: staff.id, scope: .mine, tokenHash: "feed-2", by: .system)
        _ = try await store.updateAccount(id: staff.id, .timeZone("Europe/Madrid"), by: .system)
    }

    /// What a user could see of a whole database, read through the storage interface.
    private func everything(_ store: any LiaisonStore) async throws -> String {
        let organizations = try await store.listOrganizations(OrganizationQuery(perPage: 200)).items
        var lines = try await organizations.asyncMap { "\(try await store.organization(id: $0.id)!)" }
        let people = try await store.listPeople(PersonQuery(perPage: 200)).items
        lines += try await store.people(ids: people.map(\.id)).map { "\($0)" }
        let activities = try await store.listActivities(ActivityQuery(limit: ActivityQuery.maxLimit))
        lines += try await store.activities(ids: activities.map(\.id)).map { "\($0)" }
        let accounts = try await store.accounts()
        lines += accounts.map { "\($0)" }
        for account in accounts {
            lines += try await store.calendarFeeds(accountId: account.id).map { "\($0)" }
            lines += try await store.apiTokens(accountId: account.id).map { "\($0)" }
            lines.append("\(String(describing: try await store.credentials(accountId: account.id)))")
        }
        let prospects = try await store.listProspects(ProspectQuery(limit: 1000))
        lines += try await prospects.asyncMap { "\(try await store.prospect(id: $0.id)!)" }
        // The demo's trip report: its links, authors, reviewers, comment, follow-ups and the inbox entries.
        for summary in try await store.listReports(ReportQuery(limit: 200)) {
            lines.append("\(String(describing: try await store.report(id: summary.id)))")
            lines += try await store.comments(ofReport: summary.id).map { "\($0)" }
        }
        let followUps = try await store.listFollowUps(FollowUpQuery(statuses: [], limit: 200))
        for followUp in followUps {
            lines.append("\(String(describing: try await store.followUp(id: followUp.id)))")
        }
        for account in accounts {
            lines += try await store.notifications(accountId: account.id).map { "\($0)" }
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
                for table in ["report", "report_author", "report_reviewer", "report_link", "comment", "follow_up"] {
                    #expect(report.counts.first { $0.table == table }?.rows ?? 0 > 0, "no \(table) rows copied")
                }
                #expect(report.counts.first { $0.table == "follow_up_organization" }?.rows ?? 0 > 0)
                #expect(report.counts.first { $0.table == "notification" }?.rows ?? 0 > 0)
                #expect(try await everything(target) == everything(source))
                // The whole directory's counts by status (kept apart from the rows on SQLite) came with them.
                let counts = try await target.listOrganizations(OrganizationQuery(perPage: 1))
                #expect(
                    counts.countsByStatus
                        == (try await source.listOrganizations(OrganizationQuery(perPage: 1))).countsByStatus)
                #expect(counts.total == 165)
                #expect(
                    try await target.listPeople(PersonQuery(perPage: 1)).total
                        == (try await source.listPeople(PersonQuery(perPage: 1))).total)

                // The mission came after its part and after the person met there; both still point to it.
                let mission = try #require(
                    try await target.listActivities(ActivityQuery(kinds: [.mission], limit: 500)).first {
                        $0.title == "Mission to China"
                    })
                let part = try #require(try await target.listActivities(ActivityQuery(missionId: mission.id)).first)
                #expect(part.id < mission.id)
                let met = try #require(try await target.listPeople(PersonQuery(perPage: 3)).items.last)
                #expect(try await target.person(id: met.id)?.metAtActivityId == mission.id)

                // New records get ids after the copied ones, on both sides alike.
                let next = try await target.createOrganization(.guangzhou)
                #expect(next.id == 166)
                let call = try await target.createActivity(
                    ActivityInput(kind: .call, title: "Call", start: "2026-12-01T10:00", end: "2026-12-01T10:30"),
                    by: .system)
                // The demo's calendar comes first; the mission is the last activity copied.
                #expect(call.id == mission.id + 1)
                let ada = try #require(try await target.accounts().first { $0.email == "ada@example.org" })
                #expect(ada.timeZone == "Europe/Madrid")
                let feeds = try await target.calendarFeeds(accountId: ada.id)
                let feed = try await target.createCalendarFeed(
                    accountId: ada.id, scope: .mine, tokenHash: "feed-3", by: .system)
                #expect(feed.id == feeds.map(\.id).max()! + 1)

                // A report, a comment and a follow-up made after the copy take the next ids too.
                let copied = try #require(try await target.listReports(ReportQuery()).first)
                let comment = try await target.createComment(
                    CommentInput(reportId: copied.id, body: "After the copy"), by: .system)
                #expect(comment.id == (try await source.comments(ofReport: copied.id)).map(\.id).max()! + 1)
                let later = try await target.createFollowUp(FollowUpInput(title: "After the copy"), by: .system)
                let highest = try await source.listFollowUps(FollowUpQuery(statuses: [], limit: 200)).map(\.id).max()!
                #expect(later.id == highest + 1)
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
    func aBackupWrittenBeforeTheCurrencyRestoresWithTheStandardOne(engine: TestEngine) async throws {
        let backup = try await TestEngine.sqlite.withStore { source in
            try await fill(source)
            return try await backupLines(source)
        }
        // The workspace's settings row as backups wrote it before migration 010.
        let older = backup.map {
            $0.replacingOccurrences(of: "\"currency\":\"EUR\",", with: "")
                .replacingOccurrences(of: ",\"currency\":\"EUR\"", with: "")
        }
        #expect(older != backup)
        try await engine.withStore { target in
            _ = try await JSONBackup.restore(lines(older), into: target, targetName: "target")
            #expect(try await target.workspaceSettings().currency == "EUR")
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

    /// Rows go in by batches of 500 in id order, so in a large calendar the parts of a mission made later,
    /// and the people met there, arrive statements before the mission itself.
    @Test(arguments: TestEngine.available)
    func aMissionMayArriveBatchesAfterItsPartsAndThePeopleMetThere(engine: TestEngine) async throws {
        let person = TransferTable.named("person")!
        let activity = TransferTable.named("activity")!
        let at = TransferValue.instant(Date(timeIntervalSince1970: 1_794_000_000))
        func activityRow(_ id: Int64, kind: ActivityKind, mission: Int64?) -> [TransferValue] {
            [
                .integer(id), .text(kind.rawValue), .text("Activity \(id)"), .null,
                mission.map { .integer($0) } ?? .null,
                .bool(false), .text("2026-11-10T10:00"), .text("2026-11-10T11:00"), .text("UTC"), at,
                .instant(Date(timeIntervalSince1970: 1_794_003_600)), .null, .null, .null, .text("internal"),
                .integer(1), at, at,
            ]
        }
        let met: [TransferValue] = [
            .integer(1), .text("Guo"), .text("Chen"), .text("family_first"), .null, .null, .text("none"), .null,
            .null, .integer(2), .null, .null, .text("CHEN Guo"), .text("chen guo"), .text("chen guo"), .integer(1),
            at, at,
        ]
        try await engine.withStore { target in
            try await target.importRows { sink in
                try await sink.insert(person, [met])
                try await sink.insert(activity, [activityRow(1, kind: .event, mission: 2)])
                try await sink.insert(activity, [activityRow(2, kind: .mission, mission: nil)])
            }
            #expect(try await target.activity(id: 1)?.missionTitle == "Activity 2")
            #expect(try await target.person(id: 1)?.metAtActivityId == 2)
        }
        // A mission that never comes is refused when the import ends, and the import leaves nothing.
        try await engine.withStore { (target: any LiaisonStore) async throws -> Void in
            await #expect(throws: (any Error).self) {
                try await target.importRows { sink in
                    try await sink.insert(activity, [activityRow(1, kind: .event, mission: 2)])
                }
            }
            #expect(try await target.countRows(activity) == 0)
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
