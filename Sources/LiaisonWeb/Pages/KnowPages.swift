import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// Knowing the members: the least-known list (with its CSV and the monthly trend), practices by theme, and the
/// organizations within a distance of a city or a point.
struct KnowPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/members/least-known", access: .viewer, use: leastKnown)
        routes.add(.get, "/members/least-known.csv", access: .viewer, use: leastKnownCSV)
        routes.add(.get, "/practices", access: .viewer, use: practices)
        routes.add(.get, "/organizations/nearby", access: .viewer, use: nearby)
    }

    @Sendable func leastKnown(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        let (query, errors) = LeastKnownQuery.parse(parameters, regions: settings.regions, strict: false)
        let page = try await store.leastKnown(query)
        try await store.writeCoverageSnapshotIfMissing()
        let staff = try await store.accounts().filter { !$0.disabled }
        let view = LeastKnownView(
            page: page, query: query, filters: leastKnownFilters(parameters, errors: errors, staff: staff),
            trend: try await store.coverageTrend(months: 12), regions: settings.regions,
            previous: query.page > 1 ? link("/members/least-known", parameters, page: query.page - 1) : nil,
            next: query.page * query.perPage < page.total
                ? link("/members/least-known", parameters, page: query.page + 1) : nil,
            csv: link("/members/least-known.csv", parameters, page: nil), t: t)
        return renderer.page(
            title: t[.leastKnownTitle], context: context, status: errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    @Sendable func leastKnownCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        var (query, errors) = LeastKnownQuery.parse(
            request.uri.queryDictionary, regions: settings.regions, strict: false)
        try Problem.refuseQuery(errors)
        query.perPage = LeastKnownQuery.maxPerPage
        var rows: [[String]] = []
        for page in 1...(Exports.maxRows / LeastKnownQuery.maxPerPage) {
            query.page = page
            let result = try await store.leastKnown(query)
            rows += result.items.map { member in
                [
                    String(member.id), member.name, member.country ?? "",
                    member.region.flatMap { settings.regions.region(key: $0)?.name } ?? "",
                    member.membershipStatus.rawValue, member.paying ? "yes" : "no", member.focalPoint ?? "",
                    String(member.score), member.missing.map(\.rawValue).joined(separator: " "),
                ]
            }
            if page * query.perPage >= result.total { break }
        }
        errors = []
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .export, entity: .organization,
                summary: "\(rows.count) least-known organizations as CSV"))
        let header = [
            "organization_id", "organization", "country", "region", "membership_status", "paying", "focal_point",
            "score", "missing",
        ]
        return Exports.download(
            CSVWriter.document(header: header, rows: rows), type: "text/csv; charset=utf-8",
            filename: "least-known.csv")
    }

    @Sendable func practices(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        let (query, errors) = PracticeQuery.parse(parameters, regions: settings.regions, strict: false)
        let hits = try await store.searchPractices(query)
        var words = FormField(name: "q", label: t[.practicesWords], value: parameters["q"] ?? "")
        words.hint = t[.practicesHint]
        let view = PracticesView(
            hits: hits, query: query, filters: [words] + placeFilters(parameters, errors: errors),
            regions: settings.regions, t: t)
        return renderer.page(
            title: t[.practicesTitle], context: context, status: errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    @Sendable func nearby(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryDictionary
        var (asked, errors) = NearbyRequest.parse(parameters, strict: false)
        var result: NearbyResult?
        var centreName: String?
        if errors.isEmpty, asked.hasCentre {
            switch try await Self.resolve(asked, store: store) {
            case .success(let found):
                centreName = found.name
                result = try await store.nearby(found.query)
            case .failure(let error):
                errors.append(error)
            }
        }
        let view = NearbyView(
            result: result, asked: asked, centreName: centreName, filters: nearbyFilters(parameters, errors: errors),
            regions: settings.regions, t: t)
        return renderer.page(
            title: t[.nearbyTitle], context: context, status: errors.isEmpty ? .ok : .badRequest
        ) { view.render(into: &$0) }
    }

    /// The store's query for a distance search as asked: the organization's coordinates, or the point. An
    /// organization that does not exist or has no coordinates is a field error naming `organization`.
    static func resolve(_ asked: NearbyRequest, store: any LiaisonStore) async throws
        -> Result<(query: NearbyQuery, name: String?), FieldError>
    {
        var centre = asked.point
        var name: String?
        if let id = asked.organizationId {
            guard let organization = try await store.organization(id: id) else {
                return .failure(
                    FieldError(field: "organization", rule: "exists", message: "No organization has the id \(id)."))
            }
            guard let latitude = organization.latitude, let longitude = organization.longitude else {
                return .failure(
                    FieldError(
                        field: "organization", rule: "has_coordinates",
                        message:
                            "\(organization.name) has no coordinates; add them to its profile or search around a point."
                    ))
            }
            centre = GeoPoint(latitude: latitude, longitude: longitude)
            name = organization.name
        }
        guard let centre else {
            return .failure(
                FieldError(
                    field: "organization", rule: "required",
                    message: "Give an organization, or a latitude and a longitude, to search around."))
        }
        return .success(
            (
                NearbyQuery(
                    centre: centre, centreOrganizationId: asked.organizationId, km: asked.km,
                    statuses: asked.statuses, limit: asked.limit), name
            ))
    }

    private func link(_ path: String, _ parameters: [String: String], page: Int?) -> String {
        var parts = URLComponents()
        parts.path = path
        var items = parameters.filter { $0.key != "page" && !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { URLQueryItem(name: $0.key, value: $0.value) }
        if let page { items.append(URLQueryItem(name: "page", value: String(page))) }
        parts.queryItems = items.isEmpty ? nil : items
        return parts.string ?? path
    }

    private func placeFilters(_ parameters: [String: String], errors: [FieldError]) -> [FormField] {
        func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }
        var country = FormField(name: "country", label: t[.filterCountry], error: error("country"), control: .select)
        country.options = FormField.choices(
            Country.allByName.map { ($0.code, $0.name) }, selected: parameters["country"]?.uppercased() ?? "",
            blank: t[.any])
        var region = FormField(name: "region", label: t[.filterRegion], error: error("region"), control: .select)
        region.options = FormField.choices(
            settings.regions.regions.map { ($0.key, $0.name) }, selected: parameters["region"] ?? "", blank: t[.any])
        return [country, region]
    }

    private func statusField(_ parameters: [String: String], errors: [FieldError], blank: String?) -> FormField {
        var status = FormField(
            name: "status", label: t[.filterStatus], error: errors.first { $0.field == "status" }?.message,
            control: .select)
        var choices = MembershipStatus.allCases.map { ($0.rawValue, t.label($0)) }
        choices.append(("any", t[.any]))
        status.options = FormField.choices(
            choices, selected: parameters["status"] ?? (blank == nil ? MembershipStatus.member.rawValue : ""),
            blank: blank)
        return status
    }

    private func leastKnownFilters(_ parameters: [String: String], errors: [FieldError], staff: [StaffAccount])
        -> [FormField]
    {
        var focal = FormField(
            name: "focalPoint", label: t[.fieldFocalPointAccountId],
            error: errors.first { $0.field == "focalPoint" }?.message,
            control: .select)
        focal.options = FormField.choices(
            staff.map { (String($0.id), $0.name) }, selected: parameters["focalPoint"] ?? "", blank: t[.any])
        var paying = FormField(name: "paying", label: t[.leastKnownPayingOnly], value: "true", control: .checkbox)
        paying.checked = parameters["paying"] == "true"
        return placeFilters(parameters, errors: errors) + [
            focal, statusField(parameters, errors: errors, blank: nil), paying,
        ]
    }

    private func nearbyFilters(_ parameters: [String: String], errors: [FieldError]) -> [FormField] {
        func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }
        var organization = FormField(
            name: "organization", label: t[.nearbyOrganization], value: parameters["organization"] ?? "",
            error: error("organization"), control: .number)
        organization.hint = t[.nearbyOrganizationHint]
        let km = FormField(
            name: "km", label: t[.nearbyKm], value: parameters["km"] ?? String(Int(NearbyRequest.defaultKm)),
            error: error("km"), control: .number)
        var latitude = FormField(
            name: "latitude", label: t[.fieldLatitude], value: parameters["latitude"] ?? "",
            error: error("latitude"), control: .text)
        latitude.hint = t[.nearbyPointHint]
        let longitude = FormField(
            name: "longitude", label: t[.fieldLongitude], value: parameters["longitude"] ?? "",
            error: error("longitude"), control: .text)
        return [
            organization, km, latitude, longitude,
            statusField(parameters, errors: errors, blank: t[.nearbyMembersAndProspects]),
        ]
    }
}

extension CoverageCheck: Labelled { static var labelPrefix: String { "coverage_check_" } }
extension CoverageFix: Labelled { static var labelPrefix: String { "coverage_fix_" } }

/// Where each fix of a coverage gap is made.
enum CoverageLinks {
    static func fix(_ fix: CoverageFix, organizationId id: Int64) -> String {
        switch fix {
        case .addPerson: "/people/new?organization=\(id)"
        case .addChannel: "/people?organization=\(id)"
        case .assignFocalPoint, .editProfile: "/organizations/\(id)/edit"
        case .planCall: "/activities/new?kind=call&participant=\(id)"
        case .reviewFollowUps: "/follow-ups?organization=\(id)"
        }
    }
}
