import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// Working groups: the list, each group with its members, representatives and meetings, and the form that
/// keeps them. All usable without JavaScript.
struct GroupPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/groups", access: .viewer, use: list)
        routes.add(.get, "/groups/new", access: .editor, use: newForm)
        routes.add(.post, "/groups", access: .editor, use: create)
        routes.add(.get, "/groups/:id", access: .viewer, use: show)
        routes.add(.get, "/groups/:id/edit", access: .editor, use: editForm)
        routes.add(.post, "/groups/:id", access: .editor, use: update)
        routes.add(.get, "/groups/:id/delete", access: .editor, use: confirmDelete)
        routes.add(.post, "/groups/:id/delete", access: .editor, use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let view = GroupListView(
            groups: try await store.listWorkingGroups(), canEdit: ActivityPages.canEdit(context), t: t)
        return renderer.page(title: t[.groupsTitle], context: context) { view.render(into: &$0) }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let group = try await load(context)
        let names = try await organizationNames(group.input.members.map(\.organizationId))
        let people = try await personNames(group.input.members.flatMap(\.representativeIds))
        let activities = try await store.activities(ids: group.input.activityIds)
        let members = Set(group.input.members.map(\.organizationId))
        let interested = try await store.listInterests(InterestQuery(theme: group.input.theme, limit: 100)).filter {
            !members.contains($0.organizationId)
        }
        let view = GroupShowView(
            group: group, names: names, people: people, activities: activities, interested: interested,
            notice: request.uri.queryParameters["saved"] != nil ? t[.saved] : nil,
            canEdit: ActivityPages.canEdit(context), zone: ActivityPages.viewerZone(context), t: t)
        return renderer.page(title: group.input.name, context: context) { view.render(into: &$0) }
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await formPage(GroupForm(), newPlace, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderer.createRecord(
            GroupForm(form: try await FormData.read(request, context: context)), newPlace, context: context,
            input: { try await input(from: &$0) }, render: formPage,
            write: { "/groups/\(try await store.createWorkingGroup($0, by: context.actor).id)" })
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let group = try await load(context)
        let form = GroupForm(
            group, names: try await organizationNames(group.input.members.map(\.organizationId)),
            people: try await personNames(group.input.members.flatMap(\.representativeIds)),
            activityTitles: Dictionary(
                try await store.activities(ids: group.input.activityIds).map { ($0.id, $0.input.title) },
                uniquingKeysWith: { first, _ in first }))
        return try await formPage(form, .editing(group.input.name, at: "/groups/\(group.id)", t), context: context)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let current = try await load(context)
        return try await renderer.updateRecord(
            GroupForm(form: try await FormData.read(request, context: context)),
            .editing(current.input.name, at: "/groups/\(current.id)", t), current: current.version, context: context,
            input: { try await input(from: &$0) }, render: formPage,
            write: {
                _ = try await store.updateWorkingGroup(id: current.id, expectedVersion: $1, $0, by: context.actor)
            })
    }

    @Sendable func confirmDelete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let group = try await load(context)
        return renderer.confirmDelete(
            of: "/groups/\(group.id)", version: group.version,
            prompt: String(format: t[.deleteGroupPrompt], group.input.name), context: context)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        return try await renderer.deleteRecord(request, context: context) { version in
            try await store.deleteWorkingGroup(id: id, expectedVersion: version, by: context.actor)
            return "/groups"
        }
    }

    private func load(_ context: AppRequestContext) async throws -> WorkingGroup {
        try await context.record(.workingGroup) { try await store.workingGroup(id: $0) }
    }

    private func organizationNames(_ ids: [Int64]) async throws -> [Int64: String] {
        try await store.organizationNames(ids: ids)
    }

    private func personNames(_ ids: [Int64]) async throws -> [Int64: String] {
        Dictionary(try await store.people(ids: ids).map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
    }

    /// The input the form says: members kept (unless their box says remove) with their representatives found
    /// by name, organizations added by name, the activity chosen added. Names not found are named.
    private func input(from form: inout GroupForm) async throws -> WorkingGroupInput? {
        guard form.members.count <= GroupForm.maxRows else {
            form.errors["addOrganizations"] = String(format: t[.errorTooManyRows], GroupForm.maxRows)
            return nil
        }
        var members: [GroupMember] = []
        for (index, row) in form.members.enumerated() where !row.remove {
            var representativeIds: [Int64] = []
            let names = row.representatives.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            for name in names.prefix(WorkingGroupInput.maxRepresentatives + 1) {
                if let hit = try await store.person(named: name) {
                    representativeIds.append(hit.id)
                } else {
                    form.errors["memberRepresentatives.\(index)"] = String(format: t[.errorNoPersonNamed], name)
                }
            }
            members.append(
                GroupMember(
                    organizationId: row.organizationId, role: GroupRole(rawValue: row.role) ?? .member,
                    joinedOn: row.joinedOn, representativeIds: representativeIds))
        }
        let adding = form.organizationNamesToAdd
        guard adding.count <= GroupForm.maxRows else {
            form.errors["addOrganizations"] = String(format: t[.errorTooManyRows], GroupForm.maxRows)
            return nil
        }
        var missing: [String] = []
        for name in adding {
            if let hit = try await store.organization(named: name) {
                if !members.contains(where: { $0.organizationId == hit.id }) {
                    members.append(
                        GroupMember(
                            organizationId: hit.id, role: GroupRole(rawValue: form.addRole) ?? .member,
                            joinedOn: LocalTime(Date(), in: .gmt).dayKey))
                }
            } else {
                missing.append(name)
            }
        }
        if !missing.isEmpty {
            form.errors["addOrganizations"] = String(
                format: t[.errorNoOrganizationNamed], missing.joined(separator: ", "))
        }
        var activityIds = form.activities.map(\.id)
        if !form.addActivityId.isEmpty {
            if let id = Int64(form.addActivityId), id > 0 {
                activityIds.append(id)
            } else {
                form.errors["addActivityId"] = String(format: t[.errorNotARecordId], form.addActivityId)
            }
        }
        guard form.errors.isEmpty else { return nil }
        return WorkingGroupInput(
            name: form.name, theme: form.theme, description: form.description, members: members,
            activityIds: activityIds)
    }

    private var newPlace: FormPlace { FormPlace(heading: t[.newGroup], action: "/groups", cancel: "/groups") }

    private func formPage(
        _ form: GroupForm, _ place: FormPlace, conflict: Bool = false, status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> Response {
        let model = GroupFormModel(
            form: form, heading: place.heading, action: place.action, cancel: place.cancel, conflict: conflict,
            recentActivities: try await store.listActivities(ActivityQuery(newestFirst: true, limit: 50)),
            themes: try await store.themes(), strings: t)
        let view = GroupFormView(model: model, t: t, csrf: context.identity?.csrfToken ?? "")
        return renderer.page(title: place.heading, context: context, status: status) { view.render(into: &$0) }
    }
}
