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
                actor: context.actor, action: .export, entity: "person", entityId: person.id,
                summary: "vCard of \(person.displayName)"))
        return Self.download(
            VCard.file([person.vCard]), type: "text/vcard; charset=utf-8", filename: Self.filename(person.displayName, "vcf"))
    }

    @Sendable func people(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        var reader = QueryReader(parameters, strict: true)
        let format = reader.choice("format", Format.self) ?? .csv
        var (query, errors) = PersonQuery.parse(parameters.filter { $0.key != "format" }, strict: request.uri.path.hasPrefix("/api/"))
        errors = reader.errors + errors
        try Problem.refuseQuery(errors)
        query.perPage = PersonQuery.maxPerPage
        var people: [Person] = []
        var total = 0
        repeat {
            let page = try await store.listPeople(query)
            total = page.total
            people += try await store.people(ids: page.items.map(\.id))
            query.page += 1
            if page.items.isEmpty { break }
        } while people.count < min(total, Self.maxRows) && query.offset < PersonQuery.maxOffset
        people = Array(people.prefix(Self.maxRows))
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .export, entity: "person",
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
                    String(p.id), p.displayName, p.familyName, p.givenName, p.nativeName ?? "", p.honorific ?? "",
                    position?.title ?? "", position?.department ?? "", position?.organizationName ?? "",
                    values(.email), values(.phone), values(.wechat), values(.whatsapp), values(.linkedin),
                    p.languages.joined(separator: " "), p.role.rawValue,
                ]
            }
            let header = [
                "id", "name", "family_name", "given_name", "native_name", "honorific", "title", "department",
                "organization", "email", "phone", "wechat", "whatsapp", "linkedin", "languages", "role",
            ]
            return Self.download(
                CSVWriter.document(header: header, rows: rows), type: "text/csv; charset=utf-8", filename: "people.csv")
        }
    }

    @Sendable func organizations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        var reader = QueryReader(parameters, strict: true)
        if reader.choice("format", Format.self) == .vcard {
            reader.fail("format", "one_of", "format must be csv for organizations.")
        }
        var (query, errors) = OrganizationQuery.parse(
            parameters.filter { $0.key != "format" }, regions: settings.regions, strict: request.uri.path.hasPrefix("/api/"))
        errors = reader.errors + errors
        try Problem.refuseQuery(errors)
        query.perPage = OrganizationQuery.maxPerPage
        var items: [OrganizationSummary] = []
        var total = 0
        repeat {
            let page = try await store.listOrganizations(query)
            total = page.total
            items += page.items
            query.page += 1
        } while items.count < min(total, Self.maxRows) && !items.isEmpty && query.offset < OrganizationQuery.maxOffset
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .export, entity: "organization",
                summary: "\(min(items.count, Self.maxRows)) organizations as CSV"))
        let rows = items.prefix(Self.maxRows).map { o -> [String] in
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
            CSVWriter.document(header: header, rows: Array(rows)), type: "text/csv; charset=utf-8",
            filename: "organizations.csv")
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
