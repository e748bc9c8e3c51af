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
/// It writes UTF-8 bytes into one buffer rather than building a tree of nodes: a page of a hundred rows costs a
/// tenth of what a node tree (or a template read through reflection) costs, and the bytes become the response's
/// body as they are, without a String's checks on every append.
struct HTML: Sendable {
    private(set) var bytes: [UInt8]

    init(capacity: Int = 32_768) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The page as text; every part written was a String or a literal, so the bytes are valid UTF-8.
    var output: String { String(decoding: bytes, as: UTF8.self) }

    /// `<!doctype html>`, the first line of every page.
    mutating func doctype() {
        raw("<!doctype html>\n")
    }

    /// Text, escaped for the content of an element.
    mutating func text(_ value: String) {
        Self.escape(value, into: &bytes, quotes: false)
    }

    mutating func text(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Text with its quotes escaped as well (`&quot;`, `&#39;`): the same to a browser as `text`, for
    /// messages that quote what was typed and whose markup tests and scripts read as it always was.
    mutating func textEscapingQuotes(_ value: String) {
        Self.escape(value, into: &bytes, quotes: true)
    }

    /// An element with its attributes (nil ones left out) and its content.
    mutating func element(_ tag: StaticString, _ attributes: [Attribute?] = [], _ content: (inout HTML) -> Void) {
        open(tag, attributes)
        content(&self)
        raw("</")
        raw(tag)
        raw(">")
    }

    /// An element without content or end tag (`input`, `meta`, `link`, `br`).
    mutating func void(_ tag: StaticString, _ attributes: [Attribute?] = []) {
        open(tag, attributes)
    }

    /// Markdown a person wrote, as `MarkdownText` rendered and checked it: the one way markup that did not
    /// come from this code reaches a page.
    mutating func markdown(_ text: MarkdownText) {
        bytes.append(contentsOf: text.html.utf8)
    }

    /// A line break in the source, for people reading it; browsers ignore it between block elements.
    mutating func newline() {
        bytes.append(10)
    }

    /// Markup from the code itself: only literals reach here.
    private mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func open(_ tag: StaticString, _ attributes: [Attribute?]) {
        raw("<")
        raw(tag)
        for attribute in attributes {
            guard let attribute else { continue }
            raw(" ")
            raw(attribute.name)
            if let value = attribute.value {
                raw("=\"")
                Self.escape(value, into: &bytes, quotes: true)
                raw("\"")
            }
        }
        raw(">")
    }

    /// Escapes `&`, `<`, `>` (and in attribute values `"` and `'`), copying runs of plain text whole. The
    /// special characters are ASCII, so the runs between them are whole characters' bytes.
    static func escape(_ value: String, into output: inout [UInt8], quotes: Bool) {
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let entity: StaticString
                switch utf8[index] {
                case 38: entity = "&amp;"
                case 60: entity = "&lt;"
                case 62: entity = "&gt;"
                case 34 where quotes: entity = "&quot;"
                case 39 where quotes: entity = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                entity.withUTF8Buffer { output.append(contentsOf: $0) }
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
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
