import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The calendar (month, week, agenda) and the activity pages: view, create, edit, delete, and attendance set
/// for many organizations at once. All usable without JavaScript.
struct ActivityPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/calendar", access: .viewer, use: calendar)
        routes.add(.get, "/activities/new", access: .editor, use: newForm)
        routes.add(.post, "/activities", access: .editor, use: create)
        routes.add(.get, "/activities/:id", access: .viewer, use: show)
        routes.add(.get, "/activities/:id/edit", access: .editor, use: editForm)
        routes.add(.post, "/activities/:id", access: .editor, use: update)
        routes.add(.get, "/activities/:id/delete", access: .editor, use: confirmDelete)
        routes.add(.post, "/activities/:id/delete", access: .editor, use: delete)
        routes.add(.post, "/activities/:id/attendance", access: .editor, use: attendance)
    }

    /// The zone the signed-in person works in (their account's setting), UTC when they have none.
    static func viewerZone(_ context: AppRequestContext) -> TimeZone {
        context.identity?.account.timeZone.flatMap(ActivityTime.zone(named:)) ?? .utc
    }

    /// Whether the signed-in person may add, change and delete activities (an editor or an admin).
    static func canEdit(_ context: AppRequestContext) -> Bool {
        (context.identity?.account.role ?? .viewer) >= .editor
    }

    @Sendable func calendar(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = request.uri.queryDictionary
        let zone = Self.viewerZone(context)
        var reader = QueryReader(parameters, strict: false)
        let mode = reader.choice("view", CalendarMode.self) ?? .month
        let now = Date()
        var anchor = ActivityTime.calendar(zone).dateComponents([.year, .month, .day], from: now)
        if let date = reader.value("date") {
            if case .success(let day) = ActivityTime.midnight(of: date, in: zone) {
                anchor = ActivityTime.calendar(zone).dateComponents([.year, .month, .day], from: day)
            } else {
                reader.fail("date", "format", t[.errorCalendarDate])
            }
        }
        // An organization typed by name on the filter form is found in the directory.
        if let name = reader.text("org"), parameters["organization"]?.isEmpty ?? true {
            if let hit = try await store.organization(named: name) {
                parameters["organization"] = String(hit.id)
            } else {
                reader.fail("org", "unknown_organization", String(format: t[.errorNoOrganizationNamed], name))
            }
        }
        var (query, errors) = ActivityQuery.parse(
            parameters.filter { ["kind", "region", "organization", "staff"].contains($0.key) },
            regions: settings.regions)
        errors += reader.errors
        let span = CalendarSpan(mode: mode, anchor: anchor, zone: zone)
        query.from = span.from
        // The agenda lists what comes from its day on, as far as its limit reaches.
        query.to = mode == .agenda ? nil : span.to
        query.limit = mode == .agenda ? 300 : ActivityQuery.maxLimit
        let typedName = parameters["org"] ?? ""
        // Everything the page shows, read at one moment in one trip to the database.
        let listed = query
        let read = try await store.reading { dialect in
            SQLPlan.value(CalendarRead())
                .reading(\.items) { _ in ActivitySummary.listing(listed, dialect: dialect) }
                .reading(\.staff) { _ in StaffAccount.listing(dialect: dialect) }
                .reading(\.organization) { _ in
                    let id = typedName.isEmpty ? listed.organizationId : nil
                    return Organization.loading(ids: id.map { [$0] } ?? [], dialect: dialect).map(\.first)
                }
        }
        let organizationName = typedName.isEmpty ? read.organization?.name ?? "" : typedName
        let model = CalendarModel(
            span: span, items: read.items, parameters: parameters,
            filters: filterFields(
                query: query, organizationName: organizationName, accounts: read.staff, errors: errors),
            now: now, strings: t)
        let view = CalendarView(model: model, t: t, canEdit: Self.canEdit(context))
        return renderer.page(
            title: "\(t[.calendarTitle]) · \(span.heading)", context: context,
            status: errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    /// What the calendar reads.
    private struct CalendarRead: Sendable {
        var items: [ActivitySummary] = []
        var staff: [StaffAccount] = []
        var organization: Organization?
    }

    private func filterFields(
        query: ActivityQuery, organizationName: String, accounts: [StaffAccount], errors: [FieldError]
    ) -> [FormField] {
        func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }
        var kind = FormField(name: "kind", label: t[.filterKind], error: error("kind"), control: .select)
        kind.options = FormField.choices(
            ActivityKind.allCases.map { ($0.rawValue, t.label($0)) },
            selected: query.kinds.count == 1 ? query.kinds[0].rawValue : "", blank: t[.any])
        var region = FormField(name: "region", label: t[.filterRegion], error: error("region"), control: .select)
        region.options = FormField.choices(
            settings.regions.regions.map { ($0.key, $0.name) }, selected: query.region ?? "", blank: t[.any])
        var staff = FormField(name: "staff", label: t[.filterStaff], error: error("staff"), control: .select)
        staff.options = FormField.choices(
            accounts.map { (String($0.id), $0.name) },
            selected: query.staffAccountId.map(String.init) ?? "", blank: t[.anyone])
        let organization = FormField(
            name: "org", label: t[.filterOrganization], value: organizationName,
            error: error("org") ?? error("organization"))
        return [kind, region, organization, staff]
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await showPage(request, context: context, activity: try await ActivityInputs.load(context, store: store))
    }

    private func showPage(
        _ request: Request, context: AppRequestContext, activity: Activity, attendanceError: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let parts =
            activity.kind == .mission ? try await store.listActivities(ActivityQuery(missionId: activity.id)) : []
        let history = try await store.auditEntries(AuditQuery(entity: .activity, entityId: activity.id, limit: 20))
        let notice = request.uri.queryParameters["saved"] != nil ? t[.saved] : nil
        let model = ActivityModel(
            activity: activity, parts: parts, viewerZone: Self.viewerZone(context), history: history, strings: t,
            notice: notice, attendanceError: attendanceError)
        let followUps = FollowUpSection(
            try await store.listFollowUps(FollowUpQuery(activityId: activity.id, limit: 20)),
            prefill: "activity=\(activity.id)", today: FollowUpPages.today(context), canEdit: Self.canEdit(context),
            strings: t)
        // Read for every kind, so every activity page costs the same reads; shown for events and the Congress.
        let delegations = try await store.delegationForecast(DelegationQuery(activityId: activity.id))
        let view = ActivityView(
            model: model, t: t, canEdit: Self.canEdit(context), csrf: context.identity?.csrfToken ?? "",
            followUps: followUps,
            reports: try await store.listReports(ReportQuery(activityId: activity.id, limit: 50)),
            zone: Self.viewerZone(context),
            eventDelegations: EventDelegationsSection.shown(for: activity, forecast: delegations))
        return renderer.page(title: activity.title, context: context, status: status) { view.render(into: &$0) }
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        var reader = QueryReader(request.uri.queryDictionary, strict: false)
        let day = reader.value("date").flatMap { ActivityTime.midnight(of: $0, in: .utc).isSuccess ? $0 : nil }
        var mission: Activity?
        if let id = reader.recordId("mission") { mission = try await store.activity(id: id) }
        var place: String?
        var placeZone: String?
        if let id = reader.recordId("organization"), let organization = try await store.organization(id: id) {
            place = organization.name
            placeZone = organization.country.flatMap {
                CountryZones.zone(country: $0, latitude: organization.latitude, longitude: organization.longitude)
            }
        }
        var form = ActivityForm(
            timeZone: ActivityFormats.name(Self.viewerZone(context)), day: day, mission: mission, place: place,
            placeZone: placeZone)
        // "Plan a call" from a gap in an organization's coverage: the kind, and the organization invited.
        if let kind = reader.choice("kind", ActivityKind.self) { form.values["kind"] = kind.rawValue }
        if let id = reader.recordId("participant"), let organization = try await store.organization(id: id) {
            form.organizations = [
                ActivityForm.OrganizationRow(
                    id: String(id), name: organization.name, mode: AttendanceMode.virtual.rawValue,
                    status: ParticipationStatus.invited.rawValue, organizer: false)
            ]
        }
        return try await formPage(form, newPlace, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderer.createRecord(
            ActivityForm(form: try await FormData.read(request, context: context)), newPlace, context: context,
            input: { try await input(from: &$0) }, render: formPage,
            write: { "/activities/\(try await ActivityIntake(store: store).create($0, by: context.actor).id)" })
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let activity = try await ActivityInputs.load(context, store: store)
        return try await formPage(
            ActivityForm(activity: activity), .editing(activity.title, at: "/activities/\(activity.id)", t),
            context: context)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await ActivityInputs.load(context, store: store)
        let intake = ActivityIntake(store: store)
        return try await renderer.updateRecord(
            ActivityForm(form: try await FormData.read(request, context: context)),
            .editing(current.title, at: "/activities/\(current.id)", t), current: current.version, context: context,
            input: { try await input(from: &$0) }, render: formPage,
            write: { _ = try await intake.update(id: current.id, expectedVersion: $1, $0, by: context.actor) })
    }

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let activity = try await ActivityInputs.load(context, store: store)
        return renderer.confirmDelete(
            of: "/activities/\(activity.id)", version: activity.version,
            prompt: String(format: t[.deleteActivityPrompt], activity.title), context: context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        return try await renderer.deleteRecord(request, context: context) { version in
            try await store.deleteActivity(id: id, expectedVersion: version, by: context.actor)
            return "/calendar?deleted=1"
        }
    }

    /// Sets the status, the mode or both of the organizations ticked on the activity's page.
    @Sendable func attendance(_ request: Request, context: AppRequestContext) async throws -> Response {
        let activity = try await ActivityInputs.load(context, store: store)
        let form = try await FormData.read(request, context: context)
        let ids = form.all("organization").compactMap { Int64($0) }
        let status = ParticipationStatus(rawValue: form["status"])
        let mode = AttendanceMode(rawValue: form["mode"])
        do {
            guard let version = Int(form["version"]) else {
                throw HTTPError(.badRequest, message: t[.errorMissingVersion])
            }
            let input = try ActivityInputs.settingAttendance(
                of: activity.input, organizationIds: ids, status: status, mode: mode)
            _ = try await store.updateActivity(id: activity.id, expectedVersion: version, input, by: context.actor)
            return PageRenderer.redirect(to: "/activities/\(activity.id)?saved=1#participants")
        } catch let error as ValidationError {
            return try await showPage(
                request, context: context, activity: activity,
                attendanceError: error.errors.map(\.message).joined(separator: " "), status: .unprocessableContent)
        } catch StoreError.versionConflict {
            return try await showPage(
                request, context: context, activity: activity, attendanceError: t[.conflictMessage],
                status: .conflict)
        }
    }

    /// Reads the form into an input: the place, organizations and people typed by name found in the directory.
    private func input(from form: inout ActivityForm) async throws -> ActivityInput? {
        if form.refuseTooManyNames() { return nil }
        var resolved = ActivityForm.Resolved()
        for name in form.organizationNamesToAdd + [form.placeName] where !name.isEmpty {
            let key = SearchText.sortKey(name)
            guard resolved.organizations[key] == nil, let hit = try await store.organization(named: name) else {
                continue
            }
            resolved.organizations[key] = hit
        }
        for name in form.personNamesToAdd {
            let key = SearchText.sortKey(name)
            guard resolved.people[key] == nil, resolved.ambiguousPeople[key] == nil else { continue }
            // A suggestion picked carries the person's id; so does a choice among people of one name.
            var id = ActivityForm.taggedId(name) ?? form.picks[key].flatMap { Int64($0) }
            if id == nil {
                let named = try await store.people(named: name)
                if named.count > 1 { resolved.ambiguousPeople[key] = named }
                id = named.count == 1 ? named[0].id : nil
            }
            guard let id, let person = try await store.person(id: id) else { continue }
            resolved.people[key] = (id, person.displayName, person.currentPositions.first?.organizationId)
        }
        return form.input(resolved: resolved)
    }

    private var newPlace: FormPlace {
        FormPlace(heading: t[.newActivity], action: "/activities", cancel: "/calendar")
    }

    private func formPage(
        _ form: ActivityForm, _ place: FormPlace, conflict: Bool = false, status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> Response {
        let missions = try await store.listActivities(ActivityQuery(kinds: [.mission], newestFirst: true, limit: 200))
        let model = ActivityFormModel(
            form: form, heading: place.heading, action: place.action, cancel: place.cancel, conflict: conflict,
            staff: try await store.accounts().filter { !$0.disabled }, missions: missions, strings: t)
        let view = ActivityFormView(model: model, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: place.heading, context: context, status: status) { view.render(into: &$0) }
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
