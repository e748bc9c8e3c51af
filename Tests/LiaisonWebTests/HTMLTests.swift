import Foundation
import LiaisonCore
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

/// The typed field draws what the `field` template drew, for every kind of control: pages moved to it
/// without a visible change.
@Suite struct FormFieldViewTests {
    static var fields: [FormField] {
        var select = FormField(name: "country", label: "Country", value: "CN", hint: "ISO", control: .select)
        select.options = FormField.choices([("CN", "China"), ("FR", "France & <co>")], selected: "CN", blank: "—")
        var boxes = FormField(name: "status", label: "Status", control: .checkboxes)
        boxes.options = [
            .init(value: "member", label: "Member", selected: true), .init(value: "x", label: "X", selected: false),
        ]
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

    /// What the `field` template drew for each of `fields`, kept when the templates went.
    static let drawn = [
        #"""
        <div class="field has-error">\#
        <label for="f-name">Name <span class="required" aria-hidden="true">*</span></label>\#
        <input id="f-name" name="name" type="text" value="Guang&quot;zhou&quot; &lt;b&gt;" required\#
         aria-required="true" aria-describedby="f-name-error" aria-invalid="true">\#
        <p class="error" id="f-name-error">Required.</p></div>
        """#,
        #"""
        <div class="field"><label for="f-website">Web</label>\#
        <input id="f-website" name="website" type="url" value="https://x.example"></div>
        """#,
        #"""
        <div class="field"><label for="f-population">Population</label>\#
        <input id="f-population" name="population" type="text" inputmode="decimal" value="18"\#
         aria-describedby="f-population-hint"><p class="hint" id="f-population-hint">People</p></div>
        """#,
        #"""
        <div class="field"><label for="f-notes">Notes</label>\#
        <textarea id="f-notes" name="notes" rows="3">a\#n&lt;b&gt;</textarea></div>
        """#,
        #"""
        <div class="field checkbox"><input type="checkbox" id="f-paying" name="paying" checked>\#
        <label for="f-paying">Paying</label></div>
        """#,
        #"""
        <div class="field checkbox"><input type="radio" id="f-mode-in_person" name="mode" value="in_person">\#
        <label for="f-mode-in_person">In person</label></div>
        """#,
        #"""
        <div class="field"><label for="f-country">Country</label>\#
        <select id="f-country" name="country" aria-describedby="f-country-hint"><option value="">—</option>\#
        <option value="CN" selected>China</option><option value="FR">France &amp; &lt;co&gt;</option>\#
        </select><p class="hint" id="f-country-hint">ISO</p></div>
        """#,
        #"""
        <div class="field"><fieldset id="f-status" class="choices"><legend>Status</legend>\#
        <label class="choice"><input type="checkbox" name="status" value="member" checked> Member</label>\#
        <label class="choice"><input type="checkbox" name="status" value="x"> X</label></fieldset></div>
        """#,
    ]

    @Test(arguments: 0..<8)
    func typedFieldDrawsWhatTheTemplateDrew(index: Int) {
        let field = Self.fields[index]
        var html = HTML()
        field.render(into: &html)
        #expect(html.output.contains(field.label) && html.output.contains("id=\"\(field.id)"))
        #expect(Self.compact(html.output) == Self.drawn[index])
    }

    static func compact(_ markup: String) -> String {
        markup.replacing(/>\s+</, with: "><").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The typed history draws what the `history` template drew (quotes in text aside, which the writer leaves
/// as they are: the same text to a browser), fields named by their labels rather than their property names.
@Suite struct HistoryViewTests {
    @Test func typedHistoryDrawsWhatTheTemplateDrew() throws {
        let resources = WebSettings.bundledResources
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
                        entity: .organization, entityId: 7, summary: "Renamed 'it'", changes: changes)),
                strings: t),
            AdminPages.row(
                entry(
                    AuditEvent(
                        actor: AuditActor(accountId: 2, name: "Bo"), action: .delete, entity: .person, entityId: 3,
                        summary: "Deleted", changes: changes)),
                strings: t),
            AdminPages.row(
                entry(
                    AuditEvent(
                        actor: AuditActor(accountId: 2, name: "Bo", address: ""), action: .create, summary: "Made")),
                strings: t, onRecordPage: true),
        ]
        var html = HTML()
        HistoryView(rows: rows, t: t).render(into: &html)
        #expect(html.output.contains("Ana &lt;admin&gt;") && html.output.contains("<details class=\"changes\" open>"))
        #expect(
            FormFieldViewTests.compact(html.output) == #"""
                <ol class="history"><li><p><strong>Changed</strong><span class="muted">Organization #7</span>\#
                <a href="/organizations/7">Renamed 'it'</a>\#
                <span class="muted">· Ana &lt;admin&gt; (192.0.2.1) · 2027-01-15 08:00 UTC</span></p>\#
                <details class="changes" open><summary>2 fields</summary><table class="changes"><thead><tr>\#
                <th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead><tbody>\#
                <tr><th scope="row">Name (Latin script)</th><td data-label="Before">Guang&lt;zhou&gt;</td>\#
                <td data-label="After">Guangzhou &amp; co</td></tr><tr>\#
                <th scope="row">Notes</th><td data-label="Before"></td><td data-label="After">"quoted"</td></tr></tbody>\#
                </table></details></li><li><p>\#
                <strong>Deleted</strong>\#
                <span class="muted">Person #3</span> Deleted <span class="muted">· Bo · 2027-01-15 08:00 UTC</span>\#
                </p><details class="changes"><summary>2 fields</summary><table class="changes"><thead><tr>\#
                <th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead><tbody>\#
                <tr><th scope="row">Name (Latin script)</th><td data-label="Before">Guang&lt;zhou&gt;</td>\#
                <td data-label="After">Guangzhou &amp; co</td></tr><tr>\#
                <th scope="row">Notes</th><td data-label="Before"></td><td data-label="After">"quoted"</td></tr></tbody>\#
                </table></details></li><li><p>\#
                <strong>Created</strong> Made <span class="muted">· Bo () · 2027-01-15 08:00 UTC</span></p></li>\#
                </ol>
                """#)
    }
}
