import Foundation
import Testing

@testable import LiaisonWeb

/// Markdown a person wrote: rendered by a real parser, and never a way to put markup of their own on a page.
@Suite struct MarkdownTextTests {
    private func render(_ source: String) -> String { MarkdownText(source).html }

    @Test func markdownBecomesItsMarkup() {
        #expect(render("**Foshan** and _Dongguan_") == "<p><strong>Foshan</strong> and <em>Dongguan</em></p>")
        #expect(render("- one\n- two") == "<ul><li>one</li><li>two</li></ul>")
        #expect(render("> quoted") == "<blockquote><p>quoted</p></blockquote>")
        #expect(render("[site](https://example.org/a?b=1&c=2)").contains("href=\"https://example.org/a?b=1&amp;c=2\""))
    }

    /// Headings start below the page's own title.
    @Test func headingsAreShiftedUnderThePageTitle() {
        #expect(render("# Mission\n## Day one") == "<h3>Mission</h3><h4>Day one</h4>")
        #expect(MarkdownText("###### deep", headingLevel: 3).html == "<h6>deep</h6>")
    }

    @Test func typedHTMLIsShownAsText() {
        for payload in [
            "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<script>alert(1)</script>",
            "a <b onmouseover=alert(1)>hi</b> c", "<https://example.org>", "<!-- comment -->",
            "<iframe src=javascript:alert(1)>",
        ] {
            let html = render(payload)
            #expect(!html.contains("<img") && !html.contains("<svg") && !html.contains("<script"), "\(payload)")
            #expect(!html.contains("<b ") && !html.contains("<iframe") && !html.contains("<!--"), "\(payload)")
            #expect(html.contains("&lt;"), "\(payload) shows as text: \(html)")
        }
    }

    @Test func unsafeLinksKeepOnlyTheirText() {
        for payload in [
            "[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](data:text/html,hi)",
            "[x](vbscript:msgbox)",
        ] {
            let html = render(payload)
            #expect(!html.contains("href"), "\(payload): \(html)")
            #expect(html.contains("x"))
        }
    }

    /// A reference typed in an address stays the characters typed, so it cannot spell a scheme.
    @Test func aReferenceCannotSpellAScheme() {
        let html = render("[x](java&#115;cript:alert(1))")
        #expect(html.contains("href=\"java&amp;#115;cript"))
    }

    @Test func aQuoteCannotCloseTheAddress() {
        let html = render("[y](a\"onmouseover=\"alert(1))")
        #expect(!html.contains("onmouseover=\""))
        #expect(MarkdownCheck.onlyMarkdownTags(html))
    }

    @Test func imagesBecomeLinksAndLoadNothing() {
        #expect(render("![map](https://example.org/map.png)").contains("<a href=\"https://example.org/map.png\""))
        #expect(!render("![x](x\" onerror=\"alert(1))").contains("onerror=\""))
        #expect(!render("![x](javascript:alert(1))").contains("href"))
    }

    @Test func codeShowsWhatWasTyped() {
        #expect(render("`a < b & \"c\"`") == "<p><code>a &lt; b &amp; &quot;c&quot;</code></p>")
        #expect(render("```\n<img src=x>\n&amp;\n```") == "<pre><code>&lt;img src=x&gt;\n&amp;amp;\n</code></pre>")
    }

    @Test func entitiesTypedStayText() {
        #expect(render("&lt;script&gt; &#115;") == "<p>&amp;lt;script&amp;gt; &amp;#115;</p>")
    }

    @Test func aLeadingRuleDoesNotSwallowTheText() {
        #expect(render("---\ntitle: x\n---\nbody").contains("body"))
        #expect(render("---\ntitle: x\n---\nbody").contains("title: x"))
    }

    @Test func tasksShowAsBoxes() {
        let html = render("- [ ] request the contacts\n- [x] send the photos")
        #expect(
            html.contains(
                "<li class=\"task\"><span class=\"task-box\" role=\"img\" aria-label=\"open\">☐</span> request"))
        #expect(html.contains("<li class=\"task done\">"))
        #expect(MarkdownCheck.onlyMarkdownTags(html))
    }

    @Test func theCheckRefusesAnyOtherMarkup() {
        #expect(MarkdownCheck.onlyMarkdownTags("<p>a <strong>b</strong></p><hr><br>"))
        #expect(!MarkdownCheck.onlyMarkdownTags("<p onclick=\"x\">a</p>"))
        #expect(!MarkdownCheck.onlyMarkdownTags("<img src=\"x\"/>"))
        #expect(!MarkdownCheck.onlyMarkdownTags("<a href=x>a</a>"))
        #expect(MarkdownCheck.safeAddress("/organizations/12") == "/organizations/12")
        #expect(MarkdownCheck.safeAddress("https://example.org/a b") == nil)
        #expect(MarkdownCheck.safeAddress("java\tscript:alert(1)") == nil)
        #expect(MarkdownCheck.safeAddress("mailto:a@example.org") == "mailto:a@example.org")
    }

    @Test func lineBreaksInPlainFallback() {
        #expect(MarkdownText.plain("a <b>\nc") == "<p>a &lt;b&gt;<br>c</p>")
    }
}
