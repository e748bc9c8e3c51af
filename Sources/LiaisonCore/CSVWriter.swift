import Foundation

/// Comma-separated values as spreadsheets read them (RFC 4180), safe to open in one.
public enum CSVWriter {
    /// One record, without its line ending. Cells holding a comma, quote or line break are quoted; a cell
    /// beginning with "=", "+", "-", "@", a tab or a carriage return gets a leading apostrophe, so that a
    /// spreadsheet shows it as text instead of running it as a formula.
    public static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",")
    }

    /// A whole file: a UTF-8 byte order mark (so spreadsheets read names in any script), the header and the
    /// rows, each line ended by CRLF.
    public static func document(header: [String], rows: [[String]]) -> String {
        "\u{FEFF}" + ([header] + rows).map { row($0) + "\r\n" }.joined()
    }

    private static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
