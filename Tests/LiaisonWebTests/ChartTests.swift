import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@testable import LiaisonWeb

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The chart module: its SVG parses as XML, names itself, carries every value, and its table says the same.
@Suite struct ChartTests {
    /// Reads an SVG's element names and its text (titles, labels, values).
    final class SVGReader: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var texts: [String] = []
        var attributes: [[String: String]] = []
        private var current = ""

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            elements.append(name)
            self.attributes.append(attributes)
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if !current.isEmpty { texts.append(current) }
            current = ""
        }
    }

    /// The first `<svg>…</svg>` of a page, parsed; nil when it is not well-formed XML.
    static func parseSVG(_ page: String) -> SVGReader? {
        guard let start = page.range(of: "<svg"),
            let end = page.range(of: "</svg>", range: start.upperBound..<page.endIndex)
        else { return nil }
        let reader = SVGReader()
        let parser = XMLParser(data: Data(page[start.lowerBound..<end.upperBound].utf8))
        parser.delegate = reader
        return parser.parse() ? reader : nil
    }

    static func tableCells(_ page: String) -> [String] {
        guard let table = page.range(of: "<table") else { return [] }
        return page[table.lowerBound...].matches(of: /<t[dh][^>]*>([^<]*)<\/t[dh]>/).map { String($0.1) }
    }

    func render(_ chart: ChartData) -> String {
        var html = HTML()
        ChartView(chart: chart, downloadLabel: "CSV").render(into: &html)
        return html.output
    }

    let countries = ChartData(
        id: "chart-test", kind: .bars, title: "Members by country <of the network>",
        summary: "China & Spain, official and paying.", categoryLabel: "Country", valueLabel: "Members",
        series: ["Official members", "Paying members"], categories: ["China", "Spain", "Côte d'Ivoire"],
        values: [[28, 20], [12, 5], [1_234, 0]])

    @Test func barsParseAsXMLAndCarryTheirTitleDescriptionAndEveryValue() throws {
        let page = render(countries)
        let svg = try #require(Self.parseSVG(page), "the SVG is not well-formed XML")
        #expect(svg.elements.first == "svg")
        #expect(svg.elements.prefix(3).contains("title"))
        #expect(svg.elements.contains("desc"))
        #expect(svg.attributes.first?["role"] == "img")
        #expect(svg.attributes.first?["aria-labelledby"] == "chart-test-title chart-test-desc")
        #expect(svg.texts.contains("Members by country <of the network>"))
        #expect(svg.texts.contains("China & Spain, official and paying."))
        for value in ["28", "20", "12", "5", "1,234", "0"] { #expect(svg.texts.contains(value), "\(value)") }
        // Axis labels: what the bars are and what they count.
        #expect(svg.texts.contains("Country"))
        #expect(svg.texts.contains("Members"))
        #expect(svg.elements.filter { $0 == "rect" }.count >= 6)
        #expect(!page.contains("<of the network>"), "text is escaped in the page")
    }

    @Test func theTableBesideSaysWhatTheChartSays() throws {
        var chart = countries
        chart.extraColumns = [("Share", ["20.0%", "8.6%", "0.7%"])]
        let page = render(chart)
        let cells = Self.tableCells(page)
        #expect(
            cells == [
                "Country", "Official members", "Paying members", "Share", "China", "28", "20", "20.0%", "Spain", "12",
                "5", "8.6%", "Côte d&#39;Ivoire", "1,234", "0", "0.7%",
            ]
                || cells == [
                    "Country", "Official members", "Paying members", "Share", "China", "28", "20", "20.0%", "Spain",
                    "12",
                    "5", "8.6%", "Côte d'Ivoire", "1,234", "0", "0.7%",
                ])
        #expect(page.contains("<caption>Members by country &lt;of the network&gt;</caption>"))
        #expect(
            AnalyticsPages.csvRows(chart) == [
                ["China", "28", "20", "20.0%"], ["Spain", "12", "5", "8.6%"], ["Côte d'Ivoire", "1234", "0", "0.7%"],
            ])
    }

    @Test func aLineOverTimeCarriesEveryPointAndItsAxes() throws {
        let chart = ChartData(
            id: "chart-line", kind: .line, title: "Members over time", summary: "From 1985 to 2026.",
            categoryLabel: "Year joined", valueLabel: "Members", series: ["Members so far"],
            categories: ["1985", "1993", "2026"], values: [[3], [10], [140]])
        let svg = try #require(Self.parseSVG(render(chart)))
        #expect(svg.elements.contains("polyline"))
        #expect(svg.elements.filter { $0 == "circle" }.count == 3)
        for point in ["1985, Members so far: 3", "1993, Members so far: 10", "2026, Members so far: 140"] {
            #expect(svg.texts.contains(point), "\(point)")
        }
        #expect(svg.texts.contains("Year joined"))
        #expect(svg.texts.contains("Members"))
    }

    @Test func anEmptyChartStillParses() throws {
        let chart = ChartData(
            id: "chart-empty", kind: .bars, title: "Nothing yet", summary: "No members.", categoryLabel: "Region",
            valueLabel: "Members", series: ["Members"], categories: [], values: [])
        #expect(Self.parseSVG(render(chart)) != nil)
        #expect(ChartView.axisMaximum([]) == 1)
        #expect(ChartView.axisMaximum([[28, 140]]) == 200)
    }

    @Test func theWorldMapPlacesDotsOnTheOutlineWithALegend() throws {
        #expect(WorldOutline.paths.count > 150, "the outline resource is read")
        let point = WorldOutline.point(latitude: 23.13, longitude: 113.26)
        #expect(abs(point.x - 293.26) < 0.01)
        #expect(abs(point.y - 60.87) < 0.01)
        let strings = try Strings(file: WebSettings.bundledResources.appendingPathComponent("strings/en.json"))
        let map = WorldMapView(
            points: [
                MapPoint(
                    id: 1, name: "Guangzhou", country: "CN", status: .member, latitude: 23.13, longitude: 113.26,
                    population: 18_676_605),
                MapPoint(
                    id: 2, name: "Foshan", country: "CN", status: .prospect, latitude: 23.02, longitude: 113.12,
                    population: nil),
            ], total: 2, title: "Map", t: strings)
        var html = HTML()
        map.render(into: &html)
        let svg = try #require(Self.parseSVG(html.output))
        #expect(svg.texts.contains("Guangzhou (Member)"))
        #expect(svg.texts.contains("Foshan (Prospect)"))
        #expect(svg.texts.contains("Member") && svg.texts.contains("Prospect"), "the legend names each status")
        #expect(WorldMapView.radius(18_676_605) > WorldMapView.radius(1_000_000))
    }
}
