import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

extension OpportunityKind: Labelled { static var labelPrefix: String { "opportunity_kind_" } }
extension InvitationAnswer: Labelled { static var labelPrefix: String { "invitation_answer_" } }

/// Opportunities to engage (the Clearing House): the list, each with its invitations and answers (set for many
/// organizations at once, and organizations invited by name), and the form that keeps its fields.
struct OpportunityPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/opportunities", access: .viewer, use: list)
        routes.add(.get, "/opportunities/new", access: .editor, use: newForm)
        routes.add(.post, "/opportunities", access: .editor, use: create)
        routes.add(.get, "/opportunities/:id", access: .viewer, use: show)
        routes.add(.get, "/opportunities/:id/edit", access: .editor, use: editForm)
        routes.add(.post, "/opportunities/:id", access: .editor, use: update)
        routes.add(.post, "/opportunities/:id/invitations", access: .editor, use: invitations)
        routes.add(.get, "/opportunities/:id/delete", access: .editor, use: confirmDelete)
        routes.add(.post, "/opportunities/:id/delete", access: .editor, use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let view = OpportunityListView(
            items: try await store.listOpportunities(), canEdit: ActivityPages.canEdit(context), t: t)
        return renderer.page(title: t[.opportunitiesTitle], context: context) { view.render(into: &$0) }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let opportunity = try await load(context)
        let names = try await store.organizationNames(ids: opportunity.input.invitations.map(\.organizationId))
        var activity: Activity?
        if let id = opportunity.input.activityId { activity = try await store.activity(id: id) }
        let view = OpportunityShowView(
            opportunity: opportunity, names: names, activity: activity,
            notice: request.uri.queryParameters["saved"] != nil ? t[.saved] : nil,
            canEdit: ActivityPages.canEdit(context), csrf: context.identity?.csrfToken ?? "", t: t)
        return renderer.page(title: opportunity.input.title, context: context) { view.render(into: &$0) }
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await formPage(FieldValuesForm(values: [:]), newPlace, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderer.createRecord(
            FieldValuesForm(
                sent: try await FormData.read(request, context: context), names: Self.fieldNames, editing: false),
            newPlace, context: context, input: { Self.input($0.values, errors: &$0.errors, strings: t) },
            render: formPage, write: { "/opportunities/\(try await store.createOpportunity($0, by: context.actor).id)" }
        )
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let opportunity = try await load(context)
        let input = opportunity.input
        let values = [
            "title": input.title, "kind": input.kind.rawValue, "theme": input.theme ?? "",
            "deadline": input.deadline ?? "", "eligibility": input.eligibility ?? "",
            "description": input.description ?? "", "activityId": input.activityId.map(String.init) ?? "",
        ]
        return try await formPage(
            FieldValuesForm(values: values, version: String(opportunity.version)),
            .editing(input.title, at: "/opportunities/\(opportunity.id)", t), context: context)
    }

    /// Saves the fields; the invitations stay as they are (they change on the opportunity's page).
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        let form = try await FormData.read(request, context: context)
        return try await renderer.updateRecord(
            FieldValuesForm(sent: form, names: Self.fieldNames, editing: true),
            .editing(current.input.title, at: "/opportunities/\(current.id)", t), current: current.version,
            context: context,
            input: { form in
                var input = Self.input(form.values, errors: &form.errors, strings: t)
                input?.invitations = current.input.invitations
                return input
            }, render: formPage,
            write: { _ = try await store.updateOpportunity(id: current.id, expectedVersion: $1, $0, by: context.actor) }
        )
    }

    /// Sets one answer for the organizations ticked, and invites the organizations named (one a line), at once.
    @Sendable func invitations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        let form = try await FormData.read(request, context: context)
        guard let version = Int(form["version"]) else { throw HTTPError(.badRequest, message: t[.errorMissingVersion]) }
        guard let answer = InvitationAnswer(rawValue: form["answer"]) else {
            throw HTTPError(.badRequest, message: t[.errorInvitationAnswer])
        }
        let ticked = Set(form.all("organizationIds").prefix(OpportunityInput.maxInvitations + 1).compactMap(Int64.init))
        var input = current.input
        for index in input.invitations.indices where ticked.contains(input.invitations[index].organizationId) {
            input.invitations[index].answer = answer
        }
        let names = form["invite"].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard names.count <= OpportunityInput.maxInvitations else {
            throw HTTPError(.badRequest, message: String(format: t[.errorTooManyRows], OpportunityInput.maxInvitations))
        }
        var missing: [String] = []
        let today = FollowUpPages.today(context)
        for name in names {
            guard let hit = try await store.organization(named: name) else {
                missing.append(name)
                continue
            }
            if let index = input.invitations.firstIndex(where: { $0.organizationId == hit.id }) {
                input.invitations[index].answer = answer
            } else {
                input.invitations.append(OpportunityInvitation(organizationId: hit.id, answer: answer, sentOn: today))
            }
        }
        guard missing.isEmpty else {
            throw HTTPError(
                .unprocessableContent,
                message: String(format: t[.errorNoOrganizationNamed], missing.joined(separator: ", ")))
        }
        try await renderer.writeChange {
            _ = try await store.updateOpportunity(id: current.id, expectedVersion: version, input, by: context.actor)
        }
        return PageRenderer.redirect(to: "/opportunities/\(current.id)?saved=1#invitations")
    }

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let opportunity = try await load(context)
        return renderer.confirmDelete(
            of: "/opportunities/\(opportunity.id)", version: opportunity.version,
            prompt: String(format: t[.deleteOpportunityPrompt], opportunity.input.title), context: context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        return try await renderer.deleteRecord(request, context: context) { version in
            try await store.deleteOpportunity(id: id, expectedVersion: version, by: context.actor)
            return "/opportunities"
        }
    }

    private func load(_ context: AppRequestContext) async throws -> Opportunity {
        try await context.record(.opportunity) { try await store.opportunity(id: $0) }
    }

    static let fieldNames = ["title", "kind", "theme", "deadline", "eligibility", "description", "activityId"]

    static func input(_ values: [String: String], errors: inout [String: String], strings t: Strings)
        -> OpportunityInput?
    {
        let kind = OpportunityKind(rawValue: values["kind"] ?? "")
        if kind == nil { errors["kind"] = t[.errorOpportunityKind] }
        var activityId: Int64?
        if let raw = values["activityId"], !raw.isEmpty {
            activityId = Int64(raw)
            if activityId == nil { errors["activityId"] = String(format: t[.errorNotARecordId], raw) }
        }
        guard errors.isEmpty, let kind else { return nil }
        return OpportunityInput(
            title: values["title"] ?? "", kind: kind, theme: values["theme"], deadline: values["deadline"],
            eligibility: values["eligibility"], description: values["description"], activityId: activityId)
    }

    private var newPlace: FormPlace {
        FormPlace(heading: t[.newOpportunity], action: "/opportunities", cancel: "/opportunities")
    }

    private func formPage(
        _ form: FieldValuesForm, _ place: FormPlace, conflict: Bool = false, status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> Response {
        let (values, errors) = (form.values, form.errors)
        func field(_ name: String, _ label: StringKey, control: FormField.Control = .text) -> FormField {
            FormField(name: name, label: t[label], value: values[name] ?? "", error: errors[name], control: control)
        }
        var title = field("title", .fieldTitle)
        title.required = true
        var kind = field("kind", .fieldOpportunityKind, control: .select)
        kind.options = FormField.choices(
            OpportunityKind.allCases.map { ($0.rawValue, t.label($0)) }, selected: values["kind"] ?? "", blank: nil)
        var theme = field("theme", .fieldTheme)
        theme.list = "themes"
        var activity = field("activityId", .fieldOpportunityActivity, control: .select)
        activity.options = FormField.choices(
            try await store.listActivities(ActivityQuery(from: Date(), kinds: [.congress, .event], limit: 50)).map {
                (String($0.id), "\($0.title) (\($0.start.prefix(10)))")
            }, selected: values["activityId"] ?? "", blank: t[.pipelineNoActivity])
        let fields = [
            title, kind, theme, field("deadline", .fieldDeadline, control: .date),
            field("eligibility", .fieldEligibility, control: .textarea),
            field("description", .fieldDescription, control: .textarea), activity,
        ]
        let view = OpportunityFormView(
            heading: place.heading, action: place.action, cancel: place.cancel, version: form.version,
            conflict: conflict, fields: fields,
            themes: try await store.themes(), t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: place.heading, context: context, status: status) { view.render(into: &$0) }
    }
}
