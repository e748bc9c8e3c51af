import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import Testing

@testable import LiaisonWeb

/// Markup typed in any text field is shown as text on every page. The pages are taken from the route list,
/// so a page added later is covered without touching this test; a route whose parameter this test does not
/// know fails it until it is taught.
@Suite struct MarkupEverywhereTests {
    /// The payload of one field: an element a browser would draw if it reached a page unescaped.
    static func markup(_ field: String) -> String { "<b id=f-\(field)>\(field)</b>" }
    static let raw = "<b id=f-"

    /// A record of each kind with markup in every text field the store keeps; returns the ids by parameter.
    private func seed(_ app: TestApp) async throws -> [String: Int64] {
        let m = Self.markup
        let store = app.store
        _ = try await store.updateAccount(id: app.editor.account.id, .name(m("account.name")), by: .system)
        let organization = try await store.createOrganization(
            OrganizationInput(
                kind: .city, name: m("name"), nativeName: m("nativeName"), aliases: [m("aliases")], country: "FR",
                region: "europe", metroArea: m("metroArea"), membershipStatus: .member,
                focalPointAccountId: app.editor.account.id,
                governanceRoles: [GovernanceRole(title: m("governanceRoles.title"), fromYear: 2020)],
                practices: [Practice(title: m("practices.title"), year: 2012, description: m("practices.description"))]),
            by: .system)
        let activity = try await store.createActivity(
            ActivityInput(
                kind: .bilateralMeeting, title: m("activity.title"), summary: m("activity.summary"),
                start: "2026-11-11T09:30",
                end: "2026-11-11T11:00", timeZone: "Europe/Paris", placeName: m("activity.placeName"),
                venue: m("activity.venue"), staffAccountIds: [app.editor.account.id],
                organizations: [
                    ActivityOrganization(organizationId: organization.id, status: .attended, organizer: true),
                    ActivityOrganization(organizationName: m("activity.organizationName"), status: .invited),
                ],
                people: [ActivityPerson(personName: m("activity.personName"), role: .speaker)]),
            by: .system)
        let person = try await store.createPerson(
            PersonInput(
                givenName: m("givenName"), familyName: m("familyName"), nativeName: m("person.nativeName"),
                honorific: m("honorific"), notes: m("notes"), metAt: m("metAt"), metAtActivityId: activity.id,
                consentNote: m("consentNote"),
                positions: [
                    Position(organizationId: organization.id, title: m("position.title"), department: m("department")),
                    Position(organizationName: m("position.organizationName"), title: "Adviser", endDate: "2020"),
                ],
                channels: [
                    Channel(kind: .wechat, value: m("channel.value"), label: m("channel.label"), preferred: true)
                ]),
            by: .system)
        // A second person, for the merge page to offer.
        _ = try await store.createPerson(
            PersonInput(givenName: m("givenName"), familyName: m("familyName"), positions: person.input.positions),
            by: .system)
        // A follow-up of the admin's, so the admin's inbox has an entry naming it.
        let followUp = try await store.createFollowUp(
            FollowUpInput(
                title: m("followUp.title"), details: m("followUp.details"), assigneeAccountId: app.admin.account.id,
                dueDate: "2020-01-01", organizationIds: [organization.id], personIds: [person.id],
                activityId: activity.id),
            by: AuditActor(accountId: app.editor.account.id, name: "Editor"))
        let entry = try #require(try await store.notifications(accountId: app.admin.account.id).first)
        let report = try await ReportIntake(store: store, finder: NoMentionFinder()).create(
            ReportInput(
                title: m("report.title"), body: m("report.body") + "\n\n- [ ] " + m("report.task"),
                activityId: activity.id,
                linksAdded: [MentionTarget(.organization, organization.id), MentionTarget(.person, person.id)]),
            by: AuditActor(accountId: app.editor.account.id, name: "editor"))
        let prospect = try await store.createProspect(
            ProspectInput(
                organizationId: organization.id, stage: .met, targetActivityId: activity.id,
                nextStep: m("prospect.nextStep"), stageNote: m("prospect.stageNote"), stageActivityId: activity.id),
            by: AuditActor(accountId: app.editor.account.id, name: "editor"))
        let group = try await store.createWorkingGroup(
            WorkingGroupInput(
                name: m("group.name"), theme: m("group.theme"), description: m("group.description"),
                members: [GroupMember(organizationId: organization.id, role: .lead, representativeIds: [person.id])],
                activityIds: [activity.id]), by: .system)
        let interest = try await store.createInterest(
            InterestInput(
                organizationId: organization.id, theme: m("interest.theme"), workingGroupId: group.id,
                activityId: activity.id, reportId: report.id, note: m("interest.note")), by: .system)
        let opportunity = try await store.createOpportunity(
            OpportunityInput(
                title: m("opportunity.title"), theme: m("opportunity.theme"), eligibility: m("opportunity.eligibility"),
                description: m("opportunity.description"), activityId: activity.id,
                invitations: [OpportunityInvitation(organizationId: organization.id)]), by: .system)
        let delegation = try await store.createDelegation(
            DelegationInput(
                activityId: activity.id, organizationId: organization.id, state: .accepted, expectedSize: 3,
                note: m("delegation.note"),
                registrations: [DelegationRegistration(personName: m("delegation.personName"))]), by: .system)
        // The admin's comment, so its edit page is the admin's to open. (Like a report's text, its Markdown
        // keeps `>` as it is, so it is not among the fields looked for below; `raw` finds it if it got through.)
        let comment = try await store.createComment(
            CommentInput(reportId: report.id, body: m("comment.body")),
            by: AuditActor(accountId: app.admin.account.id, name: "admin"))
        return [
            "delegations": delegation.id, "opportunities": opportunity.id, "groups": group.id, "interests": interest.id,
            "pipeline": prospect.id,
            "organizations": organization.id,
            "people": person.id, "activities": activity.id,
            "accounts": app.editor.account.id, "follow-ups": followUp.id, "inbox": entry.id, "reports": report.id,
            "comments": comment.id,
        ]
    }

    /// The pages to fetch for a route, with its parameters filled in and, for lists and search, markup in
    /// the query too (a page repeats what was searched for).
    private func uris(for route: RouteSpec, ids: [String: Int64]) -> [String]? {
        var path = ""
        for segment in route.path.split(separator: "/") {
            if segment.hasPrefix(":") {
                guard segment == ":id", let collection = path.split(separator: "/").last,
                    let id = ids[String(collection)]
                else { return nil }
                path += "/\(id)"
            } else {
                path += "/\(segment)"
            }
        }
        let query = "q=" + (Self.markup("query").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        switch route.path {
        case "/calendar":
            return ["month&date=2026-11-01", "week&date=2026-11-09", "agenda&date=2026-11-01"].map {
                "/calendar?view=\($0)"
            }
        case "/briefing":
            return ["/briefing", "/briefing?organizations=\(ids["organizations"] ?? 1)"]
        case "/search", "/organizations", "/people", "/admin/audit":
            return [path.isEmpty ? "/" : path, "\(path)?\(query)"]
        default:
            return [path.isEmpty ? "/" : path]
        }
    }

    @Test func everyPageShowsMarkupInEveryFieldAsText() async throws {
        try await withTestApp { app in
            let ids = try await seed(app)
            let pages = try await registeredRoutes().filter {
                $0.method == "GET" && !$0.isAPI && !$0.path.hasPrefix("/assets") && !$0.path.hasPrefix("/feeds")
                    && $0.path != "/health"
            }
            var shown = Set<String>()
            var fetched = 0
            for route in pages {
                let filled = uris(for: route, ids: ids)
                #expect(filled != nil, "\(route) has a parameter this test does not fill")
                for uri in filled ?? [] {
                    let response = try await app.get(uri, as: .admin)
                    guard response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                    fetched += 1
                    #expect(response.status.code < 500, "\(uri)")
                    let html = response.text
                    #expect(!html.contains(Self.raw), "markup reached \(uri)")
                    // Labels found by a field's name fall back to the key when the words lack it: none may.
                    let keys = html.matches(of: />\s*((?:field|filter|audit_filter|mode_group)_[A-Za-z_]+)/).map(\.1)
                    #expect(keys.isEmpty, "\(uri) shows key names instead of words: \(keys)")
                    for match in html.matches(of: /&lt;b id=f-([a-zA-Z.]+)&gt;/) { shown.insert(String(match.1)) }
                }
            }
            #expect(fetched >= 20)
            // Every field is shown somewhere, so each was really put to the test.
            let fields = [
                "account.name", "name", "nativeName", "aliases", "metroArea", "governanceRoles.title",
                "practices.title",
                "practices.description", "activity.title", "activity.summary", "activity.placeName", "activity.venue",
                "activity.organizationName", "activity.personName", "givenName", "familyName", "person.nativeName",
                "honorific", "notes", "metAt", "consentNote", "position.title", "department",
                "position.organizationName",
                "channel.value", "channel.label", "query", "followUp.title", "followUp.details",
                "prospect.nextStep", "prospect.stageNote", "group.name", "group.theme", "group.description",
                "interest.theme", "interest.note", "opportunity.title", "opportunity.theme", "opportunity.eligibility",
                "opportunity.description", "delegation.note", "delegation.personName",
            ]
            #expect(Set(fields).subtracting(shown).sorted() == [])
        }
    }
}
