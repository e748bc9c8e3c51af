import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore
import LiaisonTestSupport
import Logging
import Testing

@testable import LiaisonWeb

/// Takes the messages the mail service sends, or refuses them all while `failing`.
actor RecordingTransport: MailTransport {
    private(set) var sent: [MailMessage] = []
    var failing = false

    nonisolated var destination: String { "smtp://test" }

    func send(_ messages: [MailMessage], logger: Logger) async throws(SMTPError) -> [SMTPError?] {
        if failing { throw .timeout(after: "the greeting") }
        sent += messages
        return messages.map { _ in nil }
    }

    func fail(_ failing: Bool) { self.failing = failing }
    func clear() { sent = [] }
}

/// What the mail service sends, to whom and when, on the in-process store: inbox entries as they happen and the
/// daily digest in each person's zone.
@Suite struct MailServiceTests {
    struct World {
        let store: any LiaisonStore
        let agnes: StaffAccount
        let lead: StaffAccount
        let foshan: Organization
        let transport: RecordingTransport
        let service: MailService
    }

    func withWorld(digestHour: Int? = 7, _ body: (World) async throws -> Void) async throws {
        try await TestEngine.forHTTP.withStore { store in
            let agnes = try await store.createAccount(
                StaffAccountInput(email: "agnes@example.org", name: "Agnès Bickart", role: .editor),
                passwordHash: "hash", by: .system)
            _ = try await store.updateAccount(id: agnes.id, .timeZone("Asia/Shanghai"), by: .system)
            let lead = try await store.createAccount(
                StaffAccountInput(email: "lead@example.org", name: "Lead", role: .editor), passwordHash: "hash",
                by: .system)
            let foshan = try await store.createOrganization(
                OrganizationInput(name: "Foshan", country: "CN"), by: .system)
            let transport = RecordingTransport()
            var settings = MailSettings(
                from: MailAddress("liaison@example.org", name: "Liaison")!, publicURL: "https://liaison.example.org/",
                digestHour: digestHour)
            settings.defaultZone = TimeZone(identifier: "Europe/Brussels")!
            let service = try MailService(
                store: store, transport: transport, settings: settings, logger: Logger(label: "test"))
            try await body(
                World(store: store, agnes: agnes, lead: lead, foshan: foshan, transport: transport, service: service))
        }
    }

    func assign(_ world: World, _ title: String, due: String?, organizations: [Int64] = []) async throws -> FollowUp {
        try await world.store.createFollowUp(
            FollowUpInput(
                title: title, assigneeAccountId: world.agnes.id, dueDate: due, organizationIds: organizations),
            by: AuditActor(accountId: world.lead.id, name: world.lead.name))
    }

    @Test func anAssignmentIsMailedOnceToTheAssigneeWithALinkToIt() async throws {
        try await withWorld { world in
            _ = try await assign(world, "Invite Foshan to the Congress", due: nil)
            #expect(try await world.service.sendNotifications() == 1)
            let sent = await world.transport.sent
            #expect(sent.count == 1)
            let message = try #require(sent.first)
            #expect(message.to.address == "agnes@example.org")
            #expect(message.subject == "Lead assigned you a follow-up: “Invite Foshan to the Congress”")
            let entry = try #require(try await world.store.notifications(accountId: world.agnes.id).first)
            #expect(message.text.contains("https://liaison.example.org/inbox/\(entry.id)"))
            #expect(message.text.hasPrefix("Hello Agnès Bickart,"))
            #expect(try await world.service.sendNotifications() == 0)
            #expect(await world.transport.sent.count == 1)
        }
    }

    @Test func severalEntriesGoAsOneMessageAndDisabledAccountsGetNone() async throws {
        try await withWorld { world in
            _ = try await assign(world, "Call Foshan", due: nil)
            _ = try await assign(world, "Call Dongguan", due: nil)
            _ = try await world.store.createFollowUp(
                FollowUpInput(title: "For the lead", assigneeAccountId: world.lead.id),
                by: AuditActor(accountId: world.agnes.id, name: world.agnes.name))
            _ = try await world.store.updateAccount(id: world.lead.id, .isDisabled(true), by: .system)
            #expect(try await world.service.sendNotifications() == 2)
            let sent = await world.transport.sent
            #expect(sent.map(\.to.address) == ["agnes@example.org"])
            #expect(sent.first?.subject == "2 new items in your Liaison inbox")
            #expect(sent.first?.text.contains("“Call Foshan”") == true)
            #expect(sent.first?.text.contains("“Call Dongguan”") == true)
        }
    }

    @Test func aFailingServerLeavesTheMailForLater() async throws {
        try await withWorld { world in
            _ = try await assign(world, "Invite Zhuhai", due: nil)
            // One clock for the three tries, so a slow machine cannot make the wait look over.
            let start = Date()
            await world.transport.fail(true)
            #expect(try await world.service.sendNotifications(now: start) == 0)
            await world.transport.fail(false)
            #expect(
                try await world.service.sendNotifications(now: start.addingTimeInterval(1)) == 0,
                "not before its wait is over")
            #expect(try await world.service.sendNotifications(now: start.addingTimeInterval(61)) == 1)
            #expect(await world.transport.sent.count == 1)
        }
    }

    @Test func theDigestGoesAtTheHourInEachPersonsZoneOverdueFirstOnceADay() async throws {
        try await withWorld { world in
            _ = try await assign(
                world, "Call Foshan about membership", due: "2026-12-15", organizations: [world.foshan.id])
            _ = try await assign(world, "Request the participants' contacts", due: "2026-12-10")
            _ = try await assign(world, "Invite to the Congress", due: "2026-12-16")
            // 06:30 in Shanghai is too early; 07:30 is the hour.
            let early = ISO8601DateFormatter().date(from: "2026-12-14T22:30:00Z")!
            #expect(try await world.service.sendDueDigests(now: early).sent.isEmpty)
            let seven = ISO8601DateFormatter().date(from: "2026-12-14T23:30:00Z")!
            await world.transport.clear()
            let outcome = try await world.service.sendDueDigests(now: seven)
            #expect(outcome.sent == ["agnes@example.org"])
            let digest = try #require(await world.transport.sent.first)
            #expect(digest.subject == "Your follow-ups: 1 overdue, 1 due today")
            let text = digest.text
            let overdue = try #require(text.range(of: "Request the participants' contacts"))
            let today = try #require(text.range(of: "Call Foshan about membership"))
            #expect(overdue.lowerBound < today.lowerBound)
            #expect(text.contains("Due 2026-12-15 · Foshan"))
            #expect(text.contains("https://liaison.example.org/follow-ups/"))
            #expect(!text.contains("Invite to the Congress"))
            // Once a day, however often the service looks.
            #expect(try await world.service.sendDueDigests(now: seven.addingTimeInterval(3600)).sent.isEmpty)
            #expect(await world.transport.sent.count == 1)
            // The lead has nothing due (and is in Brussels, where it is still night): nothing.
            #expect(await world.transport.sent.allSatisfy { $0.to.address != "lead@example.org" })
        }
    }

    @Test func theDigestCommandSendsADayOnceAndNothingToThoseWithNothingDue() async throws {
        try await withWorld(digestHour: nil) { world in
            _ = try await assign(world, "Request contacts", due: "2026-12-01")
            #expect(try await world.service.sendDueDigests().sent.isEmpty, "no hour: the service sends no digest")
            let first = try await world.service.sendDigests(day: "2026-12-20")
            #expect(first.sent == ["agnes@example.org"])
            let again = try await world.service.sendDigests(day: "2026-12-20")
            #expect(again.sent.isEmpty && again.already == 2)
            #expect(await world.transport.sent.count == 1)
        }
    }
}
