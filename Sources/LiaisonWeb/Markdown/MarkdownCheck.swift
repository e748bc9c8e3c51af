import Foundation

/// The last word on rendered Markdown: the tags and attributes it may hold, and the link addresses it may
/// keep.
enum MarkdownCheck {
    private static let tags: Set<Substring> = [
        "p", "a", "em", "strong", "s", "del", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "span",
    ]
    private static let attributes: Set<Substring> = ["href", "rel", "class", "role", "aria-label"]
    private static let schemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// Whether every tag in `html` is one Markdown makes, with only the attributes its rendering writes, each
    /// value quoted and free of quotes.
    static func onlyMarkdownTags(_ html: String) -> Bool {
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return false }
            var tag = rest[rest.index(after: open)..<close]
            if tag.hasPrefix("/") { tag = tag.dropFirst() }
            if tag.hasSuffix("/") { tag = tag.dropLast() }
            let name = tag.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
            guard tags.contains(name), attributesAllowed(tag.dropFirst(name.count)) else { return false }
            rest = rest[rest.index(after: close)...]
        }
        return true
    }

    /// ` name="value"` pairs and nothing else.
    private static func attributesAllowed(_ text: Substring) -> Bool {
        var rest = text
        while !rest.isEmpty {
            guard rest.hasPrefix(" ") else { return false }
            rest = rest.dropFirst()
            let name = rest.prefix { $0 != "=" }
            guard attributes.contains(name) else { return false }
            rest = rest.dropFirst(name.count)
            guard rest.hasPrefix("=\"") else { return false }
            rest = rest.dropFirst(2)
            guard let end = rest.firstIndex(of: "\"") else { return false }
            rest = rest[rest.index(after: end)...]
        }
        return true
    }

    /// The address a link may lead to, as typed (the references made inert undone once): a path or anchor
    /// on this site, or an http, https, mailto or tel address. Anything else (`javascript:`, `data:`), or an
    /// address holding spaces or control characters that browsers would quietly drop, gives nil.
    static func safeAddress(_ inert: String) -> String? {
        let address = inert.replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&amp;", with: "&")
        guard !address.isEmpty,
            !address.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0 == "\\"
            })
        else { return nil }
        if address.hasPrefix("#") || (address.hasPrefix("/") && !address.hasPrefix("//")) { return address }
        let beforeColon = address.prefix { $0 != ":" }
        if beforeColon.count == address.count || beforeColon.contains(where: { "/?#".contains($0) }) {
            return address  // a relative address: no scheme to run
        }
        return schemes.contains(beforeColon.lowercased()) ? address : nil
    }
}
