/// A page written straight into one string: elements are functions, text and attribute values are
/// escaped as they are written, and tag and attribute names can only be string literals in the code.
/// There is no way to add markup from a value, so nothing a user typed can become markup.
///
/// ```swift
/// var html = HTML()
/// html.div(.class("narrow")) { html in
///     html.h1 { $0.text(model.name) }
///     html.a(.href("/organizations/\(id)")) { $0.text(name) }
/// }
/// ```
///
/// It writes into one buffer rather than building a tree of nodes: a page of a hundred rows costs a
/// tenth of what a node tree (or a template read through reflection) costs.
struct HTML: Sendable {
    private(set) var output: String

    init(capacity: Int = 16_384) {
        output = ""
        output.reserveCapacity(capacity)
    }

    /// `<!doctype html>`, the first line of every page.
    mutating func doctype() {
        output += "<!doctype html>\n"
    }

    /// Text, escaped for the content of an element.
    mutating func text(_ value: String) {
        Self.escape(value, into: &output, quotes: false)
    }

    mutating func text(_ value: Int) {
        output += String(value)
    }

    /// Text with its quotes escaped as well (`&quot;`, `&#39;`): the same to a browser as `text`, for
    /// messages that quote what was typed and whose markup tests and scripts read as it always was.
    mutating func textEscapingQuotes(_ value: String) {
        Self.escape(value, into: &output, quotes: true)
    }

    /// An element with its attributes (nil ones left out) and its content.
    mutating func element(_ tag: StaticString, _ attributes: [Attribute?] = [], _ content: (inout HTML) -> Void) {
        open(tag, attributes)
        content(&self)
        output += "</"
        output += tag.description
        output += ">"
    }

    /// An element without content or end tag (`input`, `meta`, `link`, `br`).
    mutating func void(_ tag: StaticString, _ attributes: [Attribute?] = []) {
        open(tag, attributes)
    }

    /// Markdown a person wrote, as `MarkdownText` rendered and checked it: the one way markup that did not
    /// come from this code reaches a page.
    mutating func markdown(_ text: MarkdownText) {
        output += text.html
    }

    /// A line break in the source, for people reading it; browsers ignore it between block elements.
    mutating func newline() {
        output += "\n"
    }

    private mutating func open(_ tag: StaticString, _ attributes: [Attribute?]) {
        output += "<"
        output += tag.description
        for attribute in attributes {
            guard let attribute else { continue }
            output += " "
            output += attribute.name.description
            if let value = attribute.value {
                output += "=\""
                Self.escape(value, into: &output, quotes: true)
                output += "\""
            }
        }
        output += ">"
    }

    /// Escapes `&`, `<`, `>` (and in attribute values `"` and `'`), copying runs of plain text whole.
    static func escape(_ value: String, into output: inout String, quotes: Bool) {
        let utf8 = value.utf8
        func special(_ byte: UInt8) -> Bool {
            byte == 38 || byte == 60 || byte == 62 || (quotes && (byte == 34 || byte == 39))
        }
        guard utf8.contains(where: special) else {
            output += value
            return
        }
        // The special characters are ASCII, so every index here is on a Unicode scalar's boundary (not always
        // a Character's: "<" may carry a combining mark), hence the copies by scalars.
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            if special(byte) {
                output.unicodeScalars.append(contentsOf: value.unicodeScalars[start..<index])
                let entity =
                    switch byte {
                    case 38: "&amp;"
                    case 60: "&lt;"
                    case 62: "&gt;"
                    case 34: "&quot;"
                    default: "&#39;"
                    }
                output += entity
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        output.unicodeScalars.append(contentsOf: value.unicodeScalars[start..<utf8.endIndex])
    }
}

/// One attribute: a name from the code and a value that is escaped when written. A nil value writes the
/// name alone (`required`, `selected`).
struct Attribute: Sendable {
    let name: StaticString
    let value: String?

    init(_ name: StaticString, _ value: String?) {
        self.name = name
        self.value = value
    }

    /// A boolean attribute, present only when `on`.
    static func flag(_ name: StaticString, _ on: Bool = true) -> Attribute? {
        on ? Attribute(name, nil) : nil
    }

    static func `class`(_ value: String) -> Attribute { Attribute("class", value) }
    static func id(_ value: String) -> Attribute { Attribute("id", value) }
    static func href(_ value: String) -> Attribute { Attribute("href", value) }
    static func name(_ value: String) -> Attribute { Attribute("name", value) }
    static func value(_ value: String) -> Attribute { Attribute("value", value) }
    static func type(_ value: String) -> Attribute { Attribute("type", value) }
    static func `for`(_ value: String) -> Attribute { Attribute("for", value) }
    static func action(_ value: String) -> Attribute { Attribute("action", value) }
    static func method(_ value: String) -> Attribute { Attribute("method", value) }
    static func role(_ value: String) -> Attribute { Attribute("role", value) }
    static func scope(_ value: String) -> Attribute { Attribute("scope", value) }
    static func autocomplete(_ value: String) -> Attribute { Attribute("autocomplete", value) }
    static func ariaLabel(_ value: String) -> Attribute { Attribute("aria-label", value) }
    static func ariaDescribedBy(_ value: String) -> Attribute { Attribute("aria-describedby", value) }
    static func lang(_ value: String) -> Attribute { Attribute("lang", value) }
    /// A table cell's column name, which the stylesheet shows beside the value when a narrow screen stacks
    /// the table's rows.
    static func dataLabel(_ value: String) -> Attribute { Attribute("data-label", value) }
}
