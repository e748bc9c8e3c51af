import Foundation

/// One contact as a vCard 4.0 card (RFC 6350), as address books and phones import it.
public struct VCard: Sendable, Hashable {
    /// A value with its TYPE parameter and whether it is the preferred one of its kind.
    public struct Value: Sendable, Hashable {
        public var value: String
        public var type: String?
        public var preferred: Bool

        public init(_ value: String, type: String? = nil, preferred: Bool = false) {
            self.value = value
            self.type = type
            self.preferred = preferred
        }
    }

    public var uid: String
    public var formattedName: String
    /// The name in its own script, written as a second FN in the same ALTID group.
    public var nativeName: String?
    /// The BCP 47 tag of `nativeName` ("zh").
    public var nativeLanguage: String?
    public var familyName: String
    public var givenName: String
    public var honorificPrefix: String?
    public var organization: String?
    public var department: String?
    public var title: String?
    public var emails: [Value] = []
    /// Numbers in E.164, written as tel: URIs.
    public var phones: [Value] = []
    /// URIs such as "weixin:chen_guo" or "whatsapp:+8613800138000", written as IMPP.
    public var instantMessaging: [Value] = []
    public var urls: [Value] = []
    /// Postal addresses as free text; the lines go in ADR's street component and its LABEL.
    public var addresses: [Value] = []
    public var languages: [String] = []
    public var note: String?
    public var revision: Date?

    public init(uid: String, formattedName: String, familyName: String = "", givenName: String = "") {
        self.uid = uid
        self.formattedName = formattedName
        self.familyName = familyName
        self.givenName = givenName
    }

    /// The card: lines ended by CRLF and folded at 75 octets, text escaped as RFC 6350 3.4 requires.
    public func serialized() -> String {
        var lines = ["BEGIN:VCARD", "VERSION:4.0", "UID:\(uid)"]
        if let nativeName {
            lines.append("FN;ALTID=1;PREF=1:\(Self.escape(formattedName))")
            let language = nativeLanguage.map { ";LANGUAGE=\($0)" } ?? ""
            lines.append("FN;ALTID=1\(language):\(Self.escape(nativeName))")
        } else {
            lines.append("FN:\(Self.escape(formattedName))")
        }
        lines.append(
            "N:\(Self.escape(familyName));\(Self.escape(givenName));;\(Self.escape(honorificPrefix ?? ""));")
        if let organization {
            lines.append("ORG:" + ([organization] + [department].compactMap { $0 }).map(Self.escape).joined(separator: ";"))
        }
        if let title { lines.append("TITLE:\(Self.escape(title))") }
        lines += emails.map { "EMAIL\(Self.parameters($0)):\(Self.escape($0.value))" }
        lines += phones.map { "TEL;VALUE=uri\(Self.parameters($0)):tel:\($0.value)" }
        lines += instantMessaging.map { "IMPP\(Self.parameters($0)):\($0.value)" }
        lines += urls.map { "URL\(Self.parameters($0)):\($0.value)" }
        lines += addresses.map { address in
            let label = Self.quotedParameter(address.value)
            return "ADR\(Self.parameters(address));LABEL=\(label):;;\(Self.escape(address.value));;;;"
        }
        lines += languages.enumerated().map { index, code in "LANG\(index == 0 ? ";PREF=1" : ""):\(code)" }
        if let note { lines.append("NOTE:\(Self.escape(note))") }
        if let revision {
            let style = Date.ISO8601FormatStyle(dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .gmt)
            lines.append("REV:\(revision.formatted(style))")
        }
        lines.append("END:VCARD")
        return lines.map(Self.fold).joined()
    }

    /// Several cards one after another, as a .vcf file holds them.
    public static func file(_ cards: [VCard]) -> String {
        cards.map { $0.serialized() }.joined()
    }

    private static func parameters(_ value: Value) -> String {
        var text = ""
        if let type = value.type, !type.isEmpty {
            let safe = type.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            if !safe.isEmpty { text += ";TYPE=\(safe)" }
        }
        if value.preferred { text += ";PREF=1" }
        return text
    }

    /// Backslash, comma, semicolon and line breaks escaped in a text value.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ",": result += "\\,"
            case ";": result += "\\;"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// A parameter value in quotes (RFC 6868: ^n for a line break, ^' for a quote, ^^ for a caret).
    private static func quotedParameter(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "^": result += "^^"
            case "\"": result += "^'"
            case "\n", "\r\n", "\r": result += "^n"
            default: result.append(character)
            }
        }
        return "\"\(result)\""
    }

    /// The line with CRLF, folded so that no physical line exceeds 75 octets and no UTF-8 sequence is cut.
    static func fold(_ line: String) -> String {
        var output = ""
        var current = ""
        var octets = 0
        var limit = 75
        for character in line {
            let size = String(character).utf8.count
            if octets + size > limit {
                output += current + "\r\n "
                current = ""
                octets = 0
                limit = 74  // the leading space counts
            }
            current.append(character)
            octets += size
        }
        return output + current + "\r\n"
    }
}
