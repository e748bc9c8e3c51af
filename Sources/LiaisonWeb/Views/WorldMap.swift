import Foundation
import LiaisonCore
import LiaisonStore

/// The world's outline from Natural Earth (public domain), converted once by scripts/world-outline.py: one
/// SVG path a country in an equirectangular projection, x = longitude + 180, y = 84 − latitude.
enum WorldOutline {
    static let width = 360.0
    static let height = 142.0
    static let top = 84.0

    /// The countries' paths, read once from the resource; empty if it is missing.
    static let paths: [String] = {
        let url = URL(fileURLWithPath: Bundle.module.bundlePath)
            .appendingPathComponent("Resources/world/world-outline.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let space = line.firstIndex(of: " ") else { return nil }
            return String(line[line.index(after: space)...])
        }
    }()

    /// Where a coordinate falls on the outline.
    static func point(latitude: Double, longitude: Double) -> (x: Double, y: Double) {
        (longitude + 180, min(height, max(0, top - latitude)))
    }
}

/// Members and prospects as dots on the world outline, coloured by status and sized by population, with a
/// legend; the same organizations counted by status and country in a table beside it.
struct WorldMapView {
    let points: [MapPoint]
    /// How many matched before the map kept the most populous `points`.
    let total: Int
    let title: String
    let t: Strings

    /// A dot's radius in degrees: the area grows with the population, within bounds so that a village stays
    /// visible and a megacity does not cover its neighbours.
    static func radius(_ population: Int64?) -> Double {
        guard let population, population > 0 else { return 0.8 }
        return min(3.2, max(0.8, (Double(population) / 1_000_000).squareRoot() * 0.6))
    }

    static func colour(_ status: MembershipStatus) -> String {
        switch status {
        case .member: "#1d5fa8"
        case .prospect: "#d08a00"
        case .partner: "#2a8a4a"
        case .former: "#7a7a7a"
        case .none: "#b3261e"
        }
    }

    func render(into html: inout HTML) {
        let statuses = MembershipStatus.allCases.filter { status in points.contains { $0.status == status } }
        let legendHeight = 14.0
        html.figure(.class("chart world-map"), .id("world-map")) { html in
            html.figcaption { html in html.h3 { $0.text(title) } }
            html.div(.class("chart-drawing")) { html in
                html.svg(
                    .viewBox(WorldOutline.width, WorldOutline.height + legendHeight), .role("img"),
                    .ariaLabelledBy("world-map-title world-map-desc"), .class("map-svg")
                ) { html in
                    html.svgTitle(.id("world-map-title"), text: title)
                    html.desc(
                        .id("world-map-desc"),
                        text: String(
                            format: t[.analyticsMapSummary], Formats.number(points.count),
                            Formats.number(total)))
                    html.g(
                        .class("land"), .fill("#e4e7eb"), Attribute("stroke", "#b5bcc4"),
                        Attribute("stroke-width", "0.15")
                    ) { html in
                        for path in WorldOutline.paths { html.path(Attribute("d", path)) }
                    }
                    // The largest first, so the small dots stay on top and can be seen.
                    html.g(
                        .class("dots"), Attribute("fill-opacity", "0.75"), Attribute("stroke", "#ffffff"),
                        Attribute("stroke-width", "0.15")
                    ) { html in
                        for point in points {
                            let place = WorldOutline.point(latitude: point.latitude, longitude: point.longitude)
                            html.circle(
                                .number("cx", place.x), .number("cy", place.y),
                                .number("r", Self.radius(point.population)), .fill(Self.colour(point.status))
                            ) { html in
                                html.svgTitle(text: "\(point.name) (\(t.label(point.status)))")
                            }
                        }
                    }
                    legend(statuses, y: WorldOutline.height + 8, into: &html)
                }
            }
        }
    }

    private func legend(_ statuses: [MembershipStatus], y: Double, into html: inout HTML) {
        html.g(.class("legend")) { html in
            var x = 4.0
            for status in statuses {
                html.circle(.number("cx", x + 2), .number("cy", y - 1.5), .number("r", 2), .fill(Self.colour(status)))
                let label = t.label(status)
                html.svgText(.number("x", x + 6), .number("y", y), Attribute("font-size", "5"), text: label)
                x += 12 + Double(label.count) * 3
            }
            let sizes: [(Int64, String)] = [(1_000_000, "1 M"), (10_000_000, "10 M")]
            html.svgText(.number("x", x + 6), .number("y", y), Attribute("font-size", "5"), text: t[.fieldPopulation])
            x += 12 + Double(t[.fieldPopulation].count) * 3
            for (population, label) in sizes {
                let r = Self.radius(population)
                html.circle(
                    .number("cx", x + r), .number("cy", y - 1.5), .number("r", r), .fill("none"),
                    Attribute("stroke", "#333333"), Attribute("stroke-width", "0.3"))
                html.svgText(.number("x", x + 2 * r + 2), .number("y", y), Attribute("font-size", "5"), text: label)
                x += 2 * r + 18
            }
        }
    }
}
