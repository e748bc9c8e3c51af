import Foundation

/// Quoted-printable (RFC 2045 §6.7) for a UTF-8 text body: what is printable ASCII stays readable, every
/// encoded line is at most 76 characters, and line breaks are CRLF.
public enum QuotedPrintable {
    public static func encode(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false)
            .map { encodeLine(Array($0.utf8)) }.joined(separator: "\r\n")
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let piece: String
            switch byte {
            // A space or tab at the end of a line would be lost in transit: encode it there.
            case 0x20, 0x09: piece = isLast ? escape(byte) : String(UnicodeScalar(byte))
            case 33...60, 62...126: piece = String(UnicodeScalar(byte))
            default: piece = escape(byte)
            }
            // A soft break (`=`) keeps each line to 76 characters with the `=`.
            let limit = isLast ? 76 : 75
            if current.utf8.count + piece.utf8.count > limit {
                lines.append(current + "=")
                current = ""
            }
            current += piece
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    private static func escape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
