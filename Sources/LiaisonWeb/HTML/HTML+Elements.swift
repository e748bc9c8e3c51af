/// The elements Liaison's pages use, each a function of its attributes and content.
extension HTML {
    typealias Content = (inout HTML) -> Void

    mutating func html(_ attributes: Attribute?..., content: Content) { element("html", attributes, content) }
    mutating func head(content: Content) { element("head", [], content) }
    mutating func title(_ text: String) { element("title", []) { $0.text(text) } }
    mutating func meta(_ attributes: Attribute?...) { void("meta", attributes) }
    mutating func link(_ attributes: Attribute?...) { void("link", attributes) }
    mutating func script(_ attributes: Attribute?...) { element("script", attributes) { _ in } }
    mutating func body(content: Content) { element("body", [], content) }
    mutating func header(_ attributes: Attribute?..., content: Content) { element("header", attributes, content) }
    mutating func nav(_ attributes: Attribute?..., content: Content) { element("nav", attributes, content) }
    mutating func main(_ attributes: Attribute?..., content: Content) { element("main", attributes, content) }
    mutating func footer(_ attributes: Attribute?..., content: Content) { element("footer", attributes, content) }
    mutating func section(_ attributes: Attribute?..., content: Content) { element("section", attributes, content) }
    mutating func div(_ attributes: Attribute?..., content: Content) { element("div", attributes, content) }
    mutating func span(_ attributes: Attribute?..., content: Content) { element("span", attributes, content) }
    mutating func p(_ attributes: Attribute?..., content: Content) { element("p", attributes, content) }
    mutating func h1(_ attributes: Attribute?..., content: Content) { element("h1", attributes, content) }
    mutating func h2(_ attributes: Attribute?..., content: Content) { element("h2", attributes, content) }
    mutating func h3(_ attributes: Attribute?..., content: Content) { element("h3", attributes, content) }
    mutating func a(_ attributes: Attribute?..., content: Content) { element("a", attributes, content) }
    mutating func strong(_ attributes: Attribute?..., content: Content) { element("strong", attributes, content) }
    mutating func code(_ attributes: Attribute?..., content: Content) { element("code", attributes, content) }
    mutating func ul(_ attributes: Attribute?..., content: Content) { element("ul", attributes, content) }
    mutating func ol(_ attributes: Attribute?..., content: Content) { element("ol", attributes, content) }
    mutating func li(_ attributes: Attribute?..., content: Content) { element("li", attributes, content) }
    mutating func dl(_ attributes: Attribute?..., content: Content) { element("dl", attributes, content) }
    mutating func dt(_ attributes: Attribute?..., content: Content) { element("dt", attributes, content) }
    mutating func dd(_ attributes: Attribute?..., content: Content) { element("dd", attributes, content) }
    mutating func table(_ attributes: Attribute?..., content: Content) { element("table", attributes, content) }
    mutating func thead(_ attributes: Attribute?..., content: Content) { element("thead", attributes, content) }
    mutating func tbody(_ attributes: Attribute?..., content: Content) { element("tbody", attributes, content) }
    mutating func tr(_ attributes: Attribute?..., content: Content) { element("tr", attributes, content) }
    mutating func th(_ attributes: Attribute?..., content: Content) { element("th", attributes, content) }
    mutating func td(_ attributes: Attribute?..., content: Content) { element("td", attributes, content) }
    mutating func form(_ attributes: Attribute?..., content: Content) { element("form", attributes, content) }
    mutating func fieldset(_ attributes: Attribute?..., content: Content) { element("fieldset", attributes, content) }
    mutating func label(_ attributes: Attribute?..., content: Content) { element("label", attributes, content) }
    mutating func input(_ attributes: Attribute?...) { void("input", attributes) }
    mutating func button(_ attributes: Attribute?..., content: Content) { element("button", attributes, content) }
    mutating func select(_ attributes: Attribute?..., content: Content) { element("select", attributes, content) }
    mutating func option(_ attributes: Attribute?..., content: Content) { element("option", attributes, content) }
    mutating func details(_ attributes: Attribute?..., content: Content) { element("details", attributes, content) }
    mutating func summary(_ attributes: Attribute?..., content: Content) { element("summary", attributes, content) }
    mutating func br() { void("br") }

    /// A paragraph, a heading or a cell of plain text: the commonest content, without a closure.
    mutating func p(_ attributes: Attribute?..., text: String) { element("p", attributes) { $0.text(text) } }
    mutating func h1(_ attributes: Attribute?..., text: String) { element("h1", attributes) { $0.text(text) } }
    mutating func h2(_ attributes: Attribute?..., text: String) { element("h2", attributes) { $0.text(text) } }
    mutating func a(_ attributes: Attribute?..., text: String) { element("a", attributes) { $0.text(text) } }
    mutating func th(_ attributes: Attribute?..., text: String) { element("th", attributes) { $0.text(text) } }
    mutating func td(_ attributes: Attribute?..., text: String) { element("td", attributes) { $0.text(text) } }
    mutating func li(_ attributes: Attribute?..., text: String) { element("li", attributes) { $0.text(text) } }
    mutating func label(_ attributes: Attribute?..., text: String) { element("label", attributes) { $0.text(text) } }
    mutating func button(_ attributes: Attribute?..., text: String) { element("button", attributes) { $0.text(text) } }

    /// Suggestions for the text inputs whose `list` names `id`: each option's value, and a label beside it.
    mutating func datalist(id: String, options: [(value: String, label: String)]) {
        element("datalist", [.id(id)]) { html in
            for option in options {
                html.option(.value(option.value), option.label.isEmpty ? nil : Attribute("label", option.label)) {
                    _ in
                }
            }
        }
    }

    /// A form's hidden field.
    mutating func hidden(name: String, value: String) {
        input(.type("hidden"), .name(name), .value(value))
    }
}
