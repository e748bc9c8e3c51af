import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The membership pipeline: the board (a column a stage, a card a prospect, moved by a button), the funnel,
/// the list and its CSV, and each prospect's page with its moves. All usable without JavaScript.
struct PipelinePages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    /// How many rows a page of the list shows.
    static let listPageSize = 100

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/pipeline", access: .viewer, use: board)
        routes.add(.get, "/pipeline/funnel", access: .viewer, use: funnel)
        routes.add(.get, "/pipeline/list", access: .viewer, use: list)
        routes.add(.get, "/pipeline.csv", access: .viewer, use: csv)
        routes.add(.get, "/pipeline/new", access: .editor, use: newForm)
        routes.add(.post, "/pipeline", access: .editor, use: create)
        routes.add(.get, "/pipeline/:id", access: .viewer, use: show)
        routes.add(.get, "/pipeline/:id/edit", access: .editor, use: editForm)
        routes.add(.post, "/pipeline/:id", access: .editor, use: update)
        routes.add(.post, "/pipeline/:id/stage", access: .editor, use: move)
        routes.add(.get, "/pipeline/:id/delete", access: .editor, use: confirmDelete)
        routes.add(.post, "/pipeline/:id/delete", access: .editor, use: delete)
    }

    // MARK: Board, funnel, list

    /// The filters, the staff and the upcoming events they offer, and the head of the page.
    private func head(_ request: Request, heading: String, path: String) async throws -> PipelineHeadView {
        let filters = PipelineFilters(request.uri.queryDictionary, regions: settings.regions, strings: t)
        let fields = filters.fields(
            staff: try await store.accounts(), targets: try await targets(), regions: settings.regions, strings: t)
        return PipelineHeadView(
            heading: heading, current: path, filters: filters, fields: fields, action: path, t: t)
    }

    @Sendable func board(_ request: Request, context: AppRequestContext) async throws -> Response {
        let head = try await head(request, heading: t[.pipelineTitle], path: "/pipeline")
        let board = try await store.pipelineBoard(head.filters.query)
        let columns = PipelineStage.allCases.map { stage in
            (
                stage: stage,
                cards: (board.cards[stage] ?? []).map { ProspectCard($0, regions: settings.regions, strings: t) },
                count: board.counts[stage] ?? 0
            )
        }
        let view = PipelineBoardView(
            head: head, columns: columns, canEdit: ActivityPages.canEdit(context),
            csrf: context.identity?.csrfToken ?? "", t: t)
        return renderer.page(
            title: t[.pipelineTitle], context: context, status: head.filters.errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    @Sendable func funnel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let head = try await head(request, heading: t[.pipelineFunnel], path: "/pipeline/funnel")
        let funnel = try await store.pipelineFunnel(head.filters.query)
        let regions =
            settings.regions.regions.map { (key: $0.key, name: $0.name) }
            + (funnel.rows.contains { $0.byRegion[""] != nil } ? [(key: "", name: t[.pipelineNoRegion])] : [])
        let view = PipelineFunnelView(head: head, funnel: funnel, regions: regions, t: t)
        return renderer.page(
            title: t[.pipelineFunnel], context: context, status: head.filters.errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var head = try await head(request, heading: t[.pipelineList], path: "/pipeline/list")
        let parameters = request.uri.queryDictionary
        var reader = QueryReader(parameters, strict: false)
        if let stage = reader.value("stage") {
            if let value = PipelineStage(rawValue: stage) {
                head.filters.query.stages = [value]
            } else {
                reader.fail("stage", "choice", t[.errorPipelineStage])
            }
        }
        let page = reader.integer("page", in: 1...(ProspectQuery.maxOffset / Self.listPageSize)) ?? 1
        head.filters.errors += reader.errors
        var query = head.filters.query
        query.limit = Self.listPageSize + 1
        query.offset = (page - 1) * Self.listPageSize
        let items = try await store.listProspects(query)
        let stage = head.filters.query.stages.first.map { [("stage", $0.rawValue)] } ?? []
        let view = PipelineListView(
            head: head,
            cards: items.prefix(Self.listPageSize).map { ProspectCard($0, regions: settings.regions, strings: t) },
            previous: page > 1 ? head.filters.link("/pipeline/list", stage + [("page", String(page - 1))]) : nil,
            next: items.count > Self.listPageSize
                ? head.filters.link("/pipeline/list", stage + [("page", String(page + 1))]) : nil,
            pageLabel: String(format: t[.pipelinePage], page), t: t)
        return renderer.page(
            title: t[.pipelineList], context: context, status: head.filters.errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await store.takeCostly(settings.limits.export, key: RateKey.export, what: "exports", context: context)
        let filters = PipelineFilters(request.uri.queryDictionary, regions: settings.regions, strings: t)
        try Problem.refuseQuery(filters.errors)
        var query = filters.query
        query.limit = Exports.maxRows
        let items = try await store.listProspects(query)
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .export, entity: .prospect, summary: "\(items.count) prospects as CSV"))
        let rows = items.map { p -> [String] in
            [
                String(p.organizationId), p.organizationName, p.country ?? "",
                p.region.flatMap { settings.regions.region(key: $0)?.name } ?? "", p.stage.rawValue, p.stageSince,
                p.ownerName ?? "", p.targetDate ?? "", p.targetActivityTitle ?? "",
                p.likelihood.map(String.init) ?? "", p.nextStep ?? "", p.membershipStatus.rawValue,
            ]
        }
        let header = [
            "organization_id", "organization", "country", "region", "stage", "stage_since", "owner", "target_date",
            "target_activity", "likelihood", "next_step", "membership_status",
        ]
        return Exports.download(
            CSVWriter.document(header: header, rows: rows), type: "text/csv; charset=utf-8", filename: "pipeline.csv")
    }

    // MARK: One prospect

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let prospect = try await load(context)
        let summary = try await store.listProspects(ProspectQuery(organizationId: prospect.input.organizationId)).first
        let card = summary.map { ProspectCard($0, regions: settings.regions, strings: t) }
        let places = try await self.places(of: prospect.input.organizationId)
        let activityIds = Set(prospect.history.compactMap(\.activityId))
        let titles = Dictionary(
            try await store.activities(ids: Array(activityIds)).map { ($0.id, $0.input.title) },
            uniquingKeysWith: { first, _ in first })
        var form = ProspectForm()
        form.stage = (prospect.input.stage.next ?? prospect.input.stage).rawValue
        form.stageDate = FollowUpPages.today(context)
        let model = ProspectFormModel(
            form: form, heading: "", action: "", cancel: "", conflict: false,
            choices: ProspectChoices(staff: [], targets: [], places: places), strings: t)
        let view = ProspectShowView(
            prospect: prospect,
            card: card ?? ProspectCard(Self.summary(prospect), regions: settings.regions, strings: t),
            moveFields: model.fields.filter { $0.name == "stage" } + model.move, activityTitles: titles,
            notice: request.uri.queryParameters["saved"] != nil ? t[.saved] : nil,
            canEdit: ActivityPages.canEdit(context), csrf: context.identity?.csrfToken ?? "", t: t)
        return renderer.page(
            title: String(format: t[.pipelineProspectHeading], prospect.organizationName), context: context
        ) { view.render(into: &$0) }
    }

    /// A form to add the organization `?organization=` to the pipeline; its page when it is in already.
    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        var reader = QueryReader(request.uri.queryDictionary, strict: false)
        guard let id = reader.recordId("organization"), let organization = try await store.organization(id: id) else {
            throw HTTPError(.badRequest, message: t[.errorPipelineOrganization])
        }
        if let prospect = try await store.prospect(organizationId: id) {
            return PageRenderer.redirect(to: "/pipeline/\(prospect.id)")
        }
        var form = ProspectForm()
        form.organizationId = String(id)
        form.organizationName = organization.name
        form.ownerAccountId = context.identity.map { String($0.account.id) } ?? ""
        form.stageDate = FollowUpPages.today(context)
        return try await formPage(
            form,
            FormPlace(
                heading: String(format: t[.pipelineAddHeading], organization.name), action: "/pipeline",
                cancel: "/organizations/\(id)"), creating: true, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = ProspectForm(form: try await FormData.read(request, context: context))
        let heading = String(format: t[.pipelineAddHeading], form.organizationName)
        return try await renderer.createRecord(
            form, FormPlace(heading: heading, action: "/pipeline", cancel: "/pipeline"), context: context,
            input: { $0.input(strings: t) },
            render: { try await formPage($0, $1, creating: true, conflict: $2, status: $3, context: $4) },
            write: { "/pipeline/\(try await create($0, context: context).id)" })
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let prospect = try await load(context)
        return try await formPage(
            ProspectForm(prospect), .editing(prospect.organizationName, at: "/pipeline/\(prospect.id)", t),
            creating: false, context: context)
    }

    /// Saves what the prospect should do next; its stage and organization stay as they are (a move is its own
    /// form, with its note).
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        var form = ProspectForm(form: try await FormData.read(request, context: context))
        form.organizationId = String(current.input.organizationId)
        form.organizationName = current.organizationName
        form.stage = current.input.stage.rawValue
        return try await renderer.updateRecord(
            form, .editing(current.organizationName, at: "/pipeline/\(current.id)", t), current: current.version,
            context: context,
            input: { form in
                guard var input = form.input(strings: t) else { return nil }
                input.stageNote = nil
                input.stageActivityId = nil
                input.stageDate = nil
                return input
            },
            render: { try await formPage($0, $1, creating: false, conflict: $2, status: $3, context: $4) },
            write: { _ = try await update(current, version: $1, $0, context: context) })
    }

    /// A move to another stage, from a card of the board or the prospect's page, with its day, note and place.
    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        let sent = try await FormData.read(request, context: context)
        guard let version = Int(sent["version"]) else { throw HTTPError(.badRequest, message: t[.errorMissingVersion]) }
        var form = ProspectForm(current)
        form.stage = sent["stage"]
        form.stageNote = sent["stageNote"]
        form.stageActivityId = sent["stageActivityId"]
        form.stageDate = sent["stageDate"].isEmpty ? FollowUpPages.today(context) : sent["stageDate"]
        guard let input = form.input(strings: t) else {
            throw HTTPError(.badRequest, message: form.errors.values.sorted().joined(separator: " "))
        }
        try await renderer.writeChange {
            _ = try await update(current, version: version, input, context: context)
        }
        let back = sent["back"]
        return PageRenderer.redirect(
            to: back.hasPrefix("/pipeline") && !back.hasPrefix("//") ? back : "/pipeline/\(current.id)?saved=1")
    }

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let prospect = try await load(context)
        return renderer.confirmDelete(
            of: "/pipeline/\(prospect.id)", version: prospect.version,
            prompt: String(format: t[.pipelineRemovePrompt], prospect.organizationName), context: context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        return try await renderer.deleteRecord(request, context: context) { version in
            try await store.deleteProspect(id: id, expectedVersion: version, by: context.actor)
            return "/pipeline"
        }
    }

    // MARK: Shared with the API

    func create(_ input: ProspectInput, context: AppRequestContext) async throws -> Prospect {
        try await store.createProspect(input, today: FollowUpPages.today(context), by: context.actor)
    }

    func update(_ current: Prospect, version: Int, _ input: ProspectInput, context: AppRequestContext) async throws
        -> Prospect
    {
        try await store.updateProspect(
            id: current.id, expectedVersion: version, input, today: FollowUpPages.today(context), by: context.actor)
    }

    func load(_ context: AppRequestContext) async throws -> Prospect {
        try await context.record(.prospect) { try await store.prospect(id: $0) }
    }

    /// Upcoming events and congresses: what a prospect may aim to join by.
    private func targets() async throws -> [ActivitySummary] {
        try await store.listActivities(ActivityQuery(from: Date(), kinds: [.congress, .event], limit: 50))
    }

    /// The organization's latest activities: where a move may have happened.
    private func places(of organizationId: Int64) async throws -> [ActivitySummary] {
        try await store.listActivities(ActivityQuery(organizationId: organizationId, newestFirst: true, limit: 20))
    }

    private func formPage(
        _ form: ProspectForm, _ place: FormPlace, creating: Bool, conflict: Bool = false,
        status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> Response {
        let organizationId = Int64(form.organizationId) ?? 0
        let choices = ProspectChoices(
            staff: try await store.accounts().filter { !$0.disabled }, targets: try await targets(),
            places: organizationId > 0 ? try await places(of: organizationId) : [])
        let model = ProspectFormModel(
            form: form, heading: place.heading, action: place.action, cancel: place.cancel, conflict: conflict,
            choices: choices,
            strings: t)
        let view = ProspectFormView(model: model, t: t, csrf: context.identity?.csrfToken ?? "", creating: creating)
        return renderer.page(title: place.heading, context: context, status: status) { view.render(into: &$0) }
    }

    /// A summary made from the record alone, for a page read while its list row was being deleted.
    static func summary(_ p: Prospect) -> ProspectSummary {
        ProspectSummary(
            id: p.id, organizationId: p.input.organizationId, organizationName: p.organizationName, country: nil,
            region: nil, membershipStatus: .none, stage: p.input.stage, stageSince: p.stageSince,
            ownerAccountId: p.input.ownerAccountId, ownerName: nil, targetDate: p.input.targetDate,
            targetActivityId: p.input.targetActivityId, targetActivityTitle: nil, likelihood: p.input.likelihood,
            nextStep: p.input.nextStep, version: p.version)
    }
}
