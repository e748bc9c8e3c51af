import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// The one create/read/update/delete flow of the JSON API, walked for every record kind that uses it: the same
/// answers for the same mistakes, whichever kind is asked.
@Suite struct RecordAPITests {
    /// The records a new one may refer to.
    struct Fixtures: Sendable {
        let organization: Int64
        let event: Int64
    }

    /// A record kind served by the flow, with a body that creates one.
    struct Kind: Sendable, CustomTestStringConvertible {
        let path: String
        /// The kind as a "not found" names it.
        let entity: String
        /// The answer to an update without a version: 422 where the version is a rule, 400 where the body cannot
        /// be read without it.
        let missingVersion: HTTPResponse.Status
        /// A read-only field the kind checks for its type when a body echoes it back, if any.
        let echoed: String?
        let body: @Sendable (Fixtures) -> [String: any Sendable]

        var testDescription: String { path }
    }

    static let kinds: [Kind] = [
        Kind(
            path: "/api/v1/working-groups", entity: "working_group", missingVersion: .unprocessableContent,
            echoed: "createdAt", body: { _ in ["name": "Transport", "theme": "Transport"] }),
        Kind(
            path: "/api/v1/interests", entity: "interest", missingVersion: .unprocessableContent, echoed: "updatedAt",
            body: { ["organizationId": $0.organization, "theme": "Logistics"] }),
        Kind(
            path: "/api/v1/opportunities", entity: "opportunity", missingVersion: .unprocessableContent,
            echoed: "createdAt", body: { _ in ["title": "Peer exchange on waste"] }),
        Kind(
            path: "/api/v1/prospects", entity: "prospect", missingVersion: .unprocessableContent,
            echoed: "stageSince", body: { ["organizationId": $0.organization, "stage": "contacted"] }),
        Kind(
            path: "/api/v1/delegations", entity: "delegation", missingVersion: .unprocessableContent,
            echoed: "activityTitle",
            body: { ["activityId": $0.event, "organizationId": $0.organization, "expectedSize": 3] }),
        Kind(
            path: "/api/v1/follow-ups", entity: "follow_up", missingVersion: .unprocessableContent, echoed: "taskKey",
            body: { ["title": "Ask Porto for the participants' emails", "organizationIds": [$0.organization]] }),
        Kind(
            path: "/api/v1/activities", entity: "activity", missingVersion: .badRequest, echoed: "missionTitle",
            body: { _ in
                [
                    "kind": "call", "title": "Call with Porto", "start": "2026-11-11T09:30",
                    "end": "2026-11-11T10:00", "timeZone": "Europe/Lisbon",
                ]
            }),
        Kind(
            path: "/api/v1/people", entity: "person", missingVersion: .badRequest, echoed: "displayName",
            body: {
                let position: [String: any Sendable] = ["organizationId": $0.organization, "title": "Mayor"]
                return ["givenName": "Ana", "familyName": "Sousa", "positions": [position]]
            }),
        Kind(
            path: "/api/v1/organizations", entity: "organization", missingVersion: .badRequest, echoed: nil,
            body: { _ in ["name": "Braga", "country": "PT", "region": "europe"] }),
    ]

    func fixtures(_ app: TestApp) async throws -> Fixtures {
        let porto = OrganizationInput(name: "Porto", country: "PT", region: "europe", membershipStatus: .prospect)
        let congress = ActivityInput(
            kind: .congress, title: "Congress", start: "2027-06-01T09:00", end: "2027-06-03T18:00",
            timeZone: "Europe/Brussels")
        return Fixtures(
            organization: try await app.store.createOrganization(porto).id,
            event: try await app.store.createActivity(congress, by: .system).id)
    }

    /// Creates one record of the kind; returns its id and the body it was created with.
    func create(_ kind: Kind, _ app: TestApp) async throws -> (id: Int, body: [String: any Sendable]) {
        let body = kind.body(try await fixtures(app))
        let created = try await app.send(.post, kind.path, json: body)
        #expect(created.status == .created, "\(created.text)")
        let id = try #require(try created.json()["id"] as? Int)
        #expect(created.headers[.location] == "\(kind.path)/\(id)")
        return (id, body)
    }

    /// The field and the rule of the problem's first error ("version required").
    func firstError(_ response: TestResponse) throws -> String {
        let errors = try #require(try response.json()["errors"] as? [[String: Any]])
        return "\(errors.first?["field"] as? String ?? "-") \(errors.first?["rule"] as? String ?? "-")"
    }

    @Test(arguments: kinds) func aRecordReadBackIsSentBackAsItWasReadAndDeletedAtItsVersion(_ kind: Kind)
        async throws
    {
        try await withTestApp { app in
            let id = try await create(kind, app).id
            let read = try await app.get("\(kind.path)/\(id)", as: .viewer)
            #expect(read.status == .ok)
            #expect(try read.json()["version"] as? Int == 1)

            // The record as read, read-only fields and all, is a valid update.
            let echoed = try await app.send(.put, "\(kind.path)/\(id)", json: try read.json())
            #expect(echoed.status == .ok, "\(echoed.text)")
            #expect(try echoed.json()["version"] as? Int == 2)

            let stale = try await app.send(.put, "\(kind.path)/\(id)", json: try read.json())
            #expect(stale.status == .conflict)
            #expect(try stale.json()["currentVersion"] as? Int == 2)
            #expect(try firstError(stale) == "version current_version")

            #expect(try await app.send(.delete, "\(kind.path)/\(id)?version=1").status == .conflict)
            #expect(try await app.send(.delete, "\(kind.path)/\(id)?version=2").status == .noContent)
            let gone = try await app.get("\(kind.path)/\(id)")
            #expect(gone.status == .notFound)
            #expect(try gone.json()["detail"] as? String == "No \(kind.entity) has the id \(id).")
        }
    }

    @Test(arguments: kinds) func aBadBodyOrQueryIsRefusedNamingTheFieldAndTheRule(_ kind: Kind) async throws {
        try await withTestApp { app in
            let created = try await create(kind, app)
            let id = created.id
            var body = created.body

            body["colour"] = "red"
            let unknown = try await app.send(.post, kind.path, json: body)
            #expect(unknown.status == .badRequest)
            #expect(try firstError(unknown) == "colour unknown_field")
            body["colour"] = nil

            if let echoed = kind.echoed {
                body[echoed] = 5
                let mistyped = try await app.send(.put, "\(kind.path)/\(id)", json: body.merging(["version": 1]) { $1 })
                #expect(mistyped.status == .badRequest)
                #expect(try firstError(mistyped) == "\(echoed) type")
                body[echoed] = nil
            }

            let unversioned = try await app.send(.put, "\(kind.path)/\(id)", json: body)
            #expect(unversioned.status == kind.missingVersion)
            #expect(try firstError(unversioned) == "version required")

            let wordVersion = try await app.send(
                .put, "\(kind.path)/\(id)", json: body.merging(["version": "one"]) { $1 })
            #expect(wordVersion.status == .badRequest)
            #expect(try firstError(wordVersion) == "version type")

            let badQuery = try await app.send(.delete, "\(kind.path)/\(id)?version=one")
            #expect(badQuery.status == .badRequest)
            #expect(try firstError(badQuery).hasPrefix("version "))

            let missing = try await app.get("\(kind.path)/999999")
            #expect(missing.status == .notFound)
            #expect(try missing.json()["detail"] as? String == "No \(kind.entity) has the id 999999.")
            #expect(try await app.get("\(kind.path)/first").status == .notFound)
            #expect(
                try await app.send(.put, "\(kind.path)/999999", json: body.merging(["version": 1]) { $1 }).status
                    == .notFound)
            #expect(try await app.send(.delete, "\(kind.path)/999999").status == .notFound)

            // Nothing refused was written.
            #expect(try await app.get("\(kind.path)/\(id)").json()["version"] as? Int == 1)
        }
    }

    @Test(arguments: kinds) func viewersReadAndOnlyEditorsWrite(_ kind: Kind) async throws {
        try await withTestApp { app in
            let (id, body) = try await create(kind, app)
            #expect(try await app.get("\(kind.path)/\(id)", as: .viewer).status == .ok)
            #expect(try await app.get("\(kind.path)/\(id)", as: .anonymous).status == .unauthorized)
            #expect(try await app.send(.post, kind.path, json: body, as: .viewer).status == .forbidden)
            #expect(
                try await app.send(.put, "\(kind.path)/\(id)", json: body.merging(["version": 1]) { $1 }, as: .viewer)
                    .status == .forbidden)
            #expect(try await app.send(.delete, "\(kind.path)/\(id)?version=1", as: .viewer).status == .forbidden)
            let token = try await app.token(for: app.editor, canWrite: false)
            #expect(try await app.send(.delete, "\(kind.path)/\(id)?version=1", as: .token(token)).status == .forbidden)
            #expect(try await app.get("\(kind.path)/\(id)", as: .token(token)).status == .ok)
            #expect(try await app.get("\(kind.path)/\(id)").json()["version"] as? Int == 1)
        }
    }

    @Test func everyKindHasItsFiveRoutesViewersReadingAndEditorsWriting() async throws {
        let routes = Dictionary(
            grouping: try await registeredRoutes().filter(\.isAPI), by: { "\($0.method) \($0.path)" })
        for kind in Self.kinds {
            for (method, path, role) in [
                ("GET", kind.path, StaffRole.viewer), ("POST", kind.path, .editor),
                ("GET", kind.path + "/:id", .viewer),
                ("PUT", kind.path + "/:id", .editor), ("DELETE", kind.path + "/:id", .editor),
            ] {
                #expect(routes["\(method) \(path)"]?.map(\.minimumRole) == [role], "\(method) \(path)")
            }
        }
    }
}
