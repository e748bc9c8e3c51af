import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The follow-ups: my list (and everyone's, filtered), one follow-up with its one-click Done or Reopen,
/// the form that creates one from an organization's, a person's, an activity's or a report's page, edit and
/// delete. All usable without JavaScript.
struct FollowUpPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/follow-ups", access: .viewer, use: list)
        routes.add(.get, "/follow-ups/new", access: .editor, use: newForm)
        routes.add(.post, "/follow-ups", access: .editor, use: create)
        routes.add(.get, "/follow-ups/:id", access: .viewer, use: show)
        routes.add(.get, "/follow-ups/:id/edit", access: .editor, use: editForm)
        routes.add(.post, "/follow-ups/:id", access: .editor, use: update)
        routes.add(.post, "/follow-ups/:id/status", access: .editor, use: setStatus)
        routes.add(.get, "/follow-ups/:id/delete", access: .editor, use: confirmDelete)
        routes.add(.post, "/follow-ups/:id/delete", access: .editor, use: delete)
    }

    /// Today in the viewer's zone, "YYYY-MM-DD": what is due before it is overdue.
    static func today(_ context: AppRequestContext, now: Date = Date()) -> String {
        let zone = ActivityPages.viewerZone(context)
        return CalendarSpan.key(ActivityTime.calendar(zone).dateComponents([.year, .month, .day], from: now))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.identity?.account else { throw HTTPError(.unauthorized) }
        let parameters = request.uri.queryDictionary
        var reader = QueryReader(parameters, strict: false)
        var query = FollowUpQuery(assigneeAccountId: account.id)
        // Mine unless another assignee, or everyone ("all"), is asked for.
        if reader.value("assignee") == "all" {
            query.assigneeAccountId = nil
        } else if let id = reader.recordId("assignee") {
            query.assigneeAccountId = id
        }
        let statusFilter = reader.value("status") ?? "todo"
        switch statusFilter {
        case "todo": query.statuses = FollowUpQuery.toDo
        case "all": query.statuses = []
        default:
            if let status = FollowUpStatus(rawValue: statusFilter) {
                query.statuses = [status]
            } else {
                reader.fail("status", "choice", t[.errorFollowUpStatus])
            }
        }
        query.organizationId = reader.recordId("organization")
        if let region = reader.value("region") {
            if settings.regions.regions.contains(where: { $0.key == region }) {
                query.region = region
            } else {
                reader.fail("region", "choice", t[.errorUnknownRegion])
            }
        }
        let items = try await store.listFollowUps(query)
        let staff = try await store.accounts()
        let model = FollowUpListModel(
            items: items, today: Self.today(context), query: query, statusFilter: statusFilter,
            assigneeFilter: parameters["assignee"] ?? "", staff: staff, regions: settings.regions,
            errors: reader.errors, canEdit: ActivityPages.canEdit(context), strings: t)
        return renderer.page(
            title: t[.followUpsTitle], context: context, status: reader.errors.isEmpty ? .ok : .badRequest
        ) { FollowUpListView(model: model, t: t, csrf: context.identity?.csrfToken).render(into: &$0) }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let followUp = try await load(context)
        let names = try await store.listFollowUps(Self.one(followUp)).first
        let history = try await store.auditEntries(AuditQuery(entity: .followUp, entityId: followUp.id, limit: 20))
        let model = FollowUpShowModel(
            followUp: followUp, names: names, today: Self.today(context),
            notice: request.uri.queryParameters["saved"] != nil ? t[.saved] : nil,
            history: history.map { AdminPages.row($0, strings: t) }, strings: t)
        let view = FollowUpShowView(
            model: model, t: t, canEdit: ActivityPages.canEdit(context), csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: followUp.input.title, context: context) { view.render(into: &$0) }
    }

    /// The query that reads one follow-up's names, whatever its status.
    static func one(_ followUp: FollowUp) -> FollowUpQuery {
        FollowUpQuery(ids: [followUp.id], statuses: [], limit: 1)
    }

    /// A form prefilled from the page it was opened from: `organization`, `person`, `activity` or `report`.
    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        var reader = QueryReader(request.uri.queryDictionary, strict: false)
        var form = FollowUpForm()
        form.assigneeAccountId = context.identity.map { String($0.account.id) } ?? ""
        var cancel = "/follow-ups"
        if let id = reader.recordId("organization"), let organization = try await store.organization(id: id) {
            form.organizations = [LinkedName(id: id, name: organization.name)]
            cancel = "/organizations/\(id)"
        }
        if let id = reader.recordId("person"), let person = try await store.person(id: id) {
            form.people = [LinkedName(id: id, name: person.displayName)]
            cancel = "/people/\(id)"
        }
        if let id = reader.recordId("activity"), let activity = try await store.activity(id: id) {
            form.activityId = String(id)
            form.organizations += activity.input.organizations.compactMap { organization in
                organization.organizationId.map { LinkedName(id: $0, name: organization.organizationName ?? "") }
            }
            cancel = "/activities/\(id)"
        }
        if let id = reader.recordId("report"), let report = try await store.reportOrigin(id: id) {
            form.reportId = String(id)
            form.activityId = report.activityId.map(String.init) ?? form.activityId
            // The organizations the report names are proposed, ticked.
            form.organizations += report.organizations
            cancel = "/reports/\(id)"
        }
        form.organizations = form.organizations.uniqued(on: \.id)
        return try await formPage(
            form, FormPlace(heading: t[.newFollowUp], action: "/follow-ups", cancel: cancel), context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderer.createRecord(
            FollowUpForm(form: try await FormData.read(request, context: context)),
            FormPlace(heading: t[.newFollowUp], action: "/follow-ups", cancel: "/follow-ups"), context: context,
            input: { try await input(from: &$0) }, render: formPage,
            write: { "/follow-ups/\(try await store.createFollowUp($0, by: context.actor).id)" })
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let followUp = try await load(context)
        let names = try await store.listFollowUps(Self.one(followUp)).first
        return try await formPage(
            FollowUpForm(followUp, names: names), .editing(followUp.input.title, at: "/follow-ups/\(followUp.id)", t),
            context: context)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        return try await renderer.updateRecord(
            FollowUpForm(form: try await FormData.read(request, context: context)),
            .editing(current.input.title, at: "/follow-ups/\(current.id)", t), current: current.version,
            context: context, input: { try await input(from: &$0) }, render: formPage,
            write: { _ = try await store.updateFollowUp(id: current.id, expectedVersion: $1, $0, by: context.actor) })
    }

    /// The one-click Done or Reopen: only the status changes; a stale page is told so.
    @Sendable func setStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        let form = try await FormData.read(request, context: context)
        guard let version = Int(form["version"]) else { throw HTTPError(.badRequest, message: t[.errorMissingVersion]) }
        guard let status = FollowUpStatus(rawValue: form["status"]) else {
            throw HTTPError(.badRequest, message: t[.errorFollowUpStatus])
        }
        var input = current.input
        input.status = status
        do {
            _ = try await store.updateFollowUp(id: current.id, expectedVersion: version, input, by: context.actor)
        } catch StoreError.versionConflict {
            throw HTTPError(.conflict, message: t[.conflictMessage])
        }
        // Back to the list it was ticked on, when that is where the button was.
        let back = form["back"].hasPrefix("/follow-ups") ? form["back"] : "/follow-ups/\(current.id)?saved=1"
        return PageRenderer.redirect(to: back)
    }

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let followUp = try await load(context)
        return renderer.confirmDelete(
            of: "/follow-ups/\(followUp.id)", version: followUp.version,
            prompt: String(format: t[.deleteFollowUpPrompt], followUp.input.title), context: context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        return try await renderer.deleteRecord(request, context: context) { version in
            try await store.deleteFollowUp(id: id, expectedVersion: version, by: context.actor)
            return "/follow-ups?deleted=1"
        }
    }

    private func load(_ context: AppRequestContext) async throws -> FollowUp {
        try await context.record(.followUp) { try await store.followUp(id: $0) }
    }

    /// The input, with the organization and person typed by name found in the directory.
    private func input(from form: inout FollowUpForm) async throws -> FollowUpInput? {
        if !form.organizationName.isEmpty {
            if let hit = try await store.organization(named: form.organizationName) {
                form.organizations = (form.organizations + [LinkedName(id: hit.id, name: hit.name)]).uniqued(on: \.id)
                form.organizationName = ""
            } else {
                form.errors["organizationName"] = String(format: t[.errorNoOrganizationNamed], form.organizationName)
            }
        }
        if !form.personName.isEmpty {
            if let hit = try await store.person(named: form.personName) {
                form.people = (form.people + [LinkedName(id: hit.id, name: hit.name)]).uniqued(on: \.id)
                form.personName = ""
            } else {
                form.errors["personName"] = String(format: t[.errorNoPersonNamed], form.personName)
            }
        }
        return form.input(strings: t)
    }

    private func formPage(
        _ form: FollowUpForm, _ place: FormPlace, conflict: Bool = false, status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> Response {
        let model = FollowUpFormModel(
            form: form, heading: place.heading, action: place.action, cancel: place.cancel, conflict: conflict,
            staff: try await store.accounts().filter { !$0.disabled }, strings: t)
        let view = FollowUpFormView(model: model, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: place.heading, context: context, status: status) { view.render(into: &$0) }
    }
}

extension Array {
    /// The elements in order, each value of `key` once.
    func uniqued<Key: Hashable>(on key: KeyPath<Element, Key>) -> [Element] {
        var seen = Set<Key>()
        return filter { seen.insert($0[keyPath: key]).inserted }
    }
}
