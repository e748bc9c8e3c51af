import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// Interests expressed by organizations (filtered by theme, country, region and group), the form that records
/// one from an organization's page, and the members not engaged.
struct InterestPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    static let unengagedPageSize = 100

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/interests", access: .viewer, use: list)
        routes.add(.get, "/interests/new", access: .editor, use: newForm)
        routes.add(.post, "/interests", access: .editor, use: create)
        routes.add(.get, "/interests/:id", access: .viewer, use: show)
        routes.add(.get, "/interests/:id/edit", access: .editor, use: editForm)
        routes.add(.post, "/interests/:id", access: .editor, use: update)
        routes.add(.get, "/interests/:id/delete", access: .editor, use: confirmDelete)
        routes.add(.post, "/interests/:id/delete", access: .editor, use: delete)
        routes.add(.get, "/engagement", access: .viewer, use: unengaged)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        var reader = QueryReader(parameters, strict: false)
        var query = InterestQuery()
        query.theme = reader.text("theme", max: 100)
        query.country = reader.country()
        query.region = region(&reader)
        query.workingGroupId = reader.recordId("group")
        let groups = try await store.listWorkingGroups()
        var theme = FormField(name: "theme", label: t[.fieldTheme], value: parameters["theme"] ?? "")
        theme.list = "themes"
        var group = FormField(name: "group", label: t[.groupTitle], control: .select)
        group.options = FormField.choices(
            groups.map { (String($0.id), $0.name) }, selected: parameters["group"] ?? "", blank: t[.any])
        let filters = [theme] + placeFilters(parameters, errors: reader.errors) + [group]
        let view = InterestListView(
            interests: try await store.listInterests(query), filters: filters, themes: try await store.themes(),
            canEdit: ActivityPages.canEdit(context), t: t)
        return renderer.page(
            title: t[.interestsTitle], context: context, status: reader.errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    @Sendable func unengaged(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        var reader = QueryReader(parameters, strict: false)
        let country = reader.country()
        let region = region(&reader)
        let page = reader.integer("page", in: 1...10_000) ?? 1
        let result = try await store.unengagedMembers(
            region: region, country: country, limit: Self.unengagedPageSize,
            offset: (page - 1) * Self.unengagedPageSize)
        func link(_ page: Int) -> String {
            var parts = URLComponents()
            parts.path = "/engagement"
            parts.queryItems =
                [("region", region), ("country", country), ("page", String(page))].compactMap { name, value in
                    value.map { URLQueryItem(name: name, value: $0) }
                }
            return parts.string ?? "/engagement"
        }
        let view = UnengagedView(
            members: result.items, total: result.total, filters: placeFilters(parameters, errors: reader.errors),
            regions: settings.regions, previous: page > 1 ? link(page - 1) : nil,
            next: page * Self.unengagedPageSize < result.total ? link(page + 1) : nil,
            pageLabel: String(format: t[.pipelinePage], page), t: t)
        return renderer.page(
            title: t[.unengagedTitle], context: context, status: reader.errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    private func region(_ reader: inout QueryReader) -> String? {
        guard let region = reader.value("region") else { return nil }
        guard settings.regions.regions.contains(where: { $0.key == region }) else {
            reader.fail("region", "choice", t[.errorUnknownRegion])
            return nil
        }
        return region
    }

    private func placeFilters(_ parameters: [String: String], errors: [FieldError]) -> [FormField] {
        func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }
        var country = FormField(name: "country", label: t[.filterCountry], error: error("country"), control: .select)
        country.options = FormField.choices(
            Country.allByName.map { ($0.code, $0.name) }, selected: parameters["country"]?.uppercased() ?? "",
            blank: t[.any])
        var region = FormField(name: "region", label: t[.filterRegion], error: error("region"), control: .select)
        region.options = FormField.choices(
            settings.regions.regions.map { ($0.key, $0.name) }, selected: parameters["region"] ?? "", blank: t[.any])
        return [country, region]
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let interest = try await load(context)
        let summary = try await store.listInterests(InterestQuery(organizationId: interest.input.organizationId))
            .first { $0.id == interest.id }
        let view = InterestShowView(
            interest: interest, summary: summary,
            notice: request.uri.queryParameters["saved"] != nil ? t[.saved] : nil,
            canEdit: ActivityPages.canEdit(context), t: t)
        return renderer.page(
            title: String(format: t[.interestHeading], interest.organizationName, interest.input.theme),
            context: context
        ) { view.render(into: &$0) }
    }

    /// A form for the organization `?organization=`, from its page (or a report's: `?report=`).
    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        var reader = QueryReader(request.uri.queryDictionary, strict: false)
        guard let id = reader.recordId("organization"), let organization = try await store.organization(id: id) else {
            throw HTTPError(.badRequest, message: t[.errorInterestOrganization])
        }
        var form = InterestForm()
        form.organizationId = String(id)
        form.organizationName = organization.name
        form.expressedOn = FollowUpPages.today(context)
        form.reportId = reader.recordId("report").map(String.init) ?? ""
        return try await formPage(
            form,
            FormPlace(
                heading: String(format: t[.recordInterestFor], organization.name), action: "/interests",
                cancel: "/organizations/\(id)"), context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = InterestForm(form: try await FormData.read(request, context: context))
        let heading = String(format: t[.recordInterestFor], form.organizationName)
        return try await renderer.createRecord(
            form, FormPlace(heading: heading, action: "/interests", cancel: "/interests"), context: context,
            input: { $0.input(strings: t) }, render: formPage,
            write: { "/interests/\(try await store.createInterest($0, by: context.actor).id)" })
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let interest = try await load(context)
        return try await formPage(
            InterestForm(interest), .editing(interest.input.theme, at: "/interests/\(interest.id)", t), context: context
        )
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        var form = InterestForm(form: try await FormData.read(request, context: context))
        form.organizationId = String(current.input.organizationId)
        form.organizationName = current.organizationName
        return try await renderer.updateRecord(
            form, .editing(current.input.theme, at: "/interests/\(current.id)", t), current: current.version,
            context: context, input: { $0.input(strings: t) }, render: formPage,
            write: { _ = try await store.updateInterest(id: current.id, expectedVersion: $1, $0, by: context.actor) })
    }

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let interest = try await load(context)
        return renderer.confirmDelete(
            of: "/interests/\(interest.id)", version: interest.version,
            prompt: String(format: t[.deleteInterestPrompt], interest.organizationName, interest.input.theme),
            context: context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        return try await renderer.deleteRecord(request, context: context) { version in
            let organizationId = try await store.interest(id: id)?.input.organizationId
            try await store.deleteInterest(id: id, expectedVersion: version, by: context.actor)
            return organizationId.map { "/organizations/\($0)" } ?? "/interests"
        }
    }

    private func load(_ context: AppRequestContext) async throws -> Interest {
        try await context.record(.interest) { try await store.interest(id: $0) }
    }

    private func formPage(
        _ form: InterestForm, _ place: FormPlace, conflict: Bool = false, status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> Response {
        func field(_ name: String, _ label: String, _ value: String, control: FormField.Control = .text) -> FormField {
            FormField(name: name, label: label, value: value, error: form.errors[name], control: control)
        }
        var theme = field("theme", t[.fieldTheme], form.theme)
        theme.list = "themes"
        theme.hint = t[.hintInterestTheme]
        var group = field("workingGroupId", t[.groupTitle], "", control: .select)
        group.options = FormField.choices(
            try await store.listWorkingGroups().map { (String($0.id), "\($0.name) (\($0.theme))") },
            selected: form.workingGroupId, blank: t[.pipelineNoActivity])
        var activity = field("activityId", t[.fieldStageActivity], "", control: .select)
        let organizationId = Int64(form.organizationId) ?? 0
        activity.options = FormField.choices(
            (organizationId > 0
                ? try await store.listActivities(
                    ActivityQuery(organizationId: organizationId, newestFirst: true, limit: 20)) : []).map {
                    (String($0.id), "\($0.title) (\($0.start.prefix(10)))")
                },
            selected: form.activityId, blank: t[.pipelineNoActivity])
        let fields = [
            theme, group, field("expressedOn", t[.fieldExpressedOn], form.expressedOn, control: .date), activity,
            field("note", t[.fieldStageNote], form.note, control: .textarea),
        ]
        let view = InterestFormView(
            heading: place.heading, action: place.action, cancel: place.cancel, conflict: conflict, form: form,
            fields: fields,
            themes: try await store.themes(), t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: place.heading, context: context, status: status) { view.render(into: &$0) }
    }
}
