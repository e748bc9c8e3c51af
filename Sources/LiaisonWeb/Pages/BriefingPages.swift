import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// Briefing packs to print before a trip or a visit: `/briefing?activity=ID` (a mission: its cities and those
/// of the activities in it; a visit received: the visiting organizations and their delegation) or
/// `/briefing?organizations=1,2,3`. A cover with the schedule in local time, then one page a city.
struct BriefingPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    /// The most cities one pack holds: about a hundred printed pages.
    static let maxOrganizations = 60
    /// How many of a city's latest interactions, reports and open follow-ups a page lists.
    static let latest = 5

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/briefing", access: .viewer, use: briefing)
        // The directory's ticked rows arrive as a form (a read, like its export) and are sent on as an address.
        routes.add(.post, "/briefing", access: .viewer, use: fromDirectory)
    }

    /// The directory's ticked organizations, as a pack.
    @Sendable func fromDirectory(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let raw = form.all("ids")
        let ids = raw.compactMap { Int64($0) }.filter { $0 > 0 }
        guard !ids.isEmpty, ids.count == raw.count else { throw HTTPError(.badRequest, message: t[.errorBulkNone]) }
        guard ids.count <= Self.maxOrganizations else {
            throw HTTPError(.badRequest, message: String(format: t[.briefingTooMany], Self.maxOrganizations))
        }
        return PageRenderer.redirect(to: "/briefing?organizations=" + ids.map(String.init).joined(separator: ","))
    }

    @Sendable func briefing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        var reader = QueryReader(parameters, strict: false)
        let activityId = reader.recordId("activity")
        let organizationIds = reader.recordIds("organizations", max: Self.maxOrganizations)
        if activityId != nil, !organizationIds.isEmpty {
            reader.fail("organizations", "exclusive", t[.briefingEither])
        }
        guard reader.errors.isEmpty, activityId != nil || !organizationIds.isEmpty else {
            let view = BriefingChooserView(
                activityValue: parameters["activity"] ?? "", organizationsValue: parameters["organizations"] ?? "",
                errors: reader.errors, maximum: Self.maxOrganizations, t: t)
            return renderer.page(
                title: t[.briefingTitle], context: context, status: reader.errors.isEmpty ? .ok : .badRequest
            ) { view.render(into: &$0) }
        }
        let model: BriefingModel
        if let activityId {
            guard let activity = try await store.activity(id: activityId) else {
                throw HTTPError(.notFound, message: String(format: t[.briefingNoActivity], String(activityId)))
            }
            model = try await forActivity(activity)
        } else {
            var unknown: [Int64] = []
            var organizations: [Organization] = []
            for id in organizationIds {
                if let organization = try await store.organization(id: id) {
                    organizations.append(organization)
                } else {
                    unknown.append(id)
                }
            }
            guard unknown.isEmpty else {
                throw HTTPError(
                    .badRequest,
                    message: String(
                        format: t[.briefingUnknown], unknown.map(String.init).joined(separator: ", ")))
            }
            model = BriefingModel(
                title: t[.briefingTitle], activityId: nil, schedule: [], delegation: [],
                cities: try await cities(organizations, delegation: []))
        }
        let view = BriefingView(model: model, t: t)
        return renderer.page(title: model.title, context: context) { view.render(into: &$0) }
    }

    /// The pack for an activity: its own organizations and, for a mission, those of the activities in it; the
    /// people on it are the delegation.
    private func forActivity(_ activity: Activity) async throws -> BriefingModel {
        var parts: [Activity] = [activity]
        var schedule = [BriefingModel.scheduleLine(activity, strings: t)]
        if activity.input.kind == .mission {
            let children = try await store.listActivities(
                ActivityQuery(missionId: activity.id, limit: ActivityQuery.maxLimitForBriefing))
            schedule = children.map { BriefingModel.scheduleLine($0, strings: t) }
            for child in children {
                if let full = try await store.activity(id: child.id) { parts.append(full) }
            }
        }
        var ids: [Int64] = []
        for part in parts {
            for id in part.input.organizations.compactMap(\.organizationId)
                + part.input.people.compactMap(\.organizationId)
            where !ids.contains(id) {
                ids.append(id)
            }
        }
        var organizations: [Organization] = []
        for id in ids.prefix(Self.maxOrganizations) {
            if let organization = try await store.organization(id: id) { organizations.append(organization) }
        }
        var names: [Int64: String] = [:]
        for organization in organizations { names[organization.id] = organization.name }
        var seen = Set<String>()
        var delegation: [(organizationId: Int64?, line: BriefingModel.DelegateLine)] = []
        for part in parts {
            for person in part.input.people {
                let name = person.personName ?? person.personId.map { "#\($0)" } ?? ""
                guard !name.isEmpty, seen.insert(name + "|" + String(person.organizationId ?? 0)).inserted else {
                    continue
                }
                delegation.append(
                    (
                        person.organizationId,
                        BriefingModel.DelegateLine(
                            name: name, role: t.label(person.role),
                            organization: person.organizationId.flatMap { names[$0] })
                    ))
            }
        }
        return BriefingModel(
            title: String(format: t[.briefingFor], activity.input.title), activityId: activity.id, schedule: schedule,
            delegation: delegation.map(\.line), cities: try await cities(organizations, delegation: delegation))
    }

    private func cities(
        _ organizations: [Organization], delegation: [(organizationId: Int64?, line: BriefingModel.DelegateLine)]
    ) async throws -> [BriefingModel.City] {
        let currency = try await store.workspaceSettings().currency
        var cities: [BriefingModel.City] = []
        for organization in organizations {
            let id = organization.id
            let positions = try await store.peopleAt(organizationId: id).filter(\.position.isCurrent)
            let people = try await store.people(ids: positions.map(\.personId))
            let show = OrganizationShowModel(
                organization: organization, history: [], regions: settings.regions, strings: t, saved: false,
                currency: currency)
            let activities = try await store.listActivities(
                ActivityQuery(to: Date(), organizationId: id, newestFirst: true, limit: Self.latest))
            let reports = try await store.listReports(ReportQuery(organizationId: id, limit: Self.latest))
            let followUps = try await store.listFollowUps(FollowUpQuery(organizationId: id, limit: Self.latest))
            let prospect = try await store.prospect(organizationId: id)
            let engagement = try await store.engagement(organizationId: id)
            cities.append(
                BriefingModel.City(
                    id: id, name: organization.name, nativeName: organization.nativeName, keyFacts: show.keyFacts,
                    roles: show.roles.map { role in
                        role.title
                            + (role.fromYear.map { " (\($0)–\(role.toYear.map(String.init) ?? ""))" } ?? "")
                    },
                    networks: show.networks.map(\.name),
                    practices: show.practices.map { $0.title + ($0.year.map { " (\($0))" } ?? "") },
                    people: people.map { BriefingModel.person($0, at: id, strings: t) },
                    delegation: delegation.filter { $0.organizationId == id }.map(\.line),
                    lastInteractions: activities.map { BriefingModel.scheduleLine($0, strings: t) },
                    reports: reports.map { (id: $0.id, title: $0.title, date: Formats.day($0.updatedAt)) },
                    followUps: followUps.map {
                        (id: $0.id, title: $0.title, due: $0.dueDate, assignee: $0.assigneeName)
                    },
                    pipeline: prospect.map {
                        String(format: t[.briefingPipelineStage], t.label($0.input.stage), $0.stageSince)
                            + ($0.input.nextStep.map { " · " + $0 } ?? "")
                    },
                    groups: engagement.groups.map { $0.group.name + " (" + t.label($0.role) + ")" },
                    interests: engagement.interests.map(\.theme)))
        }
        return cities
    }
}

extension ActivityQuery {
    /// The most activities of a mission a pack's schedule lists.
    static let maxLimitForBriefing = 200
}
