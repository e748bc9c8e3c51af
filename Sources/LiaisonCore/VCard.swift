import Foundation

/// One contact as a vCard 4.0 (RFC 6350) card.
public struct VCard: Sendable, Hashable {
    /// One email address, number, IM address, web address or postal address, with its TYPE and whether it is
    /// the preferred one of its kind.
    public struct Value: Sendable, Hashable {
        /// The address or number itself.
        public var value: String
        /// Its label ("work", "home", "cell", ...); written as TYPE when it can be one.
        public var type: String?
        /// Whether it is the one to use first, written as PREF=1.
        public var preferred: Bool

        /// A value with an optional label, not preferred unless said.
        public init(_ value: String, type: String? = nil, preferred: Bool = false) {
            self.value = value
            self.type = type
            self.preferred = preferred
        }
    }

    /// The card's identifier, a URI ("urn:uuid:...").
    public var uid: String
    /// The name as shown (FN), in Latin script.
    public var formattedName: String
    /// The name in its own script ("陈国"), written as a second FN in the same ALTID group.
    public var nativeName: String?
    /// The BCP 47 tag of `nativeName` ("zh"), written as its LANGUAGE.
    public var nativeLanguage: String?
    /// The family name, first component of N.
    public var familyName: String
    /// The given name, second component of N.
    public var givenName: String
    /// "Dr.", "H.E.", ...: N's honorific prefix.
    public var honorificPrefix: String?
    /// ORG's first component.
    public var organization: String?
    /// ORG's second component, written only with an organization.
    public var department: String?
    /// The position held (TITLE).
    public var title: String?
    /// Email addresses (EMAIL).
    public var emails: [Value]
    /// Numbers in E.164, written as tel: URIs (TEL;VALUE=uri:tel:+86...).
    public var phones: [Value]
    /// Instant messaging URIs such as "weixin:chen_guo" or "whatsapp:+8613800138000" (IMPP).
    public var instantMessaging: [Value]
    /// Web addresses (URL).
    public var urls: [Value]
    /// Postal addresses as free text; the lines go in ADR's street component and its LABEL parameter.
    public var addresses: [Value]
    /// Languages spoken, as BCP 47 tags (LANG), the first marked preferred.
    public var languages: [String]
    /// Free text (NOTE).
    public var note: String?
    /// When the record last changed (REV).
    public var revision: Date?

    /// A card; only the identifier and the formatted name are required.
    public init(
        uid: String, formattedName: String, nativeName: String? = nil, nativeLanguage: String? = nil,
        familyName: String = "", givenName: String = "", honorificPrefix: String? = nil, organization: String? = nil,
        department: String? = nil, title: String? = nil, emails: [Value] = [], phones: [Value] = [],
        instantMessaging: [Value] = [], urls: [Value] = [], addresses: [Value] = [], languages: [String] = [],
        note: String? = nil, revision: Date? = nil
    ) {
        self.uid = uid
        self.formattedName = formattedName
        self.nativeName = nativeName
        self.nativeLanguage = nativeLanguage
        self.familyName = familyName
        self.givenName = givenName
        self.honorificPrefix = honorificPrefix
        self.organization = organization
        self.department = department
        self.title = title
        self.emails = emails
        self.phones = phones
        self.instantMessaging = instantMessaging
        self.urls = urls
        self.addresses = addresses
        self.languages = languages
        self.note = note
        self.revision = revision
    }

    /// The card as text: BEGIN:VCARD, VERSION:4.0, ... END:VCARD, lines ended by CRLF and folded at 75 octets
    /// (never inside a UTF-8 sequence; continuation lines begin with one space), text values escaped (backslash,
    /// comma, semicolon, newline as \n) per RFC 6350 3.4.
    public func serialized() -> String {
        var lines = ["BEGIN:VCARD", "VERSION:4.0", "UID:" + ContentLine.uri(uid)]
        if let nativeName {
            // One name in two scripts: the same ALTID ties them together, PREF picks the one to show.
            lines.append("FN;ALTID=1;PREF=1:" + ContentLine.text(formattedName))
            let language = Self.token(nativeLanguage ?? "")
            lines.append(
                "FN;ALTID=1" + (language.isEmpty ? "" : ";LANGUAGE=" + language) + ":" + ContentLine.text(nativeName))
        } else {
            lines.append("FN:" + ContentLine.text(formattedName))
        }
        let name = [familyName, givenName, "", honorificPrefix ?? "", ""]
        lines.append("N:" + name.map(ContentLine.text).joined(separator: ";"))
        if let organization {
            let units = [organization] + (department.map { [$0] } ?? [])
            lines.append("ORG:" + units.map(ContentLine.text).joined(separator: ";"))
        }
        if let title { lines.append("TITLE:" + ContentLine.text(title)) }
        for email in emails {
            lines.append("EMAIL" + Self.parameters(email, types: Self.types) + ":" + ContentLine.text(email.value))
        }
        for phone in phones {
            let value = phone.value.hasPrefix("tel:") ? phone.value : "tel:" + phone.value
            lines.append(
                "TEL;VALUE=uri" + Self.parameters(phone, types: Self.telephoneTypes) + ":" + ContentLine.uri(value))
        }
        for address in instantMessaging {
            lines.append("IMPP" + Self.parameters(address, types: Self.types) + ":" + ContentLine.uri(address.value))
        }
        for url in urls {
            lines.append("URL" + Self.parameters(url, types: Self.types) + ":" + ContentLine.uri(url.value))
        }
        for address in addresses {
            // The text goes whole into the street component: splitting it into town, region and postcode would be
            // a guess, and LABEL keeps its lines as written for printing.
            let parameters = Self.parameters(address, types: Self.types) + ";LABEL=" + Self.quoted(address.value)
            lines.append("ADR" + parameters + ":;;" + ContentLine.text(address.value) + ";;;;")
        }
        for (index, language) in languages.map(Self.token).filter({ !$0.isEmpty }).enumerated() {
            lines.append("LANG" + (index == 0 ? ";PREF=1" : "") + ":" + language)
        }
        if let note { lines.append("NOTE:" + ContentLine.text(note)) }
        if let revision { lines.append("REV:" + revision.formatted(Self.timestamp)) }
        lines.append("END:VCARD")
        return lines.map(ContentLine.fold).joined()
    }

    /// Several cards one after another, as a .vcf file holds them.
    public static func file(_ cards: [VCard]) -> String {
        cards.map { $0.serialized() }.joined()
    }

    /// REV's form, "20261123T101500Z".
    private static let timestamp = Date.ISO8601FormatStyle(
        dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .utc)

    /// The TYPE values RFC 6350 defines for every property that takes TYPE, by the labels people give them.
    private static let types = [
        "work": "work", "office": "work", "business": "work", "home": "home", "personal": "home", "private": "home",
    ]

    /// TEL's TYPE values (RFC 6350 6.4.1) on top of work and home.
    private static let telephoneTypes = types.merging([
        "cell": "cell", "mobile": "cell", "cellphone": "cell", "voice": "voice", "landline": "voice", "fax": "fax",
        "text": "text", "sms": "text", "video": "video", "pager": "pager", "textphone": "textphone",
    ]) { first, _ in first }

    /// ";TYPE=...;PREF=1" as the value calls for. A label that is no TYPE of RFC 6350 is still written when it is a
    /// token ("linkedin"), which readers ignore or show; one that is not a token is left out.
    private static func parameters(_ value: Value, types: [String: String]) -> String {
        var text = ""
        if let label = value.type?.trimmingCharacters(in: .whitespaces).lowercased() {
            let type = types[label] ?? token(label)
            if !type.isEmpty { text += ";TYPE=" + type }
        }
        if value.preferred { text += ";PREF=1" }
        return text
    }

    /// The text as a token (letters, digits and hyphens), empty when it holds anything else.
    private static func token(_ text: String) -> String {
        text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } ? text : ""
    }

    /// A parameter value in double quotes, with RFC 6868's "^n" for a line break, "^'" for a double quote and "^^"
    /// for a caret (RFC 6350 leaves no way to write either in a parameter).
    private static func quoted(_ value: String) -> String {
        var result = ""
        for scalar in value.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "^": result += "^^"
            case "\"": result += "^'"
            case "\n", "\r": result += "^n"
            default:
                if scalar.properties.generalCategory != .control { result.unicodeScalars.append(scalar) }
            }
        }
        return "\"" + result + "\""
    }

}
