/// A form field as the typed views draw it: label, control, hint and error, with the error and hint tied to
/// the control for screen readers. The same markup as the `field` template it replaces.
extension FormField {
    func render(into html: inout HTML) {
        let describedBy = describedBy.map(Attribute.ariaDescribedBy)
        let invalid = hasError ? Attribute("aria-invalid", "true") : nil
        let classes = "field" + (hasError ? " has-error" : "") + (isCheckbox ? " checkbox" : "")
        html.div(.class(classes)) { html in
            if isCheckbox {
                html.input(
                    .type(isRadio ? "radio" : "checkbox"), .id(id), .name(name), isRadio ? .value(value) : nil,
                    .flag("checked", checked), describedBy, invalid)
                html.label(.for(id)) { html in
                    html.text(label)
                    rowName(into: &html)
                }
            } else if isCheckboxes {
                html.fieldset(.id(id), .class("choices"), describedBy) { html in
                    html.element("legend", []) { $0.text(label) }
                    for option in options {
                        html.label(.class("choice")) { html in
                            html.input(
                                .type("checkbox"), .name(name), .value(option.value), .flag("checked", option.selected))
                            html.text(" " + option.label)
                        }
                    }
                }
            } else {
                html.label(.for(id)) { html in
                    html.text(label)
                    if required {
                        html.text(" ")
                        html.span(.class("required"), Attribute("aria-hidden", "true")) { $0.text("*") }
                    }
                    rowName(into: &html)
                }
                control(into: &html, describedBy: describedBy, invalid: invalid)
            }
            if let hint { html.p(.class("hint"), .id(hintId), text: hint) }
            // Quotes escaped as the template escaped them: messages quote what was typed ("ZZ" is not ...).
            if let error { html.p(.class("error"), .id(errorId)) { $0.textEscapingQuotes(error) } }
        }
    }

    /// Which row the field is in, heard but not seen: the row shows it already.
    private func rowName(into html: inout HTML) {
        guard let row else { return }
        html.text(" ")
        html.span(.class("visually-hidden")) { $0.text("(\(row))") }
    }

    private func control(into html: inout HTML, describedBy: Attribute?, invalid: Attribute?) {
        if isSelect {
            html.select(.id(id), .name(name), describedBy, invalid) { html in
                for option in options {
                    html.option(.value(option.value), .flag("selected", option.selected)) { $0.text(option.label) }
                }
            }
        } else if isTextarea {
            html.element("textarea", [.id(id), .name(name), Attribute("rows", "3"), describedBy, invalid]) {
                $0.text(value)
            }
        } else if isText {
            html.input(
                .id(id), .name(name), .type(inputType), .value(value), .flag("required", required),
                required ? Attribute("aria-required", "true") : nil, list.map { Attribute("list", $0) },
                describedBy, invalid)
        } else if isNumber {
            html.input(
                .id(id), .name(name), .type("text"), Attribute("inputmode", "decimal"), .value(value), describedBy,
                invalid)
        }
    }
}
