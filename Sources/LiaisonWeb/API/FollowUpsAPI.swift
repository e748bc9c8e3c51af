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
        RecordAPI<FollowUp>(
            path: "/api/v1/follow-ups", store: store, list: list,
            creating: store.createFollowUp, updating: store.updateFollowUp
        ).register(on: routes)
        routes.add(.get, "/api/v1/notifications", access: .viewer, use: notifications)
        routes.add(.post, "/api/v1/notifications/read", access: .viewer, use: markRead)
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
        return try JSONBody.response(OffsetList(items: items, limit: query.limit, offset: query.offset))
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

extension FollowUp: APIRecord {
    static let bodyFields = KnownFields(
        names: [
            "title", "details", "assigneeAccountId", "dueDate", "status", "priority", "organizationIds", "personIds",
            "activityId", "reportId", "id", "version", "createdByAccountId", "taskKey", "createdAt", "updatedAt",
        ],
        lists: [:])

    static let echoedFields: [EchoedField] =
        [.id("id", nullable: false), .id("createdByAccountId")] + EchoedField.texts("taskKey", "createdAt", "updatedAt")
}
