import Foundation
import LiaisonCore
import Testing

@testable import LiaisonWeb

/// The history speaks the interface's words: labels for fields, lists as lines of text, never JSON.
@Suite struct HistoryTextTests {
    static let t = try! Strings(file: WebSettings.bundledResources.appendingPathComponent("strings/en.json"))

    static func readable(_ before: PersonInput?, _ after: PersonInput?) -> [String: ReadableChange] {
        let text = HistoryText(t: t, entity: .person)
        return Dictionary(
            uniqueKeysWithValues: AuditDiff.changes(from: before, to: after).map { ($0.field, text.change($0)) })
    }

    @Test func aPersonsChangesReadAsLabelsAndLines() {
        let before = PersonInput(givenName: "Guo", familyName: "Chen", languages: ["zh"])
        let after = PersonInput(
            givenName: "Guo", familyName: "Chen", nameOrder: .familyFirst, languages: ["zh", "en"],
            role: .interpreter, metAtActivityId: 7,
            positions: [
                Position(
                    organizationId: 3, organizationName: "Guangzhou", title: "Director", department: "Foreign Affairs",
                    startDate: "2019")
            ],
            channels: [
                Channel(
                    kind: .wechat, value: "chenguo_gz", preferred: true,
                    heldBy: StaffContact(id: 2, name: "Agnès Bickart", email: "a@example.org"))
            ])
        let changes = Self.readable(before, after)
        #expect(changes["metAtActivityId"]?.field == "Met at (activity on the calendar)")
        #expect(changes["metAtActivityId"]?.after == ["7"])
        #expect(changes["languages"]?.field == "Languages")
        #expect(changes["languages"]?.before == ["Chinese"])
        #expect(changes["languages"]?.after == ["Chinese, English"])
        #expect(changes["nameOrder"]?.after.first?.contains("{") == false)
        #expect(changes["role"]?.after == ["Interpreter"])
        #expect(changes["positions"]?.field == "Positions")
        #expect(changes["positions"]?.after == ["Director, Foreign Affairs — Guangzhou (2019–)"])
        #expect(changes["channels"]?.field == "How to reach")
        #expect(changes["channels"]?.after == ["WeChat: chenguo_gz · preferred · Held by Agnès Bickart"])
        for change in changes.values {
            #expect(!change.field.contains("Id") && change.field.first?.isUppercase == true, "\(change.field)")
            for line in change.before + change.after {
                #expect(!line.hasPrefix("{") && !line.hasPrefix("["), "\(change.field): \(line)")
            }
        }
    }

    @Test func organizationsAndActivitiesReadTheSame() {
        let text = HistoryText(t: Self.t, entity: .organization)
        let changes = AuditDiff.changes(
            from: OrganizationInput(name: "Foshan"),
            to: OrganizationInput(
                name: "Foshan", aliases: ["Fatshan", "Namhoi"], country: "CN", membershipStatus: .member,
                paying: true, governanceRoles: [GovernanceRole(title: "Board", fromYear: 2019, toYear: 2022)])
        ).map(text.change)
        let byField = Dictionary(uniqueKeysWithValues: changes.map { ($0.field, $0.after) })
        #expect(byField["Aliases"] == ["Fatshan, Namhoi"])
        #expect(byField["Country"] == ["China (CN)"])
        #expect(byField["Membership status"] == ["Member"])
        #expect(byField["Paying member"] == ["Yes"])
        #expect(byField["Governance roles"] == ["Board (2019–2022)"])

        let activity = HistoryText(t: Self.t, entity: .activity)
        #expect(activity.label("staffAccountIds") == "Staff taking part")
        #expect(activity.label("placeOrganizationId") == "Place (organization)")
        let organizations = activity.lines(
            #"[{"mode":"in_person","organizationId":4,"organizationName":"Foshan","organizer":false,"status":"invited"}]"#,
            field: "organizations")
        #expect(organizations == ["Foshan — In person · Invited"])
        // A field no label names is spelt out in words rather than shown as a property name.
        #expect(HistoryText(t: Self.t, entity: .settings).label("someNewSetting") == "Some new setting")
        // Free text that looks like JSON stays as typed.
        #expect(text.lines("[draft] {see notes}", field: "notes") == ["[draft] {see notes}"])
    }
}
