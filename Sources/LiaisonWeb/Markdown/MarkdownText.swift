import Foundation
import Ink

/// Markdown a person wrote (a report, a comment), rendered for a page. Ink is a real Markdown parser, but
/// it passes HTML it finds in the text straight through and writes link addresses unescaped, so the text
/// is made inert before Ink reads it: `&`, `<`, `"` and `'` become character references, which Ink keeps
/// as text. Whatever markup comes out was written by Ink itself; links keep only safe addresses, images
/// become links (nothing loads from elsewhere), and a last check refuses any tag outside the small set
/// Markdown makes. The only way to put its HTML on a page is `HTML.markdown(_:)`.
struct MarkdownText: Sendable {
    /// The rendered HTML; nothing else in the module may create one.
    private(set) var html: String

    /// Renders `source`; headings start at `<h\(headingLevel)>` so a report's "# Title" does not compete with
    /// the page's own title.
    init(_ source: String, headingLevel: Int = 3) {
        let inert = Self.inert(source)
        let parser = MarkdownParser(modifiers: Self.modifiers(headingShift: max(0, headingLevel - 1)))
        let rendered = Self.tasks(parser.html(from: inert))
        html = MarkdownCheck.onlyMarkdownTags(rendered) ? rendered : Self.plain(source)
    }

    /// The text with every character that could open markup or close an attribute replaced by its
    /// reference. `>` stays: it starts a quotation in Markdown and can open nothing by itself. A leading
    /// `---` would be read as a metadata header and its text dropped, so it is written as the rule it means.
    static func inert(_ source: String) -> String {
        var output = ""
        output.reserveCapacity(source.utf8.count + 16)
        for character in source {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        if output.drop(while: \.isWhitespace).hasPrefix("---") {
            let start = output.firstIndex { !$0.isWhitespace }!
            output.replaceSubrange(start..<output.index(start, offsetBy: 3), with: "***")
        }
        return output
    }

    /// The text as one escaped paragraph per line: what is shown if rendering ever made something
    /// unexpected.
    static func plain(_ source: String) -> String {
        var html = HTML(capacity: source.utf8.count + 32)
        html.element("p") { html in
            for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if index > 0 { html.void("br") }
                html.text(String(line))
            }
        }
        return html.output
    }

    private static func modifiers(headingShift: Int) -> [Modifier] {
        [
            // Ink escapes code itself, so the references made by `inert` would show; undo one level there.
            Modifier(target: .codeBlocks) { input in unescapeOnce(input.html) },
            Modifier(target: .inlineCode) { input in unescapeOnce(input.html) },
            Modifier(target: .headings) { input in shiftHeading(input.html, by: headingShift) },
            Modifier(target: .links) { input in safeLink(input.html, tag: "a", attribute: "href") },
            Modifier(target: .images) { input in safeLink(input.html, tag: "img", attribute: "src") },
            // Nothing reaches here once the text is inert; should it, it is shown as text.
            Modifier(target: .html) { input in plain(String(input.markdown)) },
        ]
    }

    /// `&amp;lt;` → `&lt;` and the like, for the references `inert` made, in one pass.
    static func unescapeOnce(_ html: String) -> String {
        guard html.contains("&amp;") else { return html }
        var output = ""
        var rest = html[...]
        while let range = rest.range(of: "&amp;") {
            output += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            if let reference = ["amp;", "lt;", "quot;", "#39;"].first(where: { after.hasPrefix($0) }) {
                output += "&" + reference
                rest = after.dropFirst(reference.count)
            } else {
                output += "&amp;"
                rest = after
            }
        }
        return output + rest
    }

    private static func shiftHeading(_ html: String, by shift: Int) -> String {
        guard shift > 0, html.hasPrefix("<h"), let level = html.dropFirst(2).first?.wholeNumberValue else {
            return html
        }
        let shifted = min(6, level + shift)
        return "<h\(shifted)>" + html.dropFirst(4).dropLast(5) + "</h\(shifted)>"
    }

    /// A link Ink wrote, kept when its address is safe (its quotes are references, so the address ends at
    /// the next `"`); an image becomes a link to its address with its description as text.
    private static func safeLink(_ html: String, tag: String, attribute: String) -> String {
        let opening = "<\(tag) \(attribute)=\""
        guard html.hasPrefix(opening), let end = html.dropFirst(opening.count).firstIndex(of: "\"") else {
            return plain(html)
        }
        let address = String(html[html.index(html.startIndex, offsetBy: opening.count)..<end])
        let text: String
        if tag == "a" {
            guard let close = html.range(of: "\">"), html.hasSuffix("</a>") else { return plain(html) }
            text = String(html[close.upperBound..<html.index(html.endIndex, offsetBy: -4)])
        } else {
            guard let alt = html.range(of: "alt=\""), let altEnd = html[alt.upperBound...].firstIndex(of: "\"")
            else { return "" }
            text = String(html[alt.upperBound..<altEnd])
        }
        guard let safe = MarkdownCheck.safeAddress(address) else { return text }
        let external = safe.hasPrefix("//") || !(safe.hasPrefix("/") || safe.hasPrefix("#"))
        var anchor = HTML(capacity: 64)
        anchor.element(
            "a", [.href(safe), external ? Attribute("rel", "nofollow noopener noreferrer") : nil]
        ) { _ in }
        // The text between the tags is Ink's, made from the inert text.
        return String(anchor.output.dropLast(4)) + text + "</a>"
    }

    /// Task items (`- [ ] …`, `- [x] …`) as ticked or empty boxes.
    private static func tasks(_ html: String) -> String {
        guard html.contains("<li>[") else { return html }
        var output = html.replacingOccurrences(
            of: "<li>[ ] ",
            with: "<li class=\"task\"><span class=\"task-box\" role=\"img\" aria-label=\"open\">☐</span> ")
        for done in ["<li>[x] ", "<li>[X] "] {
            output = output.replacingOccurrences(
                of: done,
                with: "<li class=\"task done\"><span class=\"task-box\" role=\"img\" aria-label=\"done\">☑</span> ")
        }
        return output
    }
}
