import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// The JSON API for the international calendar (/api/v1/activities).
struct ActivitiesAPI {
    let store: any LiaisonStore
    let settings: WebSettings

    func register(on routes: RouteRegistry) {
        let prefix = "/api/v1"
        routes.add(.get, prefix + "/activities", access: .viewer, use: list)
        routes.add(.post, prefix + "/activities", access: .editor, use: create)
        routes.add(.get, prefix + "/activities/:id", access: .viewer, use: get)
        routes.add(.put, prefix + "/activities/:id", access: .editor, use: update)
        routes.add(.delete, prefix + "/activities/:id", access: .editor, use: delete)
        routes.add(.post, prefix + "/activities/:id/attendance", access: .editor, use: attendance)
    }

    struct ListBody: Encodable {
        var items: [ActivitySummary]
        var limit: Int
        var offset: Int
    }

    struct UpdateBody: Decodable {
        var version: Int
        var input: ActivityInput

        enum CodingKeys: String, CodingKey { case version }

        init(from decoder: any Decoder) throws {
            version = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .version)
            _ = try ReadOnlyFields(from: decoder)
            input = try ActivityInput(from: decoder)
        }
    }

    /// Sets how several organizations take part at once ("all of these attended").
    struct AttendanceBody: Decodable {
        var version: Int
        var organizationIds: [Int64]
        var status: ParticipationStatus?
        var mode: AttendanceMode?
    }

    /// The read-only fields a client may send back with an activity; ignored, but they must have their type.
    struct ReadOnlyFields: Decodable {
        enum CodingKeys: String, CodingKey { case id, createdAt, updatedAt, startsAt, endsAt, missionTitle, staff }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if c.contains(.id) { _ = try c.decode(Int64.self, forKey: .id) }
            for key in [CodingKeys.createdAt, .updatedAt, .startsAt, .endsAt, .missionTitle] where c.contains(key) {
                _ = try c.decode(String.self, forKey: key)
            }
            // The staff as read back: a list, whatever its entries hold.
            if c.contains(.staff) { _ = try c.decode([Ignored].self, forKey: .staff) }
        }

        private struct Ignored: Decodable {
            init(from decoder: any Decoder) throws {}
        }
    }

    static let fields = KnownFields(
        names: [
            "kind", "title", "summary", "missionId", "allDay", "start", "end", "timeZone", "placeOrganizationId",
            "placeName", "venue", "visibility", "staffAccountIds", "organizations", "people", "id", "version",
            "createdAt", "updatedAt", "startsAt", "endsAt", "missionTitle", "staff",
        ],
        lists: [
            "organizations": ["organizationId", "organizationName", "mode", "status", "organizer"],
            "people": ["personId", "personName", "organizationId", "role", "inPerson"],
        ])

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (query, errors) = ActivityQuery.parse(request.uri.queryDictionary, regions: settings.regions, strict: true)
        try Problem.refuseQuery(errors)
        let items = try await store.listActivities(query)
        return try JSONBody.response(ListBody(items: items, limit: query.limit, offset: query.offset))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONBody.response(try await ActivityInputs.load(context, store: store))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        struct Body: Decodable {
            var input: ActivityInput
            init(from decoder: any Decoder) throws {
                _ = try ReadOnlyFields(from: decoder)
                input = try ActivityInput(from: decoder)
            }
        }
        let body = try await JSONBody.decode(Body.self, from: request, context: context, fields: Self.fields)
        let activity = try await ActivityIntake(store: store).create(body.input, by: context.actor)
        return try JSONBody.response(
            activity, status: .created, headers: [.location: "/api/v1/activities/\(activity.id)"])
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(UpdateBody.self, from: request, context: context, fields: Self.fields)
        return try JSONBody.response(
            try await ActivityIntake(store: store).update(
                id: id, expectedVersion: body.version, body.input, by: context.actor))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        var reader = QueryReader(request.uri.queryDictionary, strict: true)
        let version = reader.integer("version", in: 1...Int(Int32.max))
        try Problem.refuseQuery(reader.errors)
        try await store.deleteActivity(id: id, expectedVersion: version, by: context.actor)
        return Response(status: .noContent)
    }

    @Sendable func attendance(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.recordID()
        let body = try await JSONBody.decode(
            AttendanceBody.self, from: request, context: context,
            fields: KnownFields(names: ["version", "organizationIds", "status", "mode"], lists: [:]))
        let activity = try await ActivityInputs.load(context, store: store)
        let input = try ActivityInputs.settingAttendance(
            of: activity.input, organizationIds: body.organizationIds, status: body.status, mode: body.mode)
        return try JSONBody.response(
            try await store.updateActivity(id: id, expectedVersion: body.version, input, by: context.actor))
    }
}

/// What the API and the pages share about an activity's input.
enum ActivityInputs {
    /// The activity named by the request's path, or a 404.
    static func load(_ context: AppRequestContext, store: any LiaisonStore) async throws -> Activity {
        let id = try context.recordID()
        guard let activity = try await store.activity(id: id) else {
            throw StoreError.notFound(entity: .activity, id: id)
        }
        return activity
    }

    /// The input with the status and mode of the listed organizations set, leaving the others as they are.
    /// Throws `ValidationError` when an id is not among the activity's organizations or nothing is to change.
    static func settingAttendance(
        of input: ActivityInput, organizationIds: [Int64], status: ParticipationStatus?, mode: AttendanceMode?
    ) throws -> ActivityInput {
        var errors: [FieldError] = []
        if organizationIds.isEmpty {
            errors.append(
                FieldError(field: "organizationIds", rule: "required", message: "Choose at least one organization."))
        }
        if status == nil, mode == nil {
            errors.append(FieldError(field: "status", rule: "required", message: "Give a status, a mode or both."))
        }
        var result = input
        for (index, id) in organizationIds.enumerated() {
            guard let position = result.organizations.firstIndex(where: { $0.organizationId == id }) else {
                errors.append(
                    FieldError(
                        field: "organizationIds[\(index)]", rule: "not_participant",
                        message: "Organization \(id) does not take part in this activity."))
                continue
            }
            if let status { result.organizations[position].status = status }
            if let mode { result.organizations[position].mode = mode }
        }
        if !errors.isEmpty { throw ValidationError(errors) }
        return result
    }
}
