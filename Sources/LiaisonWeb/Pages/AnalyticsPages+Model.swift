import Foundation
import LiaisonCore
import LiaisonStore

/// The analytics' tables, each a chart on a page and a CSV download (`/analytics/<table>.csv`).
enum AnalyticsTable: String, CaseIterable, Sendable {
    case regions, countries, joined, dues, engagement, interactions, unanswered, funnel

    /// The page that shows it.
    var page: AnalyticsPage {
        switch self {
        case .regions, .countries, .joined, .dues: .overview
        case .engagement, .interactions, .unanswered, .funnel: .engagement
        }
    }
}

/// The analytics' pages, as tabs.
enum AnalyticsPage: String, CaseIterable, Sendable {
    case overview, engagement, map

    var path: String { self == .overview ? "/analytics" : "/analytics/" + rawValue }
}

/// The region and country the analytics count, read from the query as the pipeline's filters are.
struct AnalyticsFilters {
    var query = AnalyticsQuery()
    var errors: [FieldError] = []
    var values: [String: String] = [:]

    static let names = ["region", "country"]

    init(_ parameters: [String: String], regions: RegionCatalog, strict: Bool, strings t: Strings) {
        var reader = QueryReader(parameters, strict: strict)
        if let region = reader.value("region") {
            if regions.region(key: region) != nil {
                query.region = region
            } else {
                reader.fail("region", "choice", t[.errorUnknownRegion])
            }
        }
        query.country = reader.country()
        errors = reader.errors
        for name in Self.names { if let value = parameters[name], !value.isEmpty { values[name] = value } }
    }

    /// The address of `path` with these filters.
    func link(_ path: String) -> String {
        var parts = URLComponents()
        parts.path = path
        let items = Self.names.compactMap { name in values[name].map { URLQueryItem(name: name, value: $0) } }
        parts.queryItems = items.isEmpty ? nil : items
        return parts.string ?? path
    }

    func fields(regions: RegionCatalog, strings t: Strings) -> [FormField] {
        func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }
        var region = FormField(name: "region", label: t[.filterRegion], error: error("region"), control: .select)
        region.options = FormField.choices(
            regions.regions.map { ($0.key, $0.name) }, selected: values["region"] ?? "", blank: t[.any])
        var country = FormField(name: "country", label: t[.filterCountry], error: error("country"), control: .select)
        country.options = FormField.choices(
            Country.allByName.map { ($0.code, $0.name) }, selected: values["country"]?.uppercased() ?? "",
            blank: t[.any])
        return [region, country]
    }
}

/// The figures of the analytics turned into charts, so that a page, its tables and their CSV say the same.
struct AnalyticsCharts {
    let regions: RegionCatalog
    let currency: String
    let filters: AnalyticsFilters
    let t: Strings

    /// Countries a chart names one by one; the rest are summed in one line (the CSV has them all).
    static let countriesShown = 15

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    func regionName(_ key: String) -> String {
        key.isEmpty ? t[.pipelineNoRegion] : regions.region(key: key)?.name ?? key
    }

    static func countryName(_ code: String) -> String {
        code.isEmpty ? "—" : Country.named(code: code)?.name ?? code
    }

    private func chart(
        _ table: AnalyticsTable, kind: ChartData.Kind, title: StringKey, summary: String, category: StringKey,
        value: String, series: [String], categories: [String], values: [[Double]]
    ) -> ChartData {
        var chart = ChartData(
            id: "chart-" + table.rawValue, kind: kind, title: t[title], summary: summary, categoryLabel: t[category],
            valueLabel: value, series: series, categories: categories, values: values)
        chart.csvHref = filters.link("/analytics/\(table.rawValue).csv")
        return chart
    }

    func composition(_ c: MembershipComposition, byCountry: Bool, csv: Bool = false) -> ChartData {
        var rows = byCountry ? c.byCountry : c.byRegion
        if byCountry, !csv, rows.count > Self.countriesShown {
            let rest = rows[Self.countriesShown...]
            rows = Array(rows.prefix(Self.countriesShown))
            let members = rest.reduce(0) { $0 + $1.members }
            let paying = rest.reduce(0) { $0 + $1.paying }
            rows.append(
                CompositionRow(
                    key: "…", members: members, paying: paying, dues: rest.reduce(0) { $0 + $1.dues },
                    memberShare: c.members == 0 ? 0 : Double(members) / Double(c.members),
                    payingShare: c.paying == 0 ? 0 : Double(paying) / Double(c.paying)))
        }
        let names = rows.map {
            $0.key == "…" ? t[.analyticsOtherCountries] : byCountry ? Self.countryName($0.key) : regionName($0.key)
        }
        let lead = rows.first.map {
            String(
                format: t[.analyticsShareSentence], byCountry ? Self.countryName($0.key) : regionName($0.key),
                Self.percent($0.memberShare), Self.percent($0.payingShare))
        }
        var data = chart(
            byCountry ? .countries : .regions, kind: .bars,
            title: byCountry ? .analyticsByCountry : .analyticsByRegion,
            summary: String(
                format: t[.analyticsCompositionSummary], Formats.number(c.members), Formats.number(c.paying))
                + (lead.map { " " + $0 } ?? ""),
            category: byCountry ? .filterCountry : .filterRegion, value: t[.analyticsMembers],
            series: [t[.analyticsOfficialMembers], t[.analyticsPayingMembers]], categories: names,
            values: rows.map { [Double($0.members), Double($0.paying)] })
        data.extraColumns = [
            (t[.analyticsShareOfMembers], rows.map { Self.percent($0.memberShare) }),
            (t[.analyticsShareOfPaying], rows.map { Self.percent($0.payingShare) }),
        ]
        if csv { data.extraColumns.insert((t[.analyticsKey], rows.map(\.key)), at: 0) }
        return data
    }

    func dues(_ c: MembershipComposition) -> ChartData {
        let rows = c.byRegion.sorted { ($0.dues, $1.key) > ($1.dues, $0.key) }
        var data = chart(
            .dues, kind: .bars, title: .analyticsDuesByRegion,
            summary: String(format: t[.analyticsDuesSummary], Formats.number(Int(c.dues)), currency),
            category: .filterRegion, value: String(format: t[.analyticsDuesAxis], currency),
            series: [String(format: t[.analyticsDuesAxis], currency)], categories: rows.map { regionName($0.key) },
            values: rows.map { [Double($0.dues)] })
        data.extraColumns = [
            (
                t[.analyticsShareOfDues],
                rows.map { Self.percent(c.dues == 0 ? 0 : Double($0.dues) / Double(c.dues)) }
            )
        ]
        return data
    }

    func joined(_ years: [JoinedYear]) -> ChartData {
        var data = chart(
            .joined, kind: .line, title: .analyticsOverTime,
            summary: String(
                format: t[.analyticsOverTimeSummary], years.first.map { String($0.year) } ?? "—",
                years.last.map { String($0.year) } ?? "—", Formats.number(years.last?.cumulative ?? 0)),
            category: .analyticsYearJoined, value: t[.analyticsMembers], series: [t[.analyticsMembersSoFar]],
            categories: years.map { String($0.year) }, values: years.map { [Double($0.cumulative)] })
        data.extraColumns = [(t[.analyticsJoinedThatYear], years.map { Formats.number($0.joined) })]
        return data
    }

    func lastInteraction(_ e: EngagementFigures) -> ChartData {
        let buckets: [(StringKey, Int)] = [
            (.analyticsWithinThreeMonths, e.withinThreeMonths), (.analyticsWithinTwelveMonths, e.withinTwelveMonths),
            (.analyticsOlder, e.older), (.analyticsNever, e.never),
        ]
        let total = buckets.reduce(0) { $0 + $1.1 }
        var data = chart(
            .engagement, kind: .bars, title: .analyticsLastInteraction,
            summary: String(
                format: t[.analyticsLastInteractionSummary], Formats.number(e.never), Formats.number(total)),
            category: .analyticsLastInteractionAxis, value: t[.analyticsMembers], series: [t[.analyticsMembers]],
            categories: buckets.map { t[$0.0] }, values: buckets.map { [Double($0.1)] })
        data.extraColumns = [
            (t[.analyticsShareOfMembers], buckets.map { Self.percent(total == 0 ? 0 : Double($0.1) / Double(total)) })
        ]
        return data
    }

    func interactions(_ e: EngagementFigures) -> ChartData {
        chart(
            .interactions, kind: .line, title: .analyticsInteractionsPerYear,
            summary: t[.analyticsInteractionsSummary], category: .analyticsYear, value: t[.analyticsCount],
            series: [t[.analyticsActivities], t[.analyticsParticipations]],
            categories: e.byYear.map { String($0.year) },
            values: e.byYear.map { [Double($0.activities), Double($0.participations)] })
    }

    func unanswered(_ e: EngagementFigures) -> ChartData {
        let activities = e.unanswered.reduce(0) { $0 + $1.activityInvitations }
        let opportunities = e.unanswered.reduce(0) { $0 + $1.opportunityInvitations }
        return chart(
            .unanswered, kind: .bars, title: .analyticsUnanswered,
            summary: String(
                format: t[.analyticsUnansweredSummary], Formats.number(activities), Formats.number(opportunities)),
            category: .filterRegion, value: t[.analyticsInvitations],
            series: [t[.analyticsActivityInvitations], t[.analyticsOpportunityInvitations]],
            categories: e.unanswered.map { regionName($0.region) },
            values: e.unanswered.map { [Double($0.activityInvitations), Double($0.opportunityInvitations)] })
    }

    func funnel(_ f: PipelineFunnel) -> ChartData {
        var data = chart(
            .funnel, kind: .bars, title: .pipelineFunnel,
            summary: String(format: t[.analyticsFunnelSummary], Formats.number(f.total)), category: .analyticsStage,
            value: t[.analyticsProspects], series: [t[.analyticsAtStageNow], t[.analyticsReachedStage]],
            categories: f.rows.map { t.label($0.stage) },
            values: f.rows.map { [Double($0.total), Double($0.reached ?? 0)] })
        data.extraColumns = [(t[.analyticsConversion], f.rows.map { $0.conversion.map(Self.percent) ?? "—" })]
        return data
    }
}
