import Testing

@testable import LiaisonWeb

@Suite struct FormFieldTests {
    @Test func selectOptionsAreWrittenEscapedWithTheChosenOneSelected() {
        let field = FormField(
            name: "network", label: "Network", control: .select,
            options: FormField.choices(
                [("1", "UCLG <ASPAC> & \"friends\""), ("2", "C40's")], selected: "2", blank: "Any"))
        #expect(
            field.optionsHTML
                == "<option value=\"\">Any</option>"
                + "<option value=\"1\">UCLG &lt;ASPAC&gt; &amp; &quot;friends&quot;</option>"
                + "<option value=\"2\" selected>C40&#39;s</option>")
    }
}
