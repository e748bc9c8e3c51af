import Testing

@testable import LiaisonWeb

@Suite struct FormFieldTests {
    @Test func selectOptionsAreWrittenEscapedWithTheChosenOneSelected() {
        let field = FormField(
            name: "network", label: "Network", control: .select,
            options: FormField.choices(
                [("1", "UCLG <ASPAC> & \"friends\""), ("2", "C40's")], selected: "2", blank: "Any"))
        var html = HTML()
        field.render(into: &html)
        // Quotes in text are left as they are (the same text to a browser); in attribute values they are escaped.
        #expect(
            html.output.contains(
                "<option value=\"\">Any</option>"
                    + "<option value=\"1\">UCLG &lt;ASPAC&gt; &amp; \"friends\"</option>"
                    + "<option value=\"2\" selected>C40's</option>"))
    }
}
