import LiaisonCore

/// A QR code as inline SVG, drawn on the server: one path of unit squares inside a quiet zone of four
/// modules, scaled by CSS. The path holds only numbers; the text the code carries is never written into it.
struct QRCodeView {
    let code: QRCode
    /// What the image is, for screen readers.
    let label: String

    static let quietZone = 4

    /// The dark modules as one path: a unit square per module.
    var path: String {
        var d = ""
        for (y, row) in code.modules.enumerated() {
            for (x, dark) in row.enumerated() where dark {
                d += "M\(x + Self.quietZone) \(y + Self.quietZone)h1v1h-1z"
            }
        }
        return d
    }

    func render(into html: inout HTML) {
        let side = String(code.size + 2 * Self.quietZone)
        html.element(
            "svg",
            [
                Attribute("xmlns", "http://www.w3.org/2000/svg"), Attribute("viewBox", "0 0 \(side) \(side)"),
                .class("qr-code"), .role("img"), Attribute("aria-label", label),
                Attribute("shape-rendering", "crispEdges"),
            ]
        ) { html in
            html.element("rect", [Attribute("width", side), Attribute("height", side), Attribute("fill", "#fff")]) {
                _ in
            }
            html.element("path", [Attribute("d", path), Attribute("fill", "#000")]) { _ in }
        }
    }
}
