import Foundation

extension PersonInput {
    /// The most languages, positions and channels one person may list.
    public static let maxLanguages = 20
    public static let maxPositions = 100
    public static let maxChannels = 50

    /// The input as it should be stored: text trimmed, blank optional text made nil, blank list entries
    /// dropped, languages lowercased, and channels in their normal form where they can be read (phone and
    /// WhatsApp numbers in E.164, national numbers dialled from `defaultCountry`, the organization's country;
    /// email domains lowercased; LinkedIn as a profile address). A value that cannot be read is kept as typed
    /// so that `validate` names it.
    public func normalized(defaultCountry: String? = nil) -> PersonInput {
        var copy = self
        copy.givenName = givenName.trimmed
        copy.familyName = familyName.trimmed
        copy.nativeName = nativeName?.trimmed.nilIfEmpty
        copy.honorific = honorific?.trimmed.nilIfEmpty
        copy.languages = languages.map { $0.trimmed.lowercased() }.filter { !$0.isEmpty }
        copy.notes = notes?.trimmed.nilIfEmpty
        copy.metAt = metAt?.trimmed.nilIfEmpty
        copy.consentNote = consentNote?.trimmed.nilIfEmpty
        copy.consentDate = consentDate?.trimmed.nilIfEmpty
        copy.positions = positions.map {
            Position(
                organizationId: $0.organizationId,
                organizationName: $0.organizationId == nil ? $0.organizationName?.trimmed.nilIfEmpty : nil,
                title: $0.title.trimmed, department: $0.department?.trimmed.nilIfEmpty,
                startDate: $0.startDate?.trimmed.nilIfEmpty, endDate: $0.endDate?.trimmed.nilIfEmpty)
        }
        copy.channels = channels.map { channel in
            var channel = channel
            channel.heldBy = nil
            channel.label = channel.label?.trimmed.nilIfEmpty
            channel.value = channel.value.trimmed
            switch channel.kind {
            case .email:
                channel.value = ContactFormats.normalizedEmail(channel.value)
            case .phone, .whatsapp:
                if let number = PhoneNumber.e164(channel.value, defaultCountry: defaultCountry) {
                    channel.value = number
                }
            case .linkedin:
                if let url = ContactFormats.linkedInURL(channel.value) { channel.value = url }
            case .wechat, .postal:
                break
            }
            return channel
        }
        return copy
    }

    /// Checks every rule that needs no database and throws all broken rules at once.
    /// Call it on a `normalized()` input.
    public func validate(currentYear: Int) throws(ValidationError) {
        var report = ValidationReport()
        if givenName.isEmpty && familyName.isEmpty {
            report.add("familyName", "required", "Give a family name or a given name.")
        }
        report.text(givenName, field: "givenName", label: "Given name")
        report.text(familyName, field: "familyName", label: "Family name")
        report.text(nativeName, field: "nativeName", label: "Native-script name")
        report.text(honorific, field: "honorific", label: "Honorific", max: 50)
        // Entries past a list's cap are not checked one by one: the list is refused as a whole.
        report.count(languages.count, max: Self.maxLanguages, field: "languages", noun: "languages")
        for (index, code) in languages.prefix(Self.maxLanguages).enumerated() where Language.name(code: code) == nil {
            report.add("languages[\(index)]", "unknown_language", "\(code.quoted) is not an ISO 639-1 language code.")
        }
        if Set(languages).count != languages.count {
            report.add("languages", "unique", "A language is listed twice.")
        }
        report.text(notes, field: "notes", label: "Notes", max: 10_000, multiline: true)
        report.text(metAt, field: "metAt", label: "Where met", max: 500)
        report.text(consentNote, field: "consentNote", label: "Consent or lawful basis", max: 1000, multiline: true)
        if let consentDate {
            if let day = PartialDate(consentDate), day.precision == .day {
                if day.year > currentYear {
                    report.add("consentDate", "range", "The consent date cannot be in a future year.")
                }
            } else {
                report.add("consentDate", "date", "Consent date must be a date written YYYY-MM-DD.")
            }
        }
        report.count(positions.count, max: Self.maxPositions, field: "positions", noun: "positions")
        for (index, position) in positions.prefix(Self.maxPositions).enumerated() {
            checkPosition(position, field: "positions[\(index)]", currentYear: currentYear, into: &report)
        }
        report.count(channels.count, max: Self.maxChannels, field: "channels", noun: "channels")
        for (index, channel) in channels.prefix(Self.maxChannels).enumerated() {
            checkChannel(channel, field: "channels[\(index)]", into: &report)
        }
        if channels.filter(\.preferred).count > 1 {
            report.add("channels", "one_preferred", "Only one channel can be the preferred one.")
        }
        var seen = Set<String>()
        for (index, channel) in channels.prefix(Self.maxChannels).enumerated()
        where !seen.insert("\(channel.kind)|\(channel.matchKey)").inserted {
            report.add("channels[\(index)].value", "unique", "This \(channel.kind.label.lowercased()) is listed twice.")
        }
        try report.finish()
    }

    private func checkPosition(
        _ position: Position, field: String, currentYear: Int, into report: inout ValidationReport
    ) {
        report.text(position.title, field: "\(field).title", label: "Title", required: true)
        report.text(position.department, field: "\(field).department", label: "Department")
        if position.organizationId == nil {
            report.text(
                position.organizationName, field: "\(field).organizationId", label: "Organization", required: true)
        } else if let id = position.organizationId, id < 1 {
            report.add("\(field).organizationId", "range", "Organization must be a record id from 1.")
        }
        var start: PartialDate?
        var end: PartialDate?
        for (key, text) in [("startDate", position.startDate), ("endDate", position.endDate)] {
            guard let text else { continue }
            guard let date = PartialDate(text) else {
                report.add("\(field).\(key)", "date", "Write the date as YYYY, YYYY-MM or YYYY-MM-DD.")
                continue
            }
            if !(1900...(currentYear + 10)).contains(date.year) {
                report.add("\(field).\(key)", "range", "The year must be between 1900 and \(currentYear + 10).")
            }
            if key == "startDate" { start = date } else { end = date }
        }
        if let start, let end, end.latest < start.earliest {
            report.add("\(field).endDate", "order", "The end cannot come before the start.")
        }
    }

    private func checkChannel(_ channel: Channel, field: String, into report: inout ValidationReport) {
        let label = channel.kind.label
        let value = channel.value
        report.text(
            value, field: "\(field).value", label: label, required: true, max: channel.kind == .postal ? 500 : 200,
            multiline: channel.kind == .postal)
        report.text(channel.label, field: "\(field).label", label: "Label", max: 50)
        if let id = channel.heldByAccountId, id < 1 {
            report.add("\(field).heldByAccountId", "range", "The staff account must be a record id from 1.")
        }
        guard !value.isEmpty else { return }
        switch channel.kind {
        case .email where !ContactFormats.isEmail(value):
            report.add("\(field).value", "email", "\(value.quoted) is not an email address.")
        case .phone, .whatsapp:
            if !value.hasPrefix("+") || PhoneNumber.e164(value, defaultCountry: nil) != value {
                report.add(
                    "\(field).value", "phone",
                    "\(value.quoted) is not a phone number: give it with its country code (+86 20 ...), or add a "
                        + "position at an organization with a country first.")
            }
        case .wechat where !ContactFormats.isWeChatID(value):
            report.add(
                "\(field).value", "wechat_id",
                "A WeChat ID has 6 to 20 letters, digits, _ or -, and starts with a letter.")
        case .linkedin where ContactFormats.linkedInURL(value) == nil:
            report.add("\(field).value", "linkedin", "Give a LinkedIn profile address or handle.")
        default:
            break
        }
    }
}

extension ChannelKind {
    /// The English label; pages take theirs from the string catalogue.
    public var label: String {
        switch self {
        case .email: "Email"
        case .phone: "Phone"
        case .wechat: "WeChat ID"
        case .whatsapp: "WhatsApp"
        case .linkedin: "LinkedIn"
        case .postal: "Postal address"
        }
    }
}

/// A date known to the year, the month or the day ("2019", "2019-03", "2019-03-15").
public struct PartialDate: Sendable, Hashable {
    public enum Precision: Sendable { case year, month, day }
    public let year: Int
    public let month: Int?
    public let day: Int?

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]),
            parts.dropFirst().allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) })
        else { return nil }
        self.year = year
        month = parts.count > 1 ? Int(parts[1]) : nil
        day = parts.count > 2 ? Int(parts[2]) : nil
        if parts.count > 1, !(1...12).contains(month ?? 0) { return nil }
        if parts.count > 2 {
            var components = DateComponents(year: year, month: month, day: day)
            components.calendar = Calendar(identifier: .gregorian)
            guard components.isValidDate(in: Calendar(identifier: .gregorian)) else { return nil }
        }
    }

    /// The first and last day it may mean, as comparable numbers (20190301, 20190331).
    var earliest: Int { year * 10_000 + (month ?? 1) * 100 + (day ?? 1) }
    var latest: Int { year * 10_000 + (month ?? 12) * 100 + (day ?? 31) }
}

/// Languages by their ISO 639-1 code, named in English.
public enum Language {
    /// The English name of the language ("zh" → "Chinese"), nil for a code that is not ISO 639-1.
    public static func name(code: String) -> String? {
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return nil }
        return Locale(identifier: "en_US").localizedString(forLanguageCode: code).flatMap { $0 == code ? nil : $0 }
    }

    /// Every code that has a name, in order.
    public static let allCodes: [String] = {
        let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        return letters.flatMap { first in letters.map { first + $0 } }.filter { name(code: $0) != nil }
    }()

    /// The code of a language named in English ("Chinese" → "zh"), case and accents ignored; a code itself
    /// ("zh") is taken too. Nil when no ISO 639-1 language has that name.
    public static func code(name: String) -> String? {
        let key = name.trimmed.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        if let code = codesByName[key] { return code }
        let lowered = key.lowercased()
        return Language.name(code: lowered) != nil ? lowered : nil
    }

    private static let codesByName: [String: String] = Dictionary(
        allCodes.compactMap { code in
            name(code: code).map {
                ($0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil), code)
            }
        }, uniquingKeysWith: { first, _ in first })

    /// The languages a form offers first, by code.
    public static let common = ["zh", "en", "es", "fr", "ar", "pt", "ru", "de", "ja", "ko", "it", "tr", "id", "hi"]
}
