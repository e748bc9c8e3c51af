import Foundation

/// The rules for the ways to reach a person that have a shape: email addresses, WeChat IDs, LinkedIn pages.
public enum ContactFormats {
    /// True for an email address a person could have: one "@", a local part of 1 to 64 characters without spaces
    /// or control characters, a domain of dot-separated labels (letters of any script, digits, hyphens; no label
    /// starting or ending with a hyphen), at least two labels, the last one at least 2 letters; 254 characters at
    /// most. Lengths are counted in UTF-8 octets, as mail servers count them.
    public static func isEmail(_ text: String) -> Bool {
        guard text.utf8.count <= 254 else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, isLocalPart(parts[0]) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy(isDomainLabel), let last = labels.last else { return false }
        // A top-level domain is letters; "xn--..." is how a top-level domain in another script is spelled in ASCII.
        return last.count >= 2 && (last.allSatisfy(\.isLetter) || last.lowercased().hasPrefix("xn--"))
    }

    /// The address with its domain lowercased (the local part kept as typed, since only its server may fold its
    /// case), for storing and comparing.
    public static func normalizedEmail(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        return String(text[..<at]) + text[at...].lowercased()
    }

    /// True for a WeChat ID: 6 to 20 characters, ASCII letters, digits, "_" and "-", starting with a letter.
    /// (A phone number used as WeChat ID is also accepted: 6 to 20 digits, optionally with a leading "+".)
    public static func isWeChatID(_ text: String) -> Bool {
        let number = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        if (6...20).contains(number.count), number.allSatisfy(isASCIIDigit) { return true }
        guard (6...20).contains(text.count), let first = text.first, first.isASCII, first.isLetter else {
            return false
        }
        return text.allSatisfy { isASCIIDigit($0) || ($0.isASCII && $0.isLetter) || $0 == "_" || $0 == "-" }
    }

    /// The LinkedIn profile address for a handle or a URL ("chen-guo", "linkedin.com/in/chen-guo",
    /// "https://www.linkedin.com/in/chen-guo/") -> "https://www.linkedin.com/in/chen-guo"; nil when it is neither.
    /// Handles are 3 to 100 characters of letters (any script), digits and hyphens. Company pages "/company/x" are
    /// also accepted as "https://www.linkedin.com/company/x".
    public static func linkedInURL(_ text: String) -> String? {
        var rest = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard rest.contains("/") else {
            return isHandle(rest, kind: "in") ? "https://www.linkedin.com/in/\(rest)" : nil
        }
        for scheme in ["https://", "http://"] where rest.lowercased().hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
        }
        // Shared links carry tracking parameters ("?utm_source=share") that are no part of the page's address.
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 3 else { return nil }
        let host = segments[0].lowercased()
        let kind = segments[1].lowercased()
        // Any subdomain ("www.", "cn.", "fr.") is LinkedIn's; "evil-linkedin.com" and "linkedin.com.evil" are not.
        guard host == "linkedin.com" || host.hasSuffix(".linkedin.com"), kind == "in" || kind == "company",
            let handle = segments[2].removingPercentEncoding, isHandle(Substring(handle), kind: kind)
        else { return nil }
        return "https://www.linkedin.com/\(kind)/\(handle)"
    }

    /// A local part: 1 to 64 octets, no spaces or control characters.
    private static func isLocalPart(_ part: Substring) -> Bool {
        (1...64).contains(part.utf8.count)
            && !part.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
    }

    /// A domain label: 1 to 63 letters of any script, digits and hyphens, not beginning or ending with a hyphen.
    private static func isDomainLabel(_ label: Substring) -> Bool {
        (1...63).contains(label.count) && label.first != "-" && label.last != "-"
            && label.allSatisfy { $0.isLetter || $0 == "-" || isDigit($0) }
    }

    /// A profile handle (3 to 100 characters) or a company's page name (2 to 100, as in "company/hp"): letters of
    /// any script, digits and hyphens.
    private static func isHandle(_ handle: Substring, kind: String) -> Bool {
        (kind == "in" ? 3...100 : 2...100).contains(handle.count)
            && handle.allSatisfy { $0.isLetter || $0 == "-" || isDigit($0) }
    }

    /// A decimal digit of any script ("7", "٧", "७"), as domain names in those scripts may hold.
    private static func isDigit(_ character: Character) -> Bool {
        character.unicodeScalars.count == 1 && character.unicodeScalars.first?.properties.numericType == .decimal
    }

    private static func isASCIIDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }
}
