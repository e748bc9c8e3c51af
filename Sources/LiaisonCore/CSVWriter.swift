/// Comma-separated values as spreadsheets read them (RFC 4180), safe to open in one.
public enum CSVWriter {
    /// One record: cells quoted when they hold a comma, quote, CR or LF; a cell beginning with "=", "+", "-", "@",
    /// a tab or a carriage return gets a leading apostrophe so a spreadsheet shows it as text instead of running it
    /// as a formula. No line ending.
    public static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",")
    }

    /// A whole file: a UTF-8 byte order mark (so spreadsheets read non-Latin names right), the header and the rows,
    /// each line ended by CRLF.
    public static func document(header: [String], rows: [[String]]) -> String {
        var text = "\u{FEFF}"
        for cells in [header] + rows {
            text += row(cells) + "\r\n"
        }
        return text
    }

    /// The characters that make a spreadsheet read a cell as a formula when they come first.
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The characters that oblige RFC 4180 quoting.
    private static let quotedBytes: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0D, 0x0A]

    private static func cell(_ value: String) -> String {
        // Scalars and bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        let text = value.unicodeScalars.first.map(formulaStarts.contains) == true ? "'" + value : value
        guard text.utf8.contains(where: quotedBytes.contains) else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
