import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// Every record kind's edit and delete pages through the one form flow they share, sending back the form as
/// the edit page draws it: a wrong field keeps the form as typed (422), a form without its version is refused
/// (400), a stale version is refused with the conflict notice and the current version (409), a stale delete
/// is refused (409) and deletes nothing, and viewers may only read.
@Suite struct RecordFormFlowTests {
    /// A kind of record, and a field its form refuses.
    struct Kind: Sendable, CustomTestStringConvertible {
        let name: String
        /// The field set to a wrong value, and the value.
        let field: String
        let value: String
        /// What the refused form shows of it.
        let shows: String
        /// The start of where a delete goes.
        let deletedTo: String

        var testDescription: String { name }
    }

    /// Each kind: its name, the field made wrong, its wrong value, what the refused form shows, where a delete
    /// goes. Read from a table, one kind a line.
    static let kinds = """
        organizations  population     lots     value="lots"           /organizations?deleted=1
        people         consentDate    soon     value="soon"           /people?deleted=1
        activities     startDate      someday  value="someday"        /calendar?deleted=1
        follow-ups     dueDate        soon     value="soon"           /follow-ups?deleted=1
        groups         addActivityId  abc      abc                    /groups
        interests      expressedOn    soon     value="soon"           /organizations/
        pipeline       likelihood     lots     value="lots"           /pipeline
        opportunities  activityId     abc      abc                    /opportunities
        delegations    expectedSize   lots     value="lots"           /activities/
        reports        activityId     x        href="#f-activityId"   /reports?deleted=1
        """.split(separator: "\n").map { line in
            let cells = line.split(separator: " ").map(String.init)
            return Kind(
                name: cells[0], field: cells[1], value: cells[2], shows: cells[3],
                deletedTo: cells[4])
        }

    @Test(arguments: kinds) func theFormFlowOf(_ kind: Kind) async throws {
        try await withTestApp { app in
            let path = try #require(try await Self.seed(app)[kind.name])

            // Viewers read the record and may not open or send its forms.
            #expect(try await app.get(path, as: .viewer).status == .ok)
            #expect(try await app.get("\(path)/edit", as: .viewer).status == .forbidden)
            #expect(try await app.get("\(path)/delete", as: .viewer).status == .forbidden)
            #expect(try await app.submit(path, [("version", "1")], as: .viewer).status == .forbidden)
            #expect(try await app.submit("\(path)/delete", [("version", "1")], as: .viewer).status == .forbidden)

            let edit = try await app.get("\(path)/edit")
            #expect(edit.status == .ok)
            let drawn = Self.fields(of: edit.text).filter { $0.0 != "_csrf" }
            let version = try #require(drawn.first { $0.0 == "version" }?.1)

            let wrong = try await app.submit(path, Self.setting(kind.field, to: kind.value, in: drawn))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains(kind.shows))
            #expect(Self.version(in: wrong.text) == version)
            #expect(!wrong.text.contains("id=\"conflict\""))
            #expect(try await app.submit(path, drawn.filter { $0.0 != "version" }).status == .badRequest)

            let saved = try await app.submit(path, drawn)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "\(path)?saved=1")

            // The same form again, made on the version before that save.
            let stale = try await app.submit(path, drawn)
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("id=\"conflict\""))
            #expect(Self.version(in: stale.text) == String((Int(version) ?? 0) + 1))

            #expect(try await app.get("\(path)/delete").status == .ok)
            #expect(try await app.submit("\(path)/delete", [("version", version)]).status == .conflict)
            #expect(try await app.get(path).status == .ok)
            let current = try #require(Self.version(in: try await app.get("\(path)/delete").text))
            let deleted = try await app.submit("\(path)/delete", [("version", current)])
            #expect(deleted.status == .seeOther)
            #expect(deleted.headers[.location]?.hasPrefix(kind.deletedTo) == true)
            #expect(try await app.get(path).status == .notFound)
        }
    }

    /// One record of each kind; returns each one's page by the kind's name.
    private static func seed(_ app: TestApp) async throws -> [String: String] {
        let store = app.store
        let editor = AuditActor(accountId: app.editor.account.id, name: "editor")
        let organization = try await store.createOrganization(
            OrganizationInput(
                name: "Foshan", country: "CN", region: "asia-pacific", population: 9_500_000,
                membershipStatus: .member),
            by: .system)
        let activity = try await store.createActivity(
            ActivityInput(
                kind: .bilateralMeeting, title: "Meeting in Foshan", start: "2026-11-11T09:30",
                end: "2026-11-11T11:00", timeZone: "Asia/Shanghai",
                organizations: [ActivityOrganization(organizationId: organization.id, status: .attended)]),
            by: .system)
        let congress = try await store.createActivity(
            ActivityInput(
                kind: .congress, title: "Congress", allDay: true, start: "2027-10-01", end: "2027-10-03",
                timeZone: "Europe/Paris"),
            by: .system)
        let person = try await store.createPerson(
            PersonInput(
                givenName: "Guo", familyName: "Chen", nameOrder: .familyFirst,
                positions: [Position(organizationId: organization.id, title: "Mayor")]),
            by: .system)
        let followUp = try await store.createFollowUp(
            FollowUpInput(
                title: "Send the minutes", assigneeAccountId: app.editor.account.id, dueDate: "2026-12-01",
                organizationIds: [organization.id]),
            by: editor)
        let report = try await ReportIntake(store: store, finder: NoMentionFinder()).create(
            ReportInput(title: "Trip report", body: "We met the mayor.", activityId: activity.id), by: editor)
        let prospect = try await store.createProspect(
            ProspectInput(organizationId: organization.id, stage: .met, nextStep: "Send the statutes"), by: editor)
        let group = try await store.createWorkingGroup(
            WorkingGroupInput(
                name: "Solid waste", theme: "Solid waste",
                members: [GroupMember(organizationId: organization.id, role: .lead)]),
            by: .system)
        let interest = try await store.createInterest(
            InterestInput(organizationId: organization.id, theme: "Recycling", note: "Asked at the meeting"),
            by: .system)
        let opportunity = try await store.createOpportunity(
            OpportunityInput(title: "Urban innovation award", kind: .training), by: .system)
        let delegation = try await store.createDelegation(
            DelegationInput(activityId: congress.id, organizationId: organization.id, state: .accepted), by: .system)
        return [
            "organizations": "/organizations/\(organization.id)", "people": "/people/\(person.id)",
            "activities": "/activities/\(activity.id)", "follow-ups": "/follow-ups/\(followUp.id)",
            "groups": "/groups/\(group.id)", "interests": "/interests/\(interest.id)",
            "pipeline": "/pipeline/\(prospect.id)", "opportunities": "/opportunities/\(opportunity.id)",
            "delegations": "/delegations/\(delegation.id)", "reports": "/reports/\(report.id)",
        ]
    }

    /// What a browser sends for the page's record form (the one with class "record"): each input with its
    /// value (boxes only when ticked), each text area's text, each list's chosen option (or its first).
    static func fields(of page: String) -> [(String, String)] {
        guard let start = page.range(of: "<form class=\"record\""),
            let end = page.range(of: "</form>", range: start.upperBound..<page.endIndex)
        else { return [] }
        let form = String(page[start.lowerBound..<end.upperBound])
        var fields: [(String, String)] = []
        for match in form.matches(of: /<(input|textarea|select)([^>]*)>/) {
            let attributes = Self.attributes(String(match.2))
            guard let name = attributes["name"] else { continue }
            switch match.1 {
            case "input":
                let type = attributes["type"] ?? "text"
                if ["submit", "button", "image", "reset"].contains(type) { continue }
                if ["checkbox", "radio"].contains(type) && attributes["checked"] == nil { continue }
                fields.append((name, attributes["value"] ?? (type == "checkbox" ? "on" : "")))
            case "textarea":
                let rest = form[match.range.upperBound...]
                let text = rest.range(of: "</textarea>").map { rest[..<$0.lowerBound] } ?? ""
                fields.append((name, Self.unescape(String(text))))
            default:
                let rest = form[match.range.upperBound...]
                let list = rest.range(of: "</select>").map { String(rest[..<$0.lowerBound]) } ?? ""
                let options = list.matches(of: /<option([^>]*)>/).map { Self.attributes(String($0.1)) }
                if let chosen = options.first(where: { $0["selected"] != nil }) ?? options.first {
                    fields.append((name, chosen["value"] ?? ""))
                }
            }
        }
        return fields
    }

    /// The fields with `name` set to `value` (added when the form has no such field).
    static func setting(_ name: String, to value: String, in fields: [(String, String)]) -> [(String, String)] {
        fields.contains { $0.0 == name }
            ? fields.map { $0.0 == name ? (name, value) : $0 } : fields + [(name, value)]
    }

    /// The version a page's form carries.
    static func version(in page: String) -> String? {
        (page.firstMatch(of: /name="version" value="([0-9]*)"/)?.1).map(String.init)
    }

    private static func attributes(_ text: String) -> [String: String] {
        var attributes: [String: String] = [:]
        for match in text.matches(of: /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/) {
            attributes[String(match.1)] = match.2.map { Self.unescape(String($0)) } ?? ""
        }
        return attributes
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
