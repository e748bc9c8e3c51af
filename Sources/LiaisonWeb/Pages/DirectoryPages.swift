import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The directory's pages: list, profile, create, edit and delete, all usable without JavaScript.
struct DirectoryPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/organizations", access: .viewer, use: directory)
        routes.add(.post, "/organizations/bulk/export", access: .viewer, use: bulkExport)
        routes.add(.post, "/organizations/bulk/add-to-activity", access: .editor, use: bulkAddToActivity)
        routes.add(.get, "/organizations/new", access: .editor, use: newForm)
        routes.add(.post, "/organizations", access: .editor, use: create)
        routes.add(.get, "/organizations/:id", access: .viewer, use: profile)
        routes.add(.get, "/organizations/:id/edit", access: .editor, use: editForm)
        routes.add(.post, "/organizations/:id", access: .editor, use: update)
        routes.add(.get, "/organizations/:id/delete", access: .editor, use: confirmDelete)
        routes.add(.post, "/organizations/:id/delete", access: .editor, use: delete)
    }

    @Sendable func directory(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary(joining: ["ids"])
        let (query, errors) = OrganizationQuery.parse(parameters, regions: settings.regions)
        let canEdit = ActivityPages.canEdit(context)
        // Editors may add ticked rows to an activity: those of the last month and those to come.
        let since = Date().addingTimeInterval(-30 * 86_400)
        // Everything the page shows, read at one moment in one trip to the database.
        let read = try await store.reading { dialect in
            SQLPlan.value(DirectoryRead())
                .reading(\.organizations) { _ in OrganizationPage.reading(query, dialect: dialect) }
                .reading(\.focalPoint) { _ in
                    query.focalPointAccountId.map { StaffAccount.loading(id: $0, lock: "") } ?? .value(nil)
                }
                .reading(\.activities) { read in
                    canEdit && !read.organizations.items.isEmpty
                        ? ActivityChoice.reading(from: since, limit: Self.bulkActivities, dialect: dialect) : .value([])
                }
        }
        let model = DirectoryModel(
            page: read.organizations, query: query, parameters: parameters, errors: errors, regions: settings.regions,
            focalPointName: read.focalPoint?.name, activities: read.activities, strings: t)
        var view = DirectoryView(model: model, t: t, canEdit: canEdit)
        view.csrf = context.identity?.csrfToken ?? ""
        return renderer.page(
            title: t[.directoryTitle], context: context, status: errors.isEmpty ? .ok : .badRequest,
            search: query.text ?? ""
        ) { view.render(into: &$0) }
    }

    /// The most activities the bulk action offers to add ticked organizations to.
    static let bulkActivities = 100

    /// What the directory reads.
    private struct DirectoryRead: Sendable {
        var organizations = OrganizationPage(items: [], total: 0, countsByStatus: [:])
        var focalPoint: StaffAccount?
        var activities: [ActivityChoice] = []
    }

    /// The ticked organizations of a bulk action, or a 400 naming the field.
    private func tickedIds(_ form: FormData) throws -> [Int64] {
        let raw = form.all("ids")
        let ids = raw.compactMap { Int64($0) }.filter { $0 > 0 }
        guard !ids.isEmpty, ids.count == raw.count, ids.count <= OrganizationQuery.maxIds else {
            throw HTTPError(.badRequest, message: t[.errorBulkNone])
        }
        return Array(Set(ids)).sorted()
    }

    /// The ticked organizations as CSV: the directory's export, limited to them.
    @Sendable func bulkExport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ids = try tickedIds(try await FormData.read(request, context: context))
        return PageRenderer.redirect(to: "/organizations/export?ids=" + ids.map(String.init).joined(separator: ","))
    }

    /// Adds the ticked organizations to an activity as invited (those already on it stay as they are), through
    /// the activity intake, so the change is checked and audited as any edit of the activity.
    @Sendable func bulkAddToActivity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let ids = try tickedIds(form)
        guard let activityId = Int64(form["activity"]), activityId > 0 else {
            throw HTTPError(.badRequest, message: t[.errorBulkActivity])
        }
        guard let activity = try await store.activity(id: activityId) else {
            throw HTTPError(
                .unprocessableContent, message: String(format: t[.errorBulkUnknownActivity], String(activityId)))
        }
        var input = activity.input
        let present = Set(input.organizations.compactMap(\.organizationId))
        var query = OrganizationQuery(perPage: OrganizationQuery.maxIds)
        query.ids = ids.filter { !present.contains($0) }
        if !query.ids.isEmpty {
            for organization in try await store.listOrganizations(query).items {
                input.organizations.append(
                    ActivityOrganization(
                        organizationId: organization.id, organizationName: organization.name, status: .invited))
            }
        }
        try await renderer.writeChange {
            _ = try await ActivityIntake(store: store).update(
                id: activity.id, expectedVersion: activity.version, input, by: context.actor)
        }
        return PageRenderer.redirect(to: "/activities/\(activity.id)?saved=1#participants")
    }

    @Sendable func profile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        // Everything the page shows, read at one moment in one trip to the database.
        let read = try await store.reading { dialect in
            SQLPlan.value(ProfileRead())
                .reading(\.organization) { _ in Organization.loading(ids: [id], dialect: dialect).map(\.first) }
                .reading(\.history) { _ in
                    AuditRows.select(AuditQuery(entity: .organization, entityId: id, limit: 20), dialect: dialect)
                        .rows { try AuditRows.entry($0) }
                }
                .reading(\.people) { _ in PersonAtOrganization.reading(organizationId: id) }
                .reading(\.activities) { _ in
                    ActivitySummary.listing(
                        ActivityQuery(organizationId: id, newestFirst: true, limit: 20), dialect: dialect)
                }
                .reading(\.settings) { _ in WorkspaceSettings.reading(lock: "") }
                .reading(\.followUps) { _ in FollowUpSummary.listing(FollowUpQuery(organizationId: id, limit: 20)) }
                .reading(\.reports) { _ in
                    ReportQueries.list(ReportQuery(organizationId: id, limit: 10), dialect: dialect)
                        .rows { try ReportSummary(row: $0) }
                }
                .reading(\.reportCount) { _ in
                    ReportQueries.count(organizationId: id).rows { try $0.int("n") ?? 0 }.map { $0.first ?? 0 }
                }
                .reading(\.prospect) { _ in Prospect.reading(organizationId: id, dialect: dialect) }
                .reading(\.engagement) { _ in OrganizationEngagement.reading(organizationId: id) }
                .reading(\.delegations) { _ in
                    DelegationLists.select(DelegationQuery(organizationId: id, limit: 50))
                        .rows { try DelegationLists.summary($0) }
                }
                // Worked out from its records now: one statement per fact.
                .reading(\.coverage) { _ in OrganizationCoverage.reading(organizationId: id) }
        }
        guard let organization = read.organization else { throw StoreError.notFound(entity: .organization, id: id) }
        let model = OrganizationShowModel(
            organization: organization, people: read.people, activities: read.activities, history: read.history,
            regions: settings.regions, strings: t, saved: request.uri.queryParameters["saved"] != nil,
            currency: read.settings.currency)
        let canEdit = ActivityPages.canEdit(context)
        let followUps = FollowUpSection(
            read.followUps, prefill: "organization=\(organization.id)", today: FollowUpPages.today(context),
            canEdit: canEdit, strings: t)
        let view = OrganizationShowView(
            model: model, t: t, canEdit: canEdit, followUps: followUps,
            pipeline: PipelineSection(
                organizationId: organization.id,
                prospect: read.prospect, canEdit: canEdit),
            engagement: EngagementSection(
                organizationId: organization.id, isMember: organization.input.membershipStatus == .member,
                engagement: read.engagement, canEdit: canEdit),
            delegations: OrganizationDelegationsSection(items: read.delegations),
            coverage: read.coverage.map {
                CoverageSection(organizationId: organization.id, coverage: $0, canEdit: canEdit)
            },
            reports: read.reports, reportCount: read.reportCount, zone: ActivityPages.viewerZone(context))
        return renderer.page(title: organization.name, context: context) { view.render(into: &$0) }
    }

    /// What an organization's page reads.
    private struct ProfileRead: Sendable {
        var organization: Organization?
        var history: [AuditEntry] = []
        var people: [PersonAtOrganization] = []
        var activities: [ActivitySummary] = []
        var settings = WorkspaceSettings()
        var followUps: [FollowUpSummary] = []
        var reports: [ReportSummary] = []
        var delegations: [DelegationSummary] = []
        var coverage: OrganizationCoverage?
        var reportCount = 0
        var prospect: Prospect?
        var engagement = OrganizationEngagement()
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await formPage(OrganizationForm(), newPlace, context: context)
    }

    private var intake: OrganizationIntake {
        OrganizationIntake(store: store, regions: settings.regions, currentYear: settings.currentYear())
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderer.createRecord(
            OrganizationForm(form: try await FormData.read(request, context: context)), newPlace, context: context,
            input: { $0.input(regions: settings.regions, currentYear: settings.currentYear()) }, render: formPage,
            write: { "/organizations/\(try await intake.create($0, by: context.actor).id)" })
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organization = try await load(context)
        return try await formPage(
            OrganizationForm(organization: organization),
            .editing(organization.name, at: "/organizations/\(organization.id)", t), context: context)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        return try await renderer.updateRecord(
            OrganizationForm(form: try await FormData.read(request, context: context)),
            .editing(current.name, at: "/organizations/\(current.id)", t), current: current.version, context: context,
            input: { $0.input(regions: settings.regions, currentYear: settings.currentYear()) }, render: formPage,
            write: { _ = try await intake.update(id: current.id, expectedVersion: $1, $0, by: context.actor) })
    }

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organization = try await load(context)
        return renderer.confirmDelete(
            of: "/organizations/\(organization.id)", version: organization.version,
            prompt: String(format: t[.deletePrompt], organization.name), context: context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        return try await renderer.deleteRecord(request, context: context) { version in
            try await store.deleteOrganization(id: id, expectedVersion: version, by: context.actor)
            return "/organizations?deleted=1"
        }
    }

    private func load(_ context: AppRequestContext) async throws -> Organization {
        try await context.record(.organization) { try await store.organization(id: $0) }
    }

    private var newPlace: FormPlace {
        FormPlace(heading: t[.newOrganization], action: "/organizations", cancel: "/organizations")
    }

    private func formPage(
        _ form: OrganizationForm, _ place: FormPlace, conflict: Bool = false, status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> Response {
        let model = OrganizationFormModel(
            form: form, heading: place.heading, action: place.action, cancel: place.cancel, conflict: conflict,
            networks: try await store.networks(), staff: try await store.accounts().filter { !$0.disabled },
            regions: settings.regions, strings: t)
        let view = OrganizationFormView(model: model, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: place.heading, context: context, status: status) { view.render(into: &$0) }
    }
}
