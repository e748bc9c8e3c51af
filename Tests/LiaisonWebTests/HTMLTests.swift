import Foundation
import LiaisonCore
import Mustache
import Testing

@testable import LiaisonWeb

/// The typed HTML writer: markup only from the code, every value escaped.
@Suite struct HTMLTests {
    @Test func textAndAttributeValuesAreEscaped() {
        var html = HTML()
        html.a(.href("/search?q=\"x\"&y='z'"), .class("link")) { html in
            html.text("<script>alert(1)</script> & more")
        }
        #expect(
            html.output
                == "<a href=\"/search?q=&quot;x&quot;&amp;y=&#39;z&#39;\" class=\"link\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</a>"
        )
    }

    @Test func plainTextIsCopiedWholeAndScriptsSurvive() {
        var html = HTML()
        html.p(text: "广州 · Agnès · 서울 · \"quoted\" 'text'")
        #expect(html.output == "<p>广州 · Agnès · 서울 · \"quoted\" 'text'</p>")
        var marks = HTML()
        marks.text("<\u{301}e\u{301}>")  // a combining mark on "<": still escaped, nothing lost
        #expect(marks.output == "&lt;\u{301}e\u{301}&gt;")
    }

    @Test func flagsAndNilAttributesAreLeftOutWhenOff() {
        var html = HTML()
        html.input(.type("checkbox"), .name("paying"), .flag("checked", false), .flag("required"), nil)
        #expect(html.output == "<input type=\"checkbox\" name=\"paying\" required>")
    }

    @Test func theLayoutFramesAPageWithTheSignedOutHeader() throws {
        let strings = try Strings(file: WebSettings.bundledResources.appendingPathComponent("strings/en.json"))
        var html = HTML()
        Layout(t: strings, title: "Sign in <now>", identity: nil).render(into: &html) { $0.p(text: "body") }
        #expect(html.output.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
        #expect(html.output.contains("<title>Sign in &lt;now&gt; · Liaison</title>"))
        #expect(html.output.contains("<main id=\"main\">\n<p>body</p>\n</main>"))
        #expect(!html.output.contains("<nav"))
    }
}

/// The typed field draws what the `field` template drew, for every kind of control, so pages can move to
/// it one by one without a visible change.
@Suite struct FormFieldViewTests {
    static var fields: [FormField] {
        var select = FormField(name: "country", label: "Country", value: "CN", hint: "ISO", control: .select)
        select.options = FormField.choices([("CN", "China"), ("FR", "France & <co>")], selected: "CN", blank: "—")
        var boxes = FormField(name: "status", label: "Status", control: .checkboxes)
        boxes.options = [.init(value: "member", label: "Member", selected: true), .init(value: "x", label: "X", selected: false)]
        return [
            FormField(name: "name", label: "Name", value: "Guang\"zhou\" <b>", error: "Required.", required: true),
            FormField(name: "website", label: "Web", value: "https://x.example", control: .url),
            FormField(name: "population", label: "Population", value: "18", hint: "People", control: .number),
            FormField(name: "notes", label: "Notes", value: "a\n<b>", control: .textarea),
            FormField(name: "paying", label: "Paying", control: .checkbox, checked: true),
            FormField(name: "mode", label: "In person", value: "in_person", control: .radio, checked: false),
            select, boxes,
        ]
    }

    @Test(arguments: 0..<8)
    func typedFieldMatchesTheTemplate(index: Int) async throws {
        let library = try await MustacheLibrary(
            directory: WebSettings.bundledResources.appendingPathComponent("templates").path)
        let field = Self.fields[index]
        let expected = try #require(library.render(field, withTemplate: "field"))
        var html = HTML()
        field.render(into: &html)
        #expect(html.output.contains(field.label) && html.output.contains("id=\"\(field.id)"))
        #expect(Self.compact(html.output) == Self.compact(expected))
    }

    static func compact(_ markup: String) -> String {
        markup.replacing(/>\s+</, with: "><").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The typed history draws what the `history` template drew, so the record pages can move to it later.
@Suite struct HistoryViewTests {
    @Test func typedHistoryMatchesTheTemplate() async throws {
        let resources = WebSettings.bundledResources
        let library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        let t = try Strings(file: resources.appendingPathComponent("strings/en.json"))
        let changes = [
            FieldChange(field: "name", before: "Guang<zhou>", after: "Guangzhou & co"),
            FieldChange(field: "notes", before: nil, after: "\"quoted\""),
        ]
        func entry(_ event: AuditEvent) -> AuditEntry {
            AuditEntry(id: 1, at: Date(timeIntervalSince1970: 1_800_000_000), event: event)
        }
        let rows = [
            AdminPages.row(
                entry(
                    AuditEvent(
                        actor: AuditActor(accountId: 1, name: "Ana <admin>", address: "192.0.2.1"), action: .update,
                        entity: "organization", entityId: 7, summary: "Renamed 'it'", changes: changes)),
                strings: t),
            AdminPages.row(
                entry(
                    AuditEvent(
                        actor: AuditActor(accountId: 2, name: "Bo"), action: .delete, entity: "person", entityId: 3,
                        summary: "Deleted", changes: changes)),
                strings: t),
            AdminPages.row(
                entry(AuditEvent(actor: AuditActor(accountId: 2, name: "Bo", address: ""), action: .create, summary: "Made")),
                strings: t, onRecordPage: true),
        ]
        let expected = try #require(
            library.render(["t": t.all, "history": rows.map { TemplateValues.of($0) ?? [:] }], withTemplate: "history"))
        var html = HTML()
        HistoryView(rows: rows, t: t).render(into: &html)
        #expect(html.output.contains("Ana &lt;admin&gt;") && html.output.contains("<details class=\"changes\" open>"))
        // Mustache also escapes quotes in text, which the writer leaves as they are: the same text to a browser.
        let unquoted = expected.replacing("&quot;", with: "\"").replacing("&#39;", with: "'")
        #expect(FormFieldViewTests.compact(html.output) == FormFieldViewTests.compact(unquoted))
    }
}
