import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore
import NIOCore

/// Downloads: a person as a vCard, any people list as vCards or CSV, any directory list as CSV. The same
/// handlers answer the pages (with the session) and the API (with a token). Every export is written to the
/// audit trail, since it carries data (for people, personal data) out of Liaison.
struct Exports {
    let store: any LiaisonStore
    let settings: WebSettings

    /// The most rows one export holds; narrower filters reach the rest.
    static let maxRows = 10_000

    func register(on routes: RouteRegistry) {
        for prefix in ["", "/api/v1"] {
            routes.add(.get, prefix + "/people/export", access: .viewer, use: people)
            routes.add(.get, prefix + "/people/:id/vcard", access: .viewer, use: personCard)
            routes.add(.get, prefix + "/organizations/export", access: .viewer, use: organizations)
        }
    }

    enum Format: String, CaseIterable { case csv, vcard }

    @Sendable func personCard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let person = try await PersonInputs.load(context, store: store)
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .export, entity: .person, entityId: person.id,
                summary: "vCard of \(person.displayName)"))
        return Self.download(
            VCard.file([person.vCard]), type: "text/vcard; charset=utf-8",
            filename: Self.filename(person.displayName, "vcf"))
    }

    @Sendable func people(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await store.takeCostly(settings.limits.export, key: RateKey.export, what: "exports", context: context)
        let parameters = request.uri.queryDictionary
        var reader = QueryReader(parameters, strict: true)
        let format = reader.choice("format", Format.self) ?? .csv
        var (query, errors) = PersonQuery.parse(
            parameters.filter { $0.key != "format" }, strict: request.uri.path.hasPrefix("/api/"))
        errors = reader.errors + errors
        try Problem.refuseQuery(errors)
        query.perPage = PersonQuery.maxPerPage
        let ids = try await Self.collect(pageSize: query.perPage, maxOffset: PersonQuery.maxOffset) { page in
            query.page = page
            let result = try await store.listPeople(query)
            return (result.items.map(\.id), result.total)
        }
        let people = try await store.people(ids: ids)
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .export, entity: .person,
                summary: "\(people.count) people as \(format == .csv ? "CSV" : "vCard")"))
        switch format {
        case .vcard:
            return Self.download(
                VCard.file(people.map(\.vCard)), type: "text/vcard; charset=utf-8", filename: "people.vcf")
        case .csv:
            let rows = people.map { p -> [String] in
                let position = p.currentPositions.first
                func values(_ kind: ChannelKind) -> String {
                    p.channels.filter { $0.kind == kind }.map(\.value).joined(separator: "; ")
                }
                return [
                    String(p.id), p.displayName, p.familyName, p.givenName, p.nameOrder.rawValue, p.nativeName ?? "",
                    p.honorific ?? "",
                    position?.title ?? "", position?.department ?? "", position?.organizationName ?? "",
                    values(.email), values(.phone), values(.wechat), values(.whatsapp), values(.linkedin),
                    p.languages.joined(separator: " "), p.role.rawValue,
                ]
            }
            let header = [
                "id", "name", "family_name", "given_name", "name_order", "native_name", "honorific", "title",
                "department",
                "organization", "email", "phone", "wechat", "whatsapp", "linkedin", "languages", "role",
            ]
            return Self.download(
                CSVWriter.document(header: header, rows: rows), type: "text/csv; charset=utf-8", filename: "people.csv")
        }
    }

    @Sendable func organizations(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await store.takeCostly(settings.limits.export, key: RateKey.export, what: "exports", context: context)
        let parameters = request.uri.queryDictionary(joining: ["ids"])
        var reader = QueryReader(parameters, strict: true)
        if reader.choice("format", Format.self) == .vcard {
            reader.fail("format", "one_of", "format must be csv for organizations.")
        }
        var (query, errors) = OrganizationQuery.parse(
            parameters.filter { $0.key != "format" }, regions: settings.regions,
            strict: request.uri.path.hasPrefix("/api/"))
        errors = reader.errors + errors
        try Problem.refuseQuery(errors)
        query.perPage = OrganizationQuery.maxPerPage
        let items = try await Self.collect(pageSize: query.perPage, maxOffset: OrganizationQuery.maxOffset) { page in
            query.page = page
            let result = try await store.listOrganizations(query)
            return (result.items, result.total)
        }
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .export, entity: .organization,
                summary: "\(items.count) organizations as CSV"))
        let rows = items.map { o -> [String] in
            [
                String(o.id), o.name, o.nativeName ?? "", o.kind.rawValue, o.country ?? "",
                o.region.flatMap { settings.regions.region(key: $0)?.name } ?? "", o.population.map(String.init) ?? "",
                o.membershipStatus.rawValue, o.memberSince.map(String.init) ?? "", o.paying ? "yes" : "no",
            ]
        }
        let header = [
            "id", "name", "native_name", "kind", "country", "region", "population", "membership_status",
            "member_since", "paying",
        ]
        return Self.download(
            CSVWriter.document(header: header, rows: rows), type: "text/csv; charset=utf-8",
            filename: "organizations.csv")
    }

    /// A list read page by page (`fetch` gets the page number) until it is whole, `maxRows` long, or as deep
    /// as a list may go.
    static func collect<Item>(
        pageSize: Int, maxOffset: Int, fetch: (Int) async throws -> (items: [Item], total: Int)
    ) async throws -> [Item] {
        var items: [Item] = []
        var page = 1
        while items.count < maxRows, (page - 1) * pageSize <= maxOffset {
            let result = try await fetch(page)
            items += result.items
            if result.items.isEmpty || items.count >= result.total { break }
            page += 1
        }
        return Array(items.prefix(maxRows))
    }

    static func download(_ text: String, type: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// An ASCII file name from a person's name ("CHEN Guo" → "chen-guo.vcf").
    static func filename(_ name: String, _ ext: String) -> String {
        let base = SearchText.normalize(name).replacingOccurrences(of: " ", with: "-")
        return (base.isEmpty ? "contact" : base) + "." + ext
    }
}
