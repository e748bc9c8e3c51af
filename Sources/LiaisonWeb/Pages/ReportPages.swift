import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The reports: a list filtered by author, kind of activity, region and dates; a report's page with its
/// rendered text, its links (removable, and added by name), the follow-ups of its task lines and its colleagues'
/// comments (`ReportPages+Comments`); the form
/// that writes or edits one; delete. All usable without JavaScript. Drafts are shown to all the staff,
/// marked as drafts.
struct ReportPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer
    let finder: any ReportMentionFinder

    var t: Strings { renderer.strings }
    private var intake: ReportIntake { ReportIntake(store: store, finder: finder) }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/reports", access: .viewer, use: list)
        routes.add(.get, "/reports/new", access: .editor, use: newForm)
        routes.add(.post, "/reports", access: .editor, use: create)
        routes.add(.get, "/reports/:id", access: .viewer, use: show)
        routes.add(.get, "/reports/:id/edit", access: .editor, use: editForm)
        routes.add(.post, "/reports/:id", access: .editor, use: update)
        routes.add(.post, "/reports/:id/links", access: .editor, use: links)
        routes.add(.get, "/reports/:id/delete", access: .editor, use: confirmDelete)
        routes.add(.post, "/reports/:id/delete", access: .editor, use: delete)
        registerComments(on: routes)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        let zone = ActivityPages.viewerZone(context)
        let (query, errors) = ReportQuery.parse(
            parameters.filter {
                ["author", "kind", "region", "from", "to", "organization", "person", "activity"]
                    .contains($0.key)
            }, regions: settings.regions, zone: zone)
        let items = try await store.listReports(query)
        let staff = try await store.accounts()
        let view = ReportListView(
            items: items, filters: filterFields(parameters, errors: errors, staff: staff), zone: zone, t: t,
            canEdit: ActivityPages.canEdit(context))
        return renderer.page(title: t[.reportsTitle], context: context, status: errors.isEmpty ? .ok : .badRequest) {
            view.render(into: &$0)
        }
    }

    private func filterFields(_ parameters: [String: String], errors: [FieldError], staff: [StaffAccount])
        -> [FormField]
    {
        func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }
        var author = FormField(name: "author", label: t[.reportAuthor], error: error("author"), control: .select)
        author.options = FormField.choices(
            staff.map { (String($0.id), $0.name) }, selected: parameters["author"] ?? "", blank: t[.anyone])
        var kind = FormField(name: "kind", label: t[.filterKind], error: error("kind"), control: .select)
        kind.options = FormField.choices(
            ActivityKind.allCases.map { ($0.rawValue, t.label($0)) }, selected: parameters["kind"] ?? "",
            blank: t[.any])
        var region = FormField(name: "region", label: t[.filterRegion], error: error("region"), control: .select)
        region.options = FormField.choices(
            settings.regions.regions.map { ($0.key, $0.name) }, selected: parameters["region"] ?? "", blank: t[.any])
        let from = FormField(
            name: "from", label: t[.reportFrom], value: parameters["from"] ?? "", error: error("from"), control: .date)
        let to = FormField(
            name: "to", label: t[.reportTo], value: parameters["to"] ?? "", error: error("to"), control: .date)
        return [author, kind, region, from, to]
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await showPage(request, context: context, report: try await ReportInputs.load(context, store: store))
    }

    /// The report's page; `draft` is a comment refused, shown again in the form with why.
    func showPage(
        _ request: Request, context: AppRequestContext, report: Report, linkError: String? = nil,
        draft: CommentDraft = CommentDraft(), status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let history = try await store.auditEntries(AuditQuery(entity: .report, entityId: report.id, limit: 20))
        let zone = ActivityPages.viewerZone(context)
        let thread = CommentThreadView(
            reportId: report.id, comments: try await store.comments(ofReport: report.id), draft: draft, zone: zone,
            t: t, viewer: context.identity?.account, csrf: context.identity?.csrfToken ?? "")
        let view = ReportView(
            report: report, followUps: try await store.followUps(ofReport: report.id), thread: thread,
            history: history, zone: zone, t: t,
            canEdit: ActivityPages.canEdit(context), csrf: context.identity?.csrfToken ?? "",
            notice: request.uri.queryParameters["saved"] != nil ? t[.saved] : nil, linkError: linkError)
        return renderer.page(title: report.input.title, context: context, status: status) { view.render(into: &$0) }
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        var reader = QueryReader(request.uri.queryDictionary, strict: false)
        var form = ReportForm()
        form.activityId = reader.recordId("activity").map(String.init) ?? ""
        form.organizationId = reader.recordId("organization").map(String.init) ?? ""
        if let id = Int64(form.organizationId), let organization = try await store.organization(id: id) {
            form.title = String(format: t[.reportNoteTitle], organization.name)
        }
        return try await formPage(form, newPlace, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderer.createRecord(
            ReportForm(form: try await FormData.read(request, context: context)), newPlace, context: context,
            input: { try $0.input() }, render: formPage,
            write: { "/reports/\(try await intake.create($0, by: context.actor).id)" })
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let report = try await ReportInputs.load(context, store: store)
        return try await formPage(
            ReportForm(report: report), .editing(report.input.title, at: "/reports/\(report.id)", t), context: context)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await ReportInputs.load(context, store: store)
        return try await renderer.updateRecord(
            ReportForm(form: try await FormData.read(request, context: context)),
            .editing(current.input.title, at: "/reports/\(current.id)", t), current: current.version, context: context,
            input: { form in
                var input = try form.input()
                // The links panel, not this form, adds and removes links: they stay as they are.
                input.linksAdded = current.input.linksAdded
                input.linksRemoved = current.input.linksRemoved
                return input
            }, render: formPage,
            write: { _ = try await intake.update(id: current.id, expectedVersion: $1, $0, by: context.actor) })
    }

    /// Adds an organization or person typed by name, or removes a link (`remove` = `organization:12`).
    @Sendable func links(_ request: Request, context: AppRequestContext) async throws -> Response {
        let report = try await ReportInputs.load(context, store: store)
        let form = try await FormData.read(request, context: context)
        guard let version = Int(form["version"]) else { throw HTTPError(.badRequest, message: t[.errorMissingVersion]) }
        func refuse(_ message: String, status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            try await showPage(request, context: context, report: report, linkError: message, status: status)
        }
        do {
            if let target = Self.target(form["remove"]) {
                _ = try await intake.unlink(target, in: report, expectedVersion: version, by: context.actor)
            } else {
                let name = form["name"].trimmingCharacters(in: .whitespacesAndNewlines)
                guard !name.isEmpty else { return try await refuse(t[.errorLinkName]) }
                let target: MentionTarget
                if let hit = try await store.organization(named: name) {
                    target = MentionTarget(.organization, hit.id)
                } else if let hit = try await store.person(named: name) {
                    target = MentionTarget(.person, hit.id)
                } else {
                    return try await refuse(String(format: t[.errorNoRecordNamed], name))
                }
                _ = try await intake.link(target, in: report, expectedVersion: version, by: context.actor)
            }
            return PageRenderer.redirect(to: "/reports/\(report.id)?saved=1#links")
        } catch let error as ValidationError {
            return try await refuse(error.errors.map(\.message).joined(separator: " "))
        } catch StoreError.versionConflict {
            return try await refuse(t[.conflictMessage], status: .conflict)
        }
    }

    static func target(_ value: String) -> MentionTarget? {
        let parts = value.split(separator: ":")
        guard parts.count == 2, let kind = MentionKind(rawValue: String(parts[0])), let id = Int64(parts[1]), id > 0
        else { return nil }
        return MentionTarget(kind, id)
    }

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let report = try await ReportInputs.load(context, store: store)
        return renderer.confirmDelete(
            of: "/reports/\(report.id)", version: report.version,
            prompt: String(format: t[.deleteReportPrompt], report.input.title), context: context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        return try await renderer.deleteRecord(request, context: context) { version in
            try await store.deleteReport(id: id, expectedVersion: version, by: context.actor)
            return "/reports?deleted=1"
        }
    }

    private var newPlace: FormPlace { FormPlace(heading: t[.newReport], action: "/reports", cancel: "/reports") }

    private func formPage(
        _ form: ReportForm, _ place: FormPlace, conflict: Bool = false, status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> Response {
        let activities = try await store.listActivities(ActivityQuery(newestFirst: true, limit: 200))
        let view = ReportFormView(
            form: form, heading: place.heading, action: place.action, cancel: place.cancel, conflict: conflict,
            staff: try await store.accounts().filter { !$0.disabled }, activities: activities, t: t,
            csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: place.heading, context: context, status: status) { view.render(into: &$0) }
    }
}

/// The report form as typed, kept whole so a refused save shows it again.
struct ReportForm {
    var title = ""
    var body = ""
    var status = ReportStatus.draft.rawValue
    var activityId = ""
    var organizationId = ""
    var authors: [String] = []
    var reviewers: [String] = []
    var version = ""
    var errors: [FieldError] = []

    init() {}

    init(report: Report) {
        title = report.input.title
        body = report.input.body
        status = report.input.status.rawValue
        activityId = report.input.activityId.map(String.init) ?? ""
        organizationId = report.input.organizationId.map(String.init) ?? ""
        authors = report.input.authorAccountIds.map(String.init)
        reviewers = report.input.reviewerAccountIds.map(String.init)
        version = String(report.version)
    }

    init(form: FormData) {
        title = form["title"]
        body = form["body"]
        status = form["status"]
        activityId = form["activityId"]
        organizationId = form["organizationId"]
        authors = form.all("authorAccountIds")
        reviewers = form.all("reviewerAccountIds")
        version = form["version"]
    }

    /// The input the form says, or the errors of the fields that are not what they must be.
    func input() throws(ValidationError) -> ReportInput {
        var errors: [FieldError] = []
        func id(_ field: String, _ text: String) -> Int64? {
            guard !text.isEmpty else { return nil }
            guard let id = Int64(text), id > 0 else {
                errors.append(FieldError(field: field, rule: "record_id", message: "Choose one from the list."))
                return nil
            }
            return id
        }
        let status = ReportStatus(rawValue: status)
        if status == nil {
            errors.append(FieldError(field: "status", rule: "one_of", message: "Choose draft or shared."))
        }
        let input = ReportInput(
            title: title, body: body, status: status ?? .draft,
            authorAccountIds: authors.compactMap { id("authorAccountIds", $0) },
            reviewerAccountIds: reviewers.compactMap { id("reviewerAccountIds", $0) },
            activityId: id("activityId", activityId), organizationId: id("organizationId", organizationId))
        if !errors.isEmpty { throw ValidationError(errors) }
        return input
    }

    mutating func addErrors(_ list: [FieldError]) {
        errors += list
    }

    func error(_ field: String) -> String? {
        errors.first { $0.field == field || $0.field.hasPrefix(field + "[") }?.message
    }
}
