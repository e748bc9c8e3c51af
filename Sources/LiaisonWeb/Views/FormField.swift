import Foundation

/// One input on a form, as the `field` partial draws it: label, what was typed, and its error beside it.
struct FormField {
    enum Control { case text, number, url, textarea, select, checkbox, checkboxes, radio, date, time }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    let name: String
    let label: String
    var value: String = ""
    var error: String?
    var hint: String?
    var required = false
    var control: Control = .text
    var options: [Option] = []
    var checked = false
    /// Extra HTML attributes are never passed through; these are the few the controls need.
    var step: String?
    var autocomplete: String?
    /// The row of a repeated section the field belongs to ("Channel 2", a city's name): its label repeats
    /// from row to row, so this is added to it for screen readers, which would otherwise hear ten "Preferred".
    var row: String?
    /// The id of a `<datalist>` of suggestions for a text input (language names, time zones).
    var list: String?

    init(
        name: String, label: String, value: String = "", error: String? = nil, hint: String? = nil,
        required: Bool = false, control: Control = .text, options: [Option] = [], checked: Bool = false,
        step: String? = nil
    ) {
        self.name = name
        self.label = label
        self.value = value
        self.error = error
        self.hint = hint
        self.required = required
        self.control = control
        self.options = options
        self.checked = checked
        self.step = step
    }

    /// The element id: the name with brackets and dots made safe for HTML ids.
    var id: String {
        // Radio buttons share a name; their value tells them apart.
        "f-" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" }) + (control == .radio ? "-\(value)" : "")
    }
    var errorId: String { id + "-error" }
    var hintId: String { id + "-hint" }
    var hasError: Bool { error != nil }
    var isText: Bool { control == .text || control == .url || control == .date || control == .time }
    /// The input's type: the browser's own day and time pickers for days and times.
    var inputType: String {
        switch control {
        case .url: "url"
        case .date: "date"
        case .time: "time"
        default: "text"
        }
    }
    var isNumber: Bool { control == .number }
    var isURL: Bool { control == .url }
    var isTextarea: Bool { control == .textarea }
    var isSelect: Bool { control == .select }
    var isCheckbox: Bool { control == .checkbox || control == .radio }
    var isRadio: Bool { control == .radio }
    var isCheckboxes: Bool { control == .checkboxes }
    var describedBy: String? {
        let ids = [hasError ? errorId : nil, hint != nil ? hintId : nil].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    /// Options with `selected` set on the one matching the current value, and a blank choice first.
    static func choices(_ pairs: [(String, String)], selected: String, blank: String?) -> [Option] {
        (blank.map { [Option(value: "", label: $0, selected: selected.isEmpty)] } ?? [])
            + pairs.map { Option(value: $0.0, label: $0.1, selected: $0.0 == selected) }
    }
}

/// The rows of a repeated section that a form shows again: at most as many as the rule allows, so that a form
/// sent with thousands of rows costs no more to draw than a full one; and the error of the list as a whole,
/// saying how many rows were left out.
func shownRows<Row>(_ rows: [Row], max: Int, error: String?, strings t: Strings) -> (rows: [Row], error: String?) {
    guard rows.count > max else { return (rows, error) }
    let cut = String(format: t[.rowsCut], max, rows.count)
    return (Array(rows.prefix(max)), [error, cut].compactMap { $0 }.joined(separator: " "))
}
