import Foundation

/// A table of figures that is drawn as a chart and written out beside it: categories (rows) by series
/// (columns), with extra columns the table shows and the chart does not (shares, totals).
struct ChartData {
    enum Kind {
        /// Horizontal bars, one group of bars a category, one bar a series: long names stay readable.
        case bars
        /// A line a series over ordered categories (years).
        case line
    }

    /// Unique on its page: the SVG's title and description are named by it.
    let id: String
    let kind: Kind
    let title: String
    /// What the chart shows in one or two sentences, for people who do not see it.
    let summary: String
    let categoryLabel: String
    let valueLabel: String
    let series: [String]
    let categories: [String]
    /// `values[row][series]`.
    let values: [[Double]]
    var extraColumns: [(header: String, cells: [String])] = []
    /// How a value reads in the chart and the table.
    var format: (Double) -> String = { Formats.number(Int($0.rounded())) }
    /// Where the table downloads as CSV.
    var csvHref: String?

    static let palette = ["#1d5fa8", "#d08a00", "#2a8a4a", "#b3261e", "#6a4c9c"]
}

/// Draws `ChartData` as accessible SVG (`role="img"`, a title and a description, axis labels, every value
/// written) followed by the same figures as a table, in one `<figure>`.
struct ChartView {
    let chart: ChartData
    let downloadLabel: String

    static let width = 640.0

    func render(into html: inout HTML) {
        html.figure(.class("chart"), .id(chart.id)) { html in
            html.figcaption { html in
                html.h3 { $0.text(chart.title) }
            }
            html.div(.class("chart-drawing")) { html in
                switch chart.kind {
                case .bars: bars(into: &html)
                case .line: line(into: &html)
                }
            }
            table(into: &html)
            if let href = chart.csvHref {
                html.p(.class("chart-download")) { $0.a(.href(href), text: downloadLabel) }
            }
        }
    }

    private func open(_ height: Double, into html: inout HTML, content: HTML.Content) {
        let titleId = chart.id + "-title"
        let descId = chart.id + "-desc"
        html.svg(
            .viewBox(Self.width, height), .role("img"), .ariaLabelledBy(titleId + " " + descId),
            Attribute("preserveAspectRatio", "xMinYMin meet"), .class("chart-svg")
        ) { html in
            html.svgTitle(.id(titleId), text: chart.title)
            html.desc(.id(descId), text: chart.summary)
            content(&html)
        }
    }

    /// The largest value, rounded up to a round figure for the axis.
    static func axisMaximum(_ values: [[Double]]) -> Double {
        let largest = values.flatMap { $0 }.max() ?? 0
        guard largest > 0 else { return 1 }
        var step = 1.0
        while step * 10 <= largest { step *= 10 }
        return (largest / step).rounded(.up) * step
    }

    private func bars(into html: inout HTML) {
        let labelWidth = 170.0
        let plotWidth = Self.width - labelWidth - 70
        let barHeight = 12.0
        let groupHeight = barHeight * Double(max(chart.series.count, 1)) + 8
        let top = chart.series.count > 1 ? 34.0 : 20.0
        let plotHeight = groupHeight * Double(chart.categories.count)
        let height = top + plotHeight + 40
        let maximum = Self.axisMaximum(chart.values)
        open(height, into: &html) { html in
            legend(at: labelWidth, y: 12, into: &html)
            html.svgText(
                .number("x", labelWidth - 6), .number("y", top - 6), Attribute("text-anchor", "end"),
                .class("axis-label"), text: chart.categoryLabel)
            for (row, category) in chart.categories.enumerated() {
                let y = top + Double(row) * groupHeight
                html.svgText(
                    .number("x", labelWidth - 6), .number("y", y + groupHeight / 2 + 2),
                    Attribute("text-anchor", "end"), .class("category"), text: Self.clipped(category))
                for (index, name) in chart.series.enumerated() {
                    let value = chart.values[row][index]
                    let barY = y + 4 + Double(index) * barHeight
                    let length = max(0, value / maximum * plotWidth)
                    html.rect(
                        .number("x", labelWidth), .number("y", barY), .number("width", length),
                        .number("height", barHeight - 2), .fill(ChartData.palette[index % ChartData.palette.count]),
                        Attribute("aria-label", "\(category), \(name): \(chart.format(value))"))
                    html.svgText(
                        .number("x", labelWidth + length + 4), .number("y", barY + barHeight - 3), .class("value"),
                        text: chart.format(value))
                }
            }
            axis(from: labelWidth, width: plotWidth, y: top + plotHeight, maximum: maximum, into: &html)
        }
    }

    private func line(into html: inout HTML) {
        let left = 60.0
        let plotWidth = Self.width - left - 30
        let top = chart.series.count > 1 ? 34.0 : 20.0
        let plotHeight = 200.0
        let height = top + plotHeight + 56
        let maximum = Self.axisMaximum(chart.values)
        let count = chart.categories.count
        func x(_ index: Int) -> Double {
            left + (count <= 1 ? plotWidth / 2 : Double(index) / Double(count - 1) * plotWidth)
        }
        func y(_ value: Double) -> Double { top + plotHeight - max(0, value) / maximum * plotHeight }
        open(height, into: &html) { html in
            legend(at: left, y: 12, into: &html)
            for fraction in [0.0, 0.5, 1.0] {
                let value = maximum * fraction
                html.line(
                    .number("x1", left), .number("x2", left + plotWidth), .number("y1", y(value)),
                    .number("y2", y(value)), .class("grid"))
                html.svgText(
                    .number("x", left - 6), .number("y", y(value) + 4), Attribute("text-anchor", "end"),
                    .class("tick"), text: chart.format(value))
            }
            html.svgText(
                .number("x", 12), .number("y", top + plotHeight / 2), Attribute("text-anchor", "middle"),
                Attribute("transform", "rotate(-90 12 \(SVGNumber.text(top + plotHeight / 2)))"),
                .class("axis-label"), text: chart.valueLabel)
            // Every category is a tick; on a long run only some carry their name, so they do not overlap.
            let every = max(1, Int((Double(count) / 12).rounded(.up)))
            for (index, category) in chart.categories.enumerated() where index % every == 0 || index == count - 1 {
                html.svgText(
                    .number("x", x(index)), .number("y", top + plotHeight + 16), Attribute("text-anchor", "middle"),
                    .class("tick"), text: category)
            }
            html.svgText(
                .number("x", left + plotWidth / 2), .number("y", top + plotHeight + 40),
                Attribute("text-anchor", "middle"), .class("axis-label"), text: chart.categoryLabel)
            for (index, name) in chart.series.enumerated() {
                let colour = ChartData.palette[index % ChartData.palette.count]
                let points = chart.values.indices.map {
                    "\(SVGNumber.text(x($0))),\(SVGNumber.text(y(chart.values[$0][index])))"
                }
                html.polyline(
                    Attribute("points", points.joined(separator: " ")), .fill("none"), Attribute("stroke", colour),
                    Attribute("stroke-width", "2"))
                for (row, category) in chart.categories.enumerated() {
                    let value = chart.values[row][index]
                    html.circle(
                        .number("cx", x(row)), .number("cy", y(value)), .number("r", 3), .fill(colour)
                    ) { html in
                        html.svgTitle(text: "\(category), \(name): \(chart.format(value))")
                    }
                }
                // The last value of each line is written out: the total reached.
                if let last = chart.values.last?[index] {
                    html.svgText(
                        .number("x", x(count - 1) - 4), .number("y", y(last) - 8), Attribute("text-anchor", "end"),
                        .class("value"), text: chart.format(last))
                }
            }
        }
    }

    private func legend(at x: Double, y: Double, into html: inout HTML) {
        guard chart.series.count > 1 else { return }
        var left = x
        for (index, name) in chart.series.enumerated() {
            html.rect(
                .number("x", left), .number("y", y - 9), .number("width", 10), .number("height", 10),
                .fill(ChartData.palette[index % ChartData.palette.count]))
            html.svgText(.number("x", left + 14), .number("y", y), .class("legend"), text: name)
            left += 24 + Double(name.count) * 7
        }
    }

    private func axis(from x: Double, width: Double, y: Double, maximum: Double, into html: inout HTML) {
        html.line(.number("x1", x), .number("x2", x + width), .number("y1", y), .number("y2", y), .class("axis"))
        for fraction in [0.0, 0.5, 1.0] {
            html.svgText(
                .number("x", x + width * fraction), .number("y", y + 14), Attribute("text-anchor", "middle"),
                .class("tick"), text: chart.format(maximum * fraction))
        }
        html.svgText(
            .number("x", x + width / 2), .number("y", y + 32), Attribute("text-anchor", "middle"),
            .class("axis-label"), text: chart.valueLabel)
    }

    private func table(into html: inout HTML) {
        html.div(.class("table-wrap")) { html in
            html.table(.class("data chart-table")) { html in
                html.caption(text: chart.title)
                html.thead { html in
                    html.tr { html in
                        html.th(.scope("col"), text: chart.categoryLabel)
                        for name in chart.series { html.th(.scope("col"), text: name) }
                        for column in chart.extraColumns { html.th(.scope("col"), text: column.header) }
                    }
                }
                html.tbody { html in
                    for (row, category) in chart.categories.enumerated() {
                        html.tr { html in
                            html.th(.scope("row"), text: category)
                            for (index, name) in chart.series.enumerated() {
                                html.td(
                                    .dataLabel(name), .class("number"), text: chart.format(chart.values[row][index]))
                            }
                            for column in chart.extraColumns {
                                html.td(.dataLabel(column.header), .class("number"), text: column.cells[row])
                            }
                        }
                    }
                }
            }
        }
    }

    /// A category name short enough for the label column; the table beside has it whole.
    static func clipped(_ text: String) -> String {
        text.count <= 24 ? text : String(text.prefix(23)) + "…"
    }
}
