import Foundation

/// A mailbox as a message names it: an address and, optionally, the name of the person it belongs to.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// `local@domain`, checked by `init`: it goes into SMTP commands and headers as it is.
    public let address: String
    public let name: String?

    /// Nil when `address` is not one address: one `@`, something either side, a dot in the domain, and no
    /// space, control character, angle bracket, quote, comma or semicolon (any of which could end a command
    /// or a header early).
    public init?(_ address: String, name: String? = nil) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !address.unicodeScalars.contains(where: Self.isForbidden)
        else { return nil }
        self.address = address
        let cleaned = name.map(MailHeader.singleLine)?.trimmingCharacters(in: .whitespaces)
        self.name = cleaned?.isEmpty == false ? cleaned : nil
    }

    /// The domain, for the message's id.
    public var domain: String { String(address.split(separator: "@").last ?? "") }

    /// True when the address needs the server's SMTPUTF8 extension.
    public var isASCII: Bool { address.unicodeScalars.allSatisfy(\.isASCII) }

    public var description: String { address }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
            || "<>\"(),;:[]\\".unicodeScalars.contains(scalar)
    }
}

extension MailAddress {
    /// Reads `agnes@example.org` or `Agnès Bickart <agnes@example.org>` (the name may be quoted); nil when it is
    /// neither.
    public static func parse(_ text: String) -> MailAddress? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else { return MailAddress(text) }
        let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        var name = text[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2 && name.hasPrefix("\"") && name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast())
        }
        return MailAddress(address, name: name.isEmpty ? nil : name)
    }
}
