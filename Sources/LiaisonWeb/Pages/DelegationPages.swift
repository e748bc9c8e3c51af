import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

extension DelegationInvitationState: Labelled { static var labelPrefix: String { "delegation_state_" } }
extension RegistrationState: Labelled { static var labelPrefix: String { "registration_state_" } }

/// An event's delegations: the list (filtered by region, country and state) with the form that sets many
/// invitations at once and invites organizations by name, the forecast, the CSV, and each delegation's page
/// with its registrations. All usable without JavaScript.
struct DelegationPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/activities/:id/delegations", access: .viewer, use: list)
        routes.add(.post, "/activities/:id/delegations", access: .editor, use: bulk)
        routes.add(.get, "/activities/:id/delegations.csv", access: .viewer, use: csv)
        routes.add(.get, "/activities/:id/forecast", access: .viewer, use: forecast)
        routes.add(.get, "/delegations/:id", access: .viewer, use: show)
        routes.add(.get, "/delegations/:id/edit", access: .editor, use: editForm)
        routes.add(.post, "/delegations/:id", access: .editor, use: update)
        routes.add(.post, "/delegations/:id/registrations", access: .editor, use: saveRegistration)
        routes.add(.post, "/delegations/:id/registrations/state", access: .editor, use: registrationStates)
        routes.add(.get, "/delegations/:id/delete", access: .editor, use: confirmDelete)
        routes.add(.post, "/delegations/:id/delete", access: .editor, use: delete)
    }

    // MARK: An event's delegations

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let activity = try await ActivityInputs.load(context, store: store)
        let filters = DelegationFilters(request.uri.queryDictionary, activityId: activity.id, settings: settings, t: t)
        var query = filters.query
        query.limit = Exports.maxRows
        let items = try await store.listDelegations(query)
        let view = DelegationListView(
            activity: activity, head: head(activity, current: "list", filters: filters), items: items,
            regions: settings.regions, notice: request.uri.queryParameters["saved"] != nil ? t[.saved] : nil,
            canEdit: ActivityPages.canEdit(context), csrf: context.identity?.csrfToken ?? "",
            today: FollowUpPages.today(context), t: t)
        return renderer.page(
            title: String(format: t[.delegationsTitle], activity.title), context: context,
            status: filters.errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    @Sendable func forecast(_ request: Request, context: AppRequestContext) async throws -> Response {
        let activity = try await ActivityInputs.load(context, store: store)
        let filters = DelegationFilters(request.uri.queryDictionary, activityId: activity.id, settings: settings, t: t)
        let view = DelegationForecastView(
            head: head(activity, current: "forecast", filters: filters),
            forecast: try await store.delegationForecast(filters.query), regions: settings.regions, t: t)
        return renderer.page(
            title: String(format: t[.delegationForecastTitle], activity.title), context: context,
            status: filters.errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    private func head(_ activity: Activity, current: String, filters: DelegationFilters) -> DelegationHeadView {
        DelegationHeadView(
            activity: activity, current: current, filters: filters, fields: filters.fields(settings.regions, t: t),
            t: t)
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let activity = try await ActivityInputs.load(context, store: store)
        try await store.takeCostly(settings.limits.export, key: RateKey.export, what: "exports", context: context)
        let filters = DelegationFilters(request.uri.queryDictionary, activityId: activity.id, settings: settings, t: t)
        try Problem.refuseQuery(filters.errors)
        var query = filters.query
        query.limit = Exports.maxRows
        let items = try await store.listDelegations(query)
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .export, entity: .delegation,
                summary: "\(items.count) delegations to \(activity.title) as CSV"))
        let rows = items.map { d -> [String] in
            [
                String(d.id), d.organizationId.map(String.init) ?? "", d.organizationName, d.country ?? "",
                d.region.flatMap { settings.regions.region(key: $0)?.name } ?? "", d.state.rawValue, d.sentOn ?? "",
                d.letterLanguage ?? "", d.expectedSize.map(String.init) ?? "", d.mayorHeads ? "yes" : "no",
                d.expectedMode.rawValue, String(d.figures.expectedInPerson), String(d.figures.expectedVirtual),
                String(d.figures.registeredInPerson), String(d.figures.registeredVirtual), d.headName ?? "",
            ]
        }
        let header = [
            "delegation_id", "organization_id", "organization", "country", "region", "invitation_state", "sent_on",
            "letter_language", "expected_size", "mayor_heads", "expected_mode", "expected_in_person",
            "expected_virtual", "registered_in_person", "registered_virtual", "head_of_delegation",
        ]
        return Exports.download(
            CSVWriter.document(header: header, rows: rows), type: "text/csv; charset=utf-8",
            filename: "delegations-\(activity.id).csv")
    }

    /// Sets one invitation state for the delegations ticked, and invites the organizations named (one a line):
    /// those without a delegation get one, in one transaction; those with one get the state too.
    @Sendable func bulk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let activity = try await ActivityInputs.load(context, store: store)
        let form = try await FormData.read(request, context: context)
        guard let state = DelegationInvitationState(rawValue: form["setState"]) else {
            throw HTTPError(.unprocessableContent, message: t[.errorDelegationState])
        }
        let letter = form["letterLanguage"].trimmingCharacters(in: .whitespaces).nilIfBlank.map {
            Language.code(name: $0) ?? $0
        }
        // Each box carries the version it was shown at: "id:version".
        var ticked: [Int64: Int] = [:]
        for value in form.all("delegations").prefix(Exports.maxRows + 1) {
            let parts = value.split(separator: ":")
            guard parts.count == 2, let id = Int64(parts[0]), let version = Int(parts[1]) else {
                throw HTTPError(.badRequest, message: String(format: t[.errorNotARecordId], value))
            }
            ticked[id] = version
        }
        let names = form["invite"].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard names.count + ticked.count <= Exports.maxRows else {
            throw HTTPError(.badRequest, message: String(format: t[.errorTooManyRows], Exports.maxRows))
        }
        var missing: [String] = []
        var invited: [Int64] = []
        for name in names {
            guard let hit = try await store.organization(named: name) else {
                missing.append(name)
                continue
            }
            if !invited.contains(hit.id) { invited.append(hit.id) }
        }
        guard missing.isEmpty else {
            throw HTTPError(
                .unprocessableContent,
                message: String(format: t[.errorNoOrganizationNamed], missing.joined(separator: ", ")))
        }
        let existing = try await store.listDelegations(
            DelegationQuery(activityId: activity.id, limit: DelegationQuery.maxLimit))
        for item in existing where invited.contains(item.organizationId ?? 0) && ticked[item.id] == nil {
            ticked[item.id] = item.version
        }
        let known = Set(existing.compactMap(\.organizationId))
        let today = FollowUpPages.today(context)
        let sent = state == .notSent ? nil : today
        let fresh = invited.filter { !known.contains($0) }.map { organizationId in
            DelegationInput(
                activityId: activity.id, organizationId: organizationId, state: state, sentOn: sent,
                sentByAccountId: sent == nil ? nil : context.actor.accountId, letterLanguage: letter)
        }
        // A box of another event or shown at an older version is refused before anything is written.
        let current = try await store.delegations(ids: Array(ticked.keys))
        for delegation in current
        where delegation.input.activityId != activity.id || ticked[delegation.id] != delegation.version {
            throw HTTPError(.conflict, message: t[.conflictMessage])
        }
        // The new invitations and the changed ones are written in one transaction: all or nothing.
        let changed = current.filter { $0.input.state != state }.map { delegation in
            var input = delegation.input
            input.state = state
            if state != .notSent && input.sentOn == nil {
                input.sentOn = today
                input.sentByAccountId = input.sentByAccountId ?? context.actor.accountId
            }
            if let letter, input.letterLanguage == nil { input.letterLanguage = letter }
            return (id: delegation.id, expectedVersion: delegation.version, input: input)
        }
        try await renderer.writeChange {
            try await store.writeDelegations(creating: fresh, updating: changed, by: context.actor)
        }
        return PageRenderer.redirect(to: "/activities/\(activity.id)/delegations?saved=1")
    }

    // MARK: One delegation

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let delegation = try await load(context)
        var reader = QueryReader(request.uri.queryDictionary, strict: false)
        let editing = reader.integer("registration", in: 0...(DelegationInput.maxRegistrations - 1))
        var people: [PersonAtOrganization] = []
        if let organizationId = delegation.input.organizationId {
            people = try await store.peopleAt(organizationId: organizationId)
        }
        let view = DelegationShowView(
            delegation: delegation, people: people,
            editing: editing.flatMap { delegation.input.registrations.indices.contains($0) ? $0 : nil },
            notice: request.uri.queryParameters["saved"] != nil ? t[.saved] : nil,
            canEdit: ActivityPages.canEdit(context), csrf: context.identity?.csrfToken ?? "", t: t)
        return renderer.page(title: delegation.organizationName, context: context) { view.render(into: &$0) }
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let delegation = try await load(context)
        let input = delegation.input
        let values = [
            "state": input.state.rawValue, "sentOn": input.sentOn ?? "",
            "sentByAccountId": input.sentByAccountId.map(String.init) ?? "",
            "letterLanguage": input.letterLanguage ?? "",
            "expectedSize": input.expectedSize.map(String.init) ?? "", "mayorHeads": input.mayorHeads ? "on" : "",
            "expectedMode": input.expectedMode.rawValue, "note": input.note ?? "",
        ]
        return try await formPage(
            FieldValuesForm(values: values, version: String(delegation.version)), place(of: delegation),
            context: context)
    }

    /// Saves the invitation and the estimate; the registrations stay as they are (they change on its page).
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        let form = try await FormData.read(request, context: context)
        return try await renderer.updateRecord(
            FieldValuesForm(sent: form, names: DelegationForm.fieldNames, editing: true), place(of: current),
            current: current.version, context: context,
            input: { DelegationForm.input($0.values, current: current.input, errors: &$0.errors, t: t) },
            render: formPage,
            write: { _ = try await store.updateDelegation(id: current.id, expectedVersion: $1, $0, by: context.actor) })
    }

    /// Adds a registration, or replaces the one at `position`.
    @Sendable func saveRegistration(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        let form = try await FormData.read(request, context: context)
        guard let version = Int(form["version"]) else { throw HTTPError(.badRequest, message: t[.errorMissingVersion]) }
        var errors: [String: String] = [:]
        guard let registration = DelegationForm.registration(form, errors: &errors, t: t) else {
            throw HTTPError(.unprocessableContent, message: errors.values.sorted().joined(separator: " "))
        }
        var input = current.input
        let position = form["position"].trimmingCharacters(in: .whitespaces).nilIfBlank
        if let position {
            guard let index = Int(position), input.registrations.indices.contains(index) else {
                throw HTTPError(.badRequest, message: String(format: t[.errorNotARecordId], position))
            }
            input.registrations[index] = registration
        } else {
            input.registrations.append(registration)
        }
        try await save(current, version: version, input, context: context)
        return PageRenderer.redirect(to: "/delegations/\(current.id)?saved=1#registrations")
    }

    /// Sets one state (cancelled among them) for the registrations ticked.
    @Sendable func registrationStates(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        let form = try await FormData.read(request, context: context)
        guard let version = Int(form["version"]) else { throw HTTPError(.badRequest, message: t[.errorMissingVersion]) }
        guard let state = RegistrationState(rawValue: form["setState"]) else {
            throw HTTPError(.unprocessableContent, message: t[.errorRegistrationState])
        }
        let ticked = Set(form.all("positions").prefix(DelegationInput.maxRegistrations + 1).compactMap(Int.init))
        var input = current.input
        for index in input.registrations.indices where ticked.contains(index) {
            input.registrations[index].state = state
        }
        try await save(current, version: version, input, context: context)
        return PageRenderer.redirect(to: "/delegations/\(current.id)?saved=1#registrations")
    }

    private func save(_ current: Delegation, version: Int, _ input: DelegationInput, context: AppRequestContext)
        async throws
    {
        try await renderer.writeChange {
            _ = try await store.updateDelegation(id: current.id, expectedVersion: version, input, by: context.actor)
        }
    }

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let delegation = try await load(context)
        return renderer.confirmDelete(
            of: "/delegations/\(delegation.id)", version: delegation.version,
            prompt: String(format: t[.deleteDelegationPrompt], delegation.organizationName, delegation.activityTitle),
            context: context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let delegation = try await load(context)
        return try await renderer.deleteRecord(request, context: context) { version in
            try await store.deleteDelegation(id: delegation.id, expectedVersion: version, by: context.actor)
            return "/activities/\(delegation.input.activityId)/delegations"
        }
    }

    private func load(_ context: AppRequestContext) async throws -> Delegation {
        try await context.record(.delegation) { try await store.delegation(id: $0) }
    }

    private func place(of delegation: Delegation) -> FormPlace {
        .editing(delegation.organizationName, at: "/delegations/\(delegation.id)", t)
    }

    private func formPage(
        _ form: FieldValuesForm, _ place: FormPlace, conflict: Bool = false, status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> Response {
        let fields = DelegationForm.fields(form.values, errors: form.errors, accounts: try await store.accounts(), t: t)
        let view = DelegationFormView(
            heading: place.heading, action: place.action, cancel: place.cancel, version: form.version,
            conflict: conflict, fields: fields, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: place.heading, context: context, status: status) { view.render(into: &$0) }
    }
}
