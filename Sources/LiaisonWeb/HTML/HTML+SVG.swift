/// The SVG elements the charts and the map use, written like the HTML ones: names from the code, values
/// escaped. An `<svg>` inside a page needs no namespace, but it carries one so that it also reads as XML alone.
extension HTML {
    mutating func svg(_ attributes: Attribute?..., content: Content) {
        element("svg", [Attribute("xmlns", "http://www.w3.org/2000/svg")] + attributes, content)
    }
    /// An SVG's accessible name (`<title>`), its first child.
    mutating func svgTitle(_ attributes: Attribute?..., text: String) {
        element("title", attributes) { $0.text(text) }
    }
    /// An SVG's longer description (`<desc>`).
    mutating func desc(_ attributes: Attribute?..., text: String) { element("desc", attributes) { $0.text(text) } }
    mutating func g(_ attributes: Attribute?..., content: Content) { element("g", attributes, content) }
    mutating func rect(_ attributes: Attribute?...) { element("rect", attributes) { _ in } }
    mutating func circle(_ attributes: Attribute?..., content: Content = { _ in }) {
        element("circle", attributes, content)
    }
    mutating func line(_ attributes: Attribute?...) { element("line", attributes) { _ in } }
    mutating func polyline(_ attributes: Attribute?...) { element("polyline", attributes) { _ in } }
    mutating func path(_ attributes: Attribute?...) { element("path", attributes) { _ in } }
    /// An SVG `<text>` at (x, y).
    mutating func svgText(_ attributes: Attribute?..., text: String) { element("text", attributes) { $0.text(text) } }
    mutating func caption(_ attributes: Attribute?..., text: String) {
        element("caption", attributes) { $0.text(text) }
    }
    mutating func figure(_ attributes: Attribute?..., content: Content) { element("figure", attributes, content) }
    mutating func figcaption(_ attributes: Attribute?..., content: Content) {
        element("figcaption", attributes, content)
    }
}

extension Attribute {
    /// A number in an SVG attribute, with at most `decimals` decimals and no trailing zeros.
    static func number(_ name: StaticString, _ value: Double, decimals: Int = 1) -> Attribute {
        Attribute(name, SVGNumber.text(value, decimals: decimals))
    }
    static func viewBox(_ width: Double, _ height: Double) -> Attribute {
        Attribute("viewBox", "0 0 \(SVGNumber.text(width)) \(SVGNumber.text(height))")
    }
    static func fill(_ value: String) -> Attribute { Attribute("fill", value) }
    static func ariaLabelledBy(_ value: String) -> Attribute { Attribute("aria-labelledby", value) }
}

/// Numbers as SVG coordinates: short, without a locale.
enum SVGNumber {
    static func text(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
