import Foundation
import Hummingbird
import LiaisonCore
import NIOCore

/// The OpenAPI 3.1 description of the JSON API: `Resources/openapi.json`, with what depends on the
/// deployment filled in at start (the configured regions, the years allowed this year).
struct OpenAPIDocument: Sendable {
    let body: ByteBuffer

    init(resources: URL, regions: RegionCatalog, currentYear: Int) throws {
        let data = try Data(contentsOf: resources.appendingPathComponent("openapi.json"))
        guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.propertyListReadCorrupt)
        }
        let keys = regions.regions.map(\.key)
        document.update(
            ["components", "schemas", "OrganizationInput", "properties", "region", "enum"], to: keys + [NSNull()])
        document.update(
            ["components", "schemas", "OrganizationUpdate", "properties", "region", "enum"], to: keys + [NSNull()])
        for schema in ["OrganizationInput", "OrganizationUpdate"] {
            document.update(["components", "schemas", schema, "properties", "memberSince", "maximum"], to: currentYear)
        }
        for (schema, field) in [("GovernanceRole", "fromYear"), ("GovernanceRole", "toYear"), ("Practice", "year")] {
            document.update(["components", "schemas", schema, "properties", field, "maximum"], to: currentYear + 10)
        }
        // ISO 639-1 codes as this machine's Foundation names them: the same table validation uses.
        let languages = Language.allCodes
        for schema in ["PersonInput", "PersonUpdate"] {
            document.update(
                ["components", "schemas", schema, "properties", "languages", "items", "enum"], to: languages)
        }
        document.setQueryEnum("language", to: languages, on: ["/api/v1/people", "/api/v1/people/export"])
        document.setQueryEnum(
            "region", to: keys,
            on: [
                "/api/v1/organizations", "/api/v1/organizations/export", "/api/v1/activities", "/api/v1/reports",
                "/api/v1/follow-ups", "/api/v1/prospects", "/api/v1/prospects/funnel", "/api/v1/interests",
                "/api/v1/engagement/unengaged", "/api/v1/analytics/composition", "/api/v1/analytics/joined",
                "/api/v1/analytics/engagement", "/api/v1/coverage/least-known", "/api/v1/practices",
            ])
        body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]))
    }

    @Sendable func serve(_ request: Request, context: AppRequestContext) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }
}

extension Dictionary where Key == String, Value == Any {
    /// Limits a GET query parameter of these paths to the given values.
    fileprivate mutating func setQueryEnum(_ name: String, to values: [String], on paths: [String]) {
        guard var allPaths = self["paths"] as? [String: Any] else { return }
        for path in paths {
            guard var item = allPaths[path] as? [String: Any], var get = item["get"] as? [String: Any],
                var parameters = get["parameters"] as? [[String: Any]]
            else { continue }
            for index in parameters.indices where parameters[index]["name"] as? String == name {
                parameters[index]["schema"] = ["type": "string", "enum": values]
            }
            get["parameters"] = parameters
            item["get"] = get
            allPaths[path] = item
        }
        self["paths"] = allPaths
    }

    /// Sets the value at a path of nested objects; a path that does not exist is left alone.
    fileprivate mutating func update(_ path: [String], to value: Any) {
        guard let first = path.first else { return }
        if path.count == 1 {
            self[first] = value
            return
        }
        guard var child = self[first] as? [String: Any] else { return }
        child.update(Array(path.dropFirst()), to: value)
        self[first] = child
    }
}
