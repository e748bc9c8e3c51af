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
        let store = store
        RecordAPI<Activity>(
            path: "/api/v1/activities", store: store, list: list,
            create: { body, context in try await ActivityIntake(store: store).create(body.input, by: context.actor) },
            update: { id, body, context in
                try await ActivityIntake(store: store).update(
                    id: id, expectedVersion: try body.expectedVersion(), body.input, by: context.actor)
            }
        ).register(on: routes)
        routes.add(.post, "/api/v1/activities/:id/attendance", access: .editor, use: attendance)
    }

    /// Sets how several organizations take part at once ("all of these attended").
    struct AttendanceBody: Decodable {
        var version: Int
        var organizationIds: [Int64]
        var status: ParticipationStatus?
        var mode: AttendanceMode?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (query, errors) = ActivityQuery.parse(request.uri.queryDictionary, regions: settings.regions, strict: true)
        try Problem.refuseQuery(errors)
        let items = try await store.listActivities(query)
        return try JSONBody.response(OffsetList(items: items, limit: query.limit, offset: query.offset))
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
        try await context.record(Activity.self, in: store)
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

extension Activity: APIRecord {
    static let bodyFields = KnownFields(
        names: [
            "kind", "title", "summary", "missionId", "allDay", "start", "end", "timeZone", "placeOrganizationId",
            "placeName", "venue", "visibility", "staffAccountIds", "organizations", "people", "id", "version",
            "createdAt", "updatedAt", "startsAt", "endsAt", "missionTitle", "staff",
        ],
        lists: [
            "organizations": ["organizationId", "organizationName", "mode", "status", "organizer"],
            "people": ["personId", "personName", "organizationId", "role", "inPerson"],
        ])

    /// The staff as read back is a list, whatever its entries hold.
    static let echoedFields: [EchoedField] =
        [.id("id", nullable: false)]
        + EchoedField.texts("createdAt", "updatedAt", "startsAt", "endsAt", "missionTitle", nullable: false)
        + [.list("staff", nullable: false)]

    static var versionField: VersionField { .requiredByUpdate }
}
