import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The JSON API for follow-ups (/api/v1/follow-ups) and each member of staff's inbox
/// (/api/v1/notifications): an account reads and marks its own entries only.
struct FollowUpsAPI {
    let store: any LiaisonStore
    let settings: WebSettings

    func register(on routes: RouteRegistry) {
        let prefix = "/api/v1"
        routes.add(.get, prefix + "/follow-ups", access: .viewer, use: list)
        routes.add(.post, prefix + "/follow-ups", access: .editor, use: create)
        routes.add(.get, prefix + "/follow-ups/:id", access: .viewer, use: get)
        routes.add(.put, prefix + "/follow-ups/:id", access: .editor, use: update)
        routes.add(.delete, prefix + "/follow-ups/:id", access: .editor, use: delete)
        routes.add(.get, prefix + "/notifications", access: .viewer, use: notifications)
        routes.add(.post, prefix + "/notifications/read", access: .viewer, use: markRead)
    }

    struct ListBody: Encodable {
        var items: [FollowUpSummary]
        var limit: Int
        var offset: Int
    }

    static let fields = KnownFields(
        names: [
            "title", "details", "assigneeAccountId", "dueDate", "status", "priority", "organizationIds", "personIds",
            "activityId", "reportId", "id", "version", "createdByAccountId", "taskKey", "createdAt", "updatedAt",
        ],
        lists: [:])

    /// A follow-up sent back: its input, with the read-only fields it was read with checked for their type.
    struct Body: Decodable {
        var version: Int?
        var input: FollowUpInput

        enum CodingKeys: String, CodingKey { case id, version, createdByAccountId, taskKey, createdAt, updatedAt }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            version = try c.decodeIfPresent(Int.self, forKey: .version)
            if c.contains(.id) { _ = try c.decode(Int64.self, forKey: .id) }
            _ = try c.decodeIfPresent(Int64.self, forKey: .createdByAccountId)
            for key in [CodingKeys.taskKey, .createdAt, .updatedAt] {
                _ = try c.decodeIfPresent(String.self, forKey: key)
            }
            input = try FollowUpInput(from: decoder)
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        var query = FollowUpQuery(statuses: [])
        query.assigneeAccountId = reader.recordId("assignee")
        if let raw = reader.value("status") {
            if let status = FollowUpStatus(rawValue: raw) {
                query.statuses = [status]
            } else if raw == "todo" {
                query.statuses = FollowUpQuery.toDo
            } else {
                reader.fail("status", "choice", "status must be todo, open, waiting, done or dropped.")
            }
        }
        query.organizationId = reader.recordId("organization")
        query.personId = reader.recordId("person")
        query.activityId = reader.recordId("activity")
        query.reportId = reader.recordId("report")
        if let region = reader.value("region") {
            if settings.regions.regions.contains(where: { $0.key == region }) {
                query.region = region
            } else {
                reader.fail("region", "choice", "region must be one of the workspace's regions.")
            }
        }
        if let day = reader.value("overdueOn") {
            if ICalendar.day(day) == nil {
                reader.fail("overdueOn", "date", "overdueOn must be a date written YYYY-MM-DD.")
            } else {
                query.overdueOn = day
            }
        }
        query.limit = reader.integer("limit", in: 1...FollowUpQuery.maxLimit) ?? 200
        query.offset = reader.integer("offset", in: 0...FollowUpQuery.maxOffset) ?? 0
        try Problem.refuseQuery(reader.errors)
        let items = try await store.listFollowUps(query)
        return try JSONBody.response(ListBody(items: items, limit: query.limit, offset: query.offset))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(try await load(context))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(Body.self, from: request, context: context, fields: Self.fields)
        let followUp = try await store.createFollowUp(body.input, by: context.actor)
        return try JSONBody.response(
            followUp, status: .created, headers: [.location: "/api/v1/follow-ups/\(followUp.id)"])
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(Body.self, from: request, context: context, fields: Self.fields)
        guard let version = body.version else {
            throw ValidationError(field: "version", rule: "required", message: "version is required.")
        }
        return try JSONBody.response(
            try await store.updateFollowUp(id: id, expectedVersion: version, body.input, by: context.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let version = reader.integer("version", in: 1...Int(Int32.max))
        try Problem.refuseQuery(reader.errors)
        try await store.deleteFollowUp(id: id, expectedVersion: version, by: context.actor)
        return Response(status: .noContent)
    }

    private func load(_ context: AppRequestContext) async throws -> FollowUp {
        let id = try context.recordID()
        guard let followUp = try await store.followUp(id: id) else {
            throw StoreError.notFound(entity: .followUp, id: id)
        }
        return followUp
    }

    struct InboxBody: Encodable {
        var items: [StaffNotification]
        var unread: Int
    }

    /// The signed-in account's inbox, newest first (`unread=true` for the unread only).
    @Sendable func notifications(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.identity?.account else { throw HTTPError(.unauthorized) }
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let unreadOnly = reader.boolean("unread") ?? false
        let limit = reader.integer("limit", in: 1...NotificationRows.maxLimit) ?? 100
        try Problem.refuseQuery(reader.errors)
        return try JSONBody.response(
            InboxBody(
                items: try await store.notifications(accountId: account.id, unreadOnly: unreadOnly, limit: limit),
                unread: try await store.unreadNotificationCount(accountId: account.id)))
    }

    /// Marks read the listed entries of the signed-in account, or all of them when `ids` is left out.
    @Sendable func markRead(_ request: Request, context: AppRequestContext) async throws -> Response {
        struct Body: Decodable { var ids: [Int64]? }
        guard let account = context.identity?.account else { throw HTTPError(.unauthorized) }
        let body = try await JSONBody.decode(
            Body.self, from: request, context: context, fields: KnownFields(names: ["ids"], lists: [:]))
        if let ids = body.ids {
            guard ids.count <= NotificationRows.maxLimit else {
                throw ValidationError(
                    field: "ids", rule: "max_items", message: "ids may list at most \(NotificationRows.maxLimit).")
            }
            try await store.markNotificationsRead(accountId: account.id, ids: ids)
        } else {
            try await store.markNotificationsRead(accountId: account.id)
        }
        return Response(status: .noContent)
    }
}
