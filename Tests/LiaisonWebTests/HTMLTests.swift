import Foundation
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
