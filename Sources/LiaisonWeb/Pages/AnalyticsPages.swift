import Foundation
import HTTPTypes
import Hummingbird
import LiaisonCore
import LiaisonStore

/// Analytics: the membership's composition, growth and dues (the overview), engagement and the pipeline's
/// funnel, and a world map. Every chart is SVG drawn here with its table beside it, and every table downloads
/// as CSV (an export: rate-limited and audited).
struct AnalyticsPages {
    let store: any LiaisonStore
    let settings: WebSettings
    let renderer: PageRenderer

    private var t: Strings { renderer.strings }

    /// The most dots the map draws (the most populous); the table beside it counts every organization.
    static let mapPointLimit = 5_000
    /// The statuses the map shows.
    static let mapStatuses: [MembershipStatus] = [.member, .prospect]

    func register(on routes: RouteRegistry) {
        routes.add(.get, "/analytics", access: .viewer, use: overview)
        routes.add(.get, "/analytics/engagement", access: .viewer, use: engagement)
        routes.add(.get, "/analytics/map", access: .viewer, use: map)
        // Each table's address written out, so that a reader (and the role matrix) finds every route by its path.
        routes.add(.get, "/analytics/regions.csv", access: .viewer, use: csv(.regions))
        routes.add(.get, "/analytics/countries.csv", access: .viewer, use: csv(.countries))
        routes.add(.get, "/analytics/joined.csv", access: .viewer, use: csv(.joined))
        routes.add(.get, "/analytics/dues.csv", access: .viewer, use: csv(.dues))
        routes.add(.get, "/analytics/engagement.csv", access: .viewer, use: csv(.engagement))
        routes.add(.get, "/analytics/interactions.csv", access: .viewer, use: csv(.interactions))
        routes.add(.get, "/analytics/unanswered.csv", access: .viewer, use: csv(.unanswered))
        routes.add(.get, "/analytics/funnel.csv", access: .viewer, use: csv(.funnel))
    }

    private func filters(_ request: Request) -> AnalyticsFilters {
        AnalyticsFilters(request.uri.queryDictionary, regions: settings.regions, strict: false, strings: t)
    }

    private func charts(_ filters: AnalyticsFilters) async throws -> AnalyticsCharts {
        AnalyticsCharts(
            regions: settings.regions, currency: try await store.workspaceSettings().currency, filters: filters, t: t)
    }

    private func head(_ page: AnalyticsPage, filters: AnalyticsFilters) -> AnalyticsHeadView {
        AnalyticsHeadView(
            current: page, filters: filters, fields: filters.fields(regions: settings.regions, strings: t), t: t)
    }

    private func respond(
        _ page: AnalyticsPage, filters: AnalyticsFilters, context: AppRequestContext, body: HTML.Content
    )
        -> Response
    {
        let head = head(page, filters: filters)
        return renderer.page(
            title: head.title, context: context, status: filters.errors.isEmpty ? .ok : .badRequest
        ) { html in
            head.render(into: &html)
            body(&html)
        }
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let filters = filters(request)
        let charts = try await charts(filters)
        let composition = try await store.membershipComposition(filters.query)
        let joined = try await store.membersByYearJoined(filters.query)
        let view = AnalyticsOverviewView(
            composition: composition, charts: charts,
            shown: [
                charts.composition(composition, byCountry: true), charts.composition(composition, byCountry: false),
                charts.joined(joined), charts.dues(composition),
            ], t: t)
        return respond(.overview, filters: filters, context: context) { view.render(into: &$0) }
    }

    @Sendable func engagement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let filters = filters(request)
        let charts = try await charts(filters)
        let figures = try await store.engagementFigures(filters.query, today: FollowUpPages.today(context))
        let funnel = try await store.pipelineFunnel(
            ProspectQuery(region: filters.query.region, country: filters.query.country))
        let shown = [
            charts.lastInteraction(figures), charts.interactions(figures), charts.unanswered(figures),
            charts.funnel(funnel),
        ]
        return respond(.engagement, filters: filters, context: context) { html in
            html.p(.class("muted"), text: t[.analyticsInteractionRule])
            for chart in shown { ChartView(chart: chart, downloadLabel: t[.exportCsv]).render(into: &html) }
            html.p { $0.a(.href(filters.link("/pipeline/funnel")), text: t[.analyticsFunnelDetails]) }
        }
    }

    @Sendable func map(_ request: Request, context: AppRequestContext) async throws -> Response {
        let filters = filters(request)
        let points = try await store.mapPoints(filters.query, statuses: Self.mapStatuses)
        let map = WorldMapView(
            points: Array(points.prefix(Self.mapPointLimit)), total: points.count, title: t[.analyticsMapTitle], t: t)
        let view = AnalyticsMapView(map: map, points: points, t: t)
        return respond(.map, filters: filters, context: context) { view.render(into: &$0) }
    }

    private func csv(_ table: AnalyticsTable) -> @Sendable (Request, AppRequestContext) async throws -> Response {
        { request, context in try await csv(table, request: request, context: context) }
    }

    /// One table as CSV: the figures its chart shows, with the countries all named.
    func csv(_ table: AnalyticsTable, request: Request, context: AppRequestContext) async throws -> Response {
        try await store.takeCostly(settings.limits.export, key: RateKey.export, what: "exports", context: context)
        let filters = filters(request)
        try Problem.refuseQuery(filters.errors)
        let charts = try await charts(filters)
        let query = filters.query
        let chart: ChartData
        switch table {
        case .regions: chart = charts.composition(try await store.membershipComposition(query), byCountry: false)
        case .countries:
            chart = charts.composition(try await store.membershipComposition(query), byCountry: true, csv: true)
        case .joined: chart = charts.joined(try await store.membersByYearJoined(query))
        case .dues: chart = charts.dues(try await store.membershipComposition(query))
        case .engagement, .interactions, .unanswered:
            let figures = try await store.engagementFigures(query, today: FollowUpPages.today(context))
            chart =
                table == .engagement
                ? charts.lastInteraction(figures)
                : table == .interactions
                    ? charts.interactions(figures) : charts.unanswered(figures)
        case .funnel:
            chart = charts.funnel(
                try await store.pipelineFunnel(ProspectQuery(region: query.region, country: query.country)))
        }
        try await store.recordAudit(
            AuditEvent(
                actor: context.actor, action: .export, entity: .organization,
                summary: "Analytics table \(table.rawValue) as CSV"))
        return Exports.download(
            CSVWriter.document(header: Self.csvHeader(chart), rows: Self.csvRows(chart)),
            type: "text/csv; charset=utf-8", filename: "analytics-\(table.rawValue).csv")
    }

    static func csvHeader(_ chart: ChartData) -> [String] {
        [chart.categoryLabel] + chart.series + chart.extraColumns.map(\.header)
    }

    /// The chart's rows with plain numbers (no grouping), as a spreadsheet reads them.
    static func csvRows(_ chart: ChartData) -> [[String]] {
        chart.categories.indices.map { row in
            [chart.categories[row]] + chart.values[row].map { SVGNumber.text($0, decimals: 2) }
                + chart.extraColumns.map { $0.cells[row] }
        }
    }
}
