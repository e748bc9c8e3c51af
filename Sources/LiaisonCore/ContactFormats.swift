import Foundation

/// The rules for the ways to reach a person that have a shape: email addresses, WeChat IDs, LinkedIn.
public enum ContactFormats {
    /// True for an address a person could have: one "@", a local part of 1 to 64 characters without spaces,
    /// a domain of at least two dot-separated labels of letters (any script), digits and inner hyphens, the
    /// last of at least two letters; 254 characters at most.
    public static func isEmail(_ text: String) -> Bool {
        guard text.count <= 254 else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].count) else { return false }
        guard
            !parts[0].contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } })
        else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy(\.isLetter) else {
            return false
        }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }

    /// The address with its domain lowercased (the local part kept as typed).
    public static func normalizedEmail(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        return String(text[..<at]) + text[at...].lowercased()
    }

    /// True for a WeChat ID: 6 to 20 ASCII letters, digits, "_" or "-" starting with a letter, or a phone
    /// number used as one (6 to 20 digits, optionally after "+").
    public static func isWeChatID(_ text: String) -> Bool {
        let digits = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        if (6...20).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        guard (6...20).contains(text.count), let first = text.first, first.isASCII, first.isLetter else {
            return false
        }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// The LinkedIn address for a handle or a profile or company URL ("chen-guo", "linkedin.com/in/chen-guo/")
    /// → "https://www.linkedin.com/in/chen-guo"; nil when it is neither.
    public static func linkedInURL(_ text: String) -> String? {
        var rest = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["https://", "http://"] where rest.lowercased().hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count))
        }
        var kind = "in"
        if rest.contains("/") {
            let parts = rest.split(separator: "/").map(String.init)
            guard parts.count >= 3, let host = parts.first?.lowercased(),
                host == "linkedin.com" || host.hasSuffix(".linkedin.com"), ["in", "company"].contains(parts[1])
            else { return nil }
            kind = parts[1]
            rest = parts[2]
        }
        guard (3...100).contains(rest.count), rest.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            return nil
        }
        return "https://www.linkedin.com/\(kind)/\(rest)"
    }
}
