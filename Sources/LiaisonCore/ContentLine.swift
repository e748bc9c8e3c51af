import Foundation

/// The content lines vCard (RFC 6350) and iCalendar (RFC 5545) share: how values are escaped and how long
/// lines are folded.
enum ContentLine {
    /// A TEXT value: backslash, comma and semicolon behind a backslash, line breaks as "\n"; other control
    /// characters, which no text value may hold, are dropped.
    static func text(_ value: String) -> String {
        var result = ""
        for scalar in value.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ",": result += "\\,"
            case ";": result += "\\;"
            case "\n", "\r": result += "\\n"
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory != .control { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// A URI value, which has no escaping: spaces and control characters are percent-encoded, so that a stray
    /// line break can never end the line and start a property of its own.
    static func uri(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            if scalar == " " || scalar.properties.generalCategory == .control {
                for byte in String(scalar).utf8 {
                    result += (byte < 0x10 ? "%0" : "%") + String(byte, radix: 16, uppercase: true)
                }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The line ended by CRLF and folded so that no physical line exceeds 75 octets: continuation lines begin
    /// with one space, and breaks fall between Unicode scalars, never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var output = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > 75 {
                output += "\r\n "
                octets = 1  // the space that begins the continuation line
            }
            output.unicodeScalars.append(scalar)
            octets += size
        }
        return output + "\r\n"
    }
}
