import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The people pages: list, profile, create, edit, delete and merge, all usable without JavaScript.
struct PeoplePages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/people", access: .viewer, use: list)
        routes.add(.get, "/people/new", access: .editor, use: newForm)
        routes.add(.post, "/people", access: .editor, use: create)
        routes.add(.get, "/people/:id", access: .viewer, use: profile)
        routes.add(.get, "/people/:id/edit", access: .editor, use: editForm)
        routes.add(.post, "/people/:id", access: .editor, use: update)
        routes.add(.get, "/people/:id/delete", access: .editor, use: confirmDelete)
        routes.add(.post, "/people/:id/delete", access: .editor, use: delete)
        routes.add(.get, "/people/:id/merge", access: .editor, use: mergeChoice)
        routes.add(.post, "/people/:id/merge", access: .editor, use: merge)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        let (query, errors) = PersonQuery.parse(parameters)
        // Everything the page shows, read at one moment in one trip to the database.
        let read = try await store.reading { dialect in
            SQLPlan.value(ListRead())
                .reading(\.people) { _ in PersonPage.reading(query, dialect: dialect) }
                .reading(\.staff) { _ in StaffAccount.listing(dialect: dialect) }
                .reading(\.organization) { _ in
                    Organization.loading(ids: query.organizationId.map { [$0] } ?? [], dialect: dialect).map(\.first)
                }
        }
        let model = PeopleModel(
            page: read.people, query: query, parameters: parameters, errors: errors, organization: read.organization,
            staff: read.staff, strings: t)
        let view = PeopleView(model: model, t: t, canEdit: ActivityPages.canEdit(context))
        return renderer.page(title: t[.peopleTitle], context: context, status: errors.isEmpty ? .ok : .badRequest) {
            view.render(into: &$0)
        }
    }

    /// What the list reads.
    private struct ListRead: Sendable {
        var people = PersonPage(items: [], total: 0)
        var staff: [StaffAccount] = []
        var organization: Organization?
    }

    @Sendable func profile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let person = try await PersonInputs.load(context, store: store)
        let history = try await store.auditEntries(AuditQuery(entity: .person, entityId: person.id, limit: 20))
        let activities = try await store.listActivities(
            ActivityQuery(personId: person.id, newestFirst: true, limit: 20))
        let metAt = try await person.metAtActivityId.asyncMap { try await store.activity(id: $0) } ?? nil
        let notice =
            request.uri.queryParameters["saved"] != nil
            ? t[.saved] : request.uri.queryParameters["merged"] != nil ? t[.mergedNotice] : nil
        let model = PersonModel(
            person: person, activities: activities, metAt: metAt, history: history, strings: t, notice: notice)
        let canEdit = ActivityPages.canEdit(context)
        let followUps = FollowUpSection(
            try await store.listFollowUps(FollowUpQuery(personId: person.id, limit: 20)),
            prefill: "person=\(person.id)", today: FollowUpPages.today(context), canEdit: canEdit, strings: t)
        let view = PersonView(
            model: model, t: t, canEdit: canEdit, followUps: followUps,
            reports: try await store.listReports(ReportQuery(personId: person.id, limit: 10)),
            reportCount: try await store.reportCount(personId: person.id), zone: ActivityPages.viewerZone(context))
        return renderer.page(title: person.displayName, context: context) { view.render(into: &$0) }
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        var organization: String?
        if let id = request.uri.queryParameters["organization"].flatMap({ Int64(String($0)) }) {
            organization = try await store.organization(id: id)?.name
        }
        return try await formPage(PersonForm(organization: organization), newPlace, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = PersonForm(form: try await FormData.read(request, context: context))
        // Likely duplicates found on saving are shown above the form, to be confirmed.
        var duplicates: [PersonSummary] = []
        return try await renderer.createRecord(
            form, newPlace, context: context, redraw: form.adding != nil, input: { try await input(from: &$0) },
            render: { try await formPage($0, $1, conflict: $2, duplicates: duplicates, status: $3, context: $4) },
            write: { input in
                switch try await intake.create(input, confirmDuplicates: form.confirmDuplicates, by: context.actor) {
                case .likelyDuplicates(let found):
                    duplicates = found
                    return nil
                case .created(let person): return "/people/\(person.id)"
                }
            })
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let person = try await PersonInputs.load(context, store: store)
        return try await formPage(
            PersonForm(person: person), .editing(person.displayName, at: "/people/\(person.id)", t), context: context)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await PersonInputs.load(context, store: store)
        let form = PersonForm(form: try await FormData.read(request, context: context))
        return try await renderer.updateRecord(
            form, .editing(current.displayName, at: "/people/\(current.id)", t), current: current.version,
            context: context, redraw: form.adding != nil, input: { try await input(from: &$0) },
            render: { try await formPage($0, $1, conflict: $2, status: $3, context: $4) },
            write: { _ = try await intake.update(id: current.id, expectedVersion: $1, $0, by: context.actor) })
    }

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let person = try await PersonInputs.load(context, store: store)
        return renderer.confirmDelete(
            of: "/people/\(person.id)", version: person.version,
            prompt: String(format: t[.deletePersonPrompt], person.displayName), context: context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        return try await renderer.deleteRecord(request, context: context) { version in
            try await store.deletePerson(id: id, expectedVersion: version, by: context.actor)
            return "/people?deleted=1"
        }
    }

    /// Lists the likely duplicates of a person, and anyone found by a search, to fold into this record.
    @Sendable func mergeChoice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let person = try await PersonInputs.load(context, store: store)
        var reader = QueryReader(request.uri.queryDictionary, strict: false)
        let text = reader.text("q")
        var candidates = try await store.likelyDuplicates(of: person.input, excluding: person.id)
        if let text {
            let found = try await store.listPeople(PersonQuery(text: text, perPage: 20)).items
            candidates += found.filter { hit in hit.id != person.id && !candidates.contains { $0.id == hit.id } }
        }
        let others = try await store.people(ids: candidates.map(\.id))
        let model = PersonMergeModel(person: person, candidates: others, query: text ?? "")
        let view = PersonMergeView(model: model, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: String(format: t[.mergeHeading], person.displayName), context: context) {
            view.render(into: &$0)
        }
    }

    @Sendable func merge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let form = try await FormData.read(request, context: context)
        guard let version = Int(form["version"]), let otherId = Int64(form["otherId"]),
            let otherVersion = Int(form["otherVersion"])
        else { throw HTTPError(.badRequest, message: t[.errorMergeForm]) }
        do {
            _ = try await store.mergePeople(
                keep: id, keepVersion: version, remove: otherId, removeVersion: otherVersion, by: context.actor)
        } catch StoreError.versionConflict {
            throw HTTPError(.conflict, message: t[.errorMergeConflict])
        }
        return PageRenderer.redirect(to: "/people/\(id)?merged=1")
    }

    private var intake: PersonIntake { PersonIntake(store: store, currentYear: settings.currentYear()) }

    /// Reads the form into an input checked by the intake (organization names resolved in the directory),
    /// or nil with every error found recorded in the form.
    private func input(from form: inout PersonForm) async throws -> PersonIntake.Checked? {
        var organizations: [String: Int64] = [:]
        for name in form.organizationNames {
            let key = SearchText.sortKey(name)
            guard organizations[key] == nil, let hit = try await store.organization(named: name) else { continue }
            organizations[key] = hit.id
        }
        let typed = form.input(organizations: organizations)
        do {
            let checked = try await intake.checked(typed)
            return form.errors.isEmpty ? checked : nil
        } catch let error as ValidationError {
            form.addErrors(error.errors)
            return nil
        }
    }

    /// The activities offered as where a person was met: the latest, and the one chosen when it is older.
    private func activityChoices(selected: Int64?) async throws -> [ActivitySummary] {
        var latest = try await store.listActivities(ActivityQuery(newestFirst: true, limit: 300))
        if let selected, !latest.contains(where: { $0.id == selected }),
            let activity = try await store.activity(id: selected)
        {
            latest.append(
                ActivitySummary(
                    id: activity.id, kind: activity.kind, title: activity.title, allDay: activity.allDay,
                    start: activity.start, end: activity.end, timeZone: activity.timeZone, startsAt: activity.startsAt,
                    endsAt: activity.endsAt, placeOrganizationId: activity.placeOrganizationId,
                    placeName: activity.placeName, venue: activity.venue, visibility: activity.visibility,
                    missionId: activity.missionId))
        }
        return latest
    }

    private var newPlace: FormPlace { FormPlace(heading: t[.newPerson], action: "/people", cancel: "/people") }

    private func formPage(
        _ form: PersonForm, _ place: FormPlace, conflict: Bool = false, duplicates: [PersonSummary] = [],
        status: HTTPResponse.Status = .ok, context: AppRequestContext
    ) async throws -> Response {
        let model = PersonFormModel(
            form: form, heading: place.heading, action: place.action, cancel: place.cancel, conflict: conflict,
            duplicates: duplicates,
            staff: try await store.accounts().filter { !$0.disabled },
            activities: try await activityChoices(selected: Int64(form.values["metAtActivityId"] ?? "")), strings: t)
        let view = PersonFormView(model: model, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: place.heading, context: context, status: status) { view.render(into: &$0) }
    }
}
