import Foundation

/// The rules for a new password (NIST SP 800-63B): at least 12 characters, up to 256, any characters,
/// no composition rules, and not one of the passwords attackers try first.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12
    public static let maximumLength = 256
    private let common: Set<String>

    public init(commonPasswords: Set<String>) {
        self.common = Set(commonPasswords.map { $0.lowercased() })
    }

    /// The list of common passwords shipped with Liaison.
    public static let standard = PasswordPolicy(
        listAt: URL(fileURLWithPath: Bundle.module.bundlePath)
            .appendingPathComponent("Resources/common-passwords.txt"))

    /// The policy with the list read from a file. A missing or empty file leaves a policy that refuses every
    /// password (it fails closed): without the list, "password1234" would pass.
    public init(listAt url: URL) {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        self.init(commonPasswords: Set(text.split(whereSeparator: \.isNewline).map(String.init)))
    }

    /// How many passwords the policy refuses by name.
    public var commonCount: Int { common.count }

    /// False when the list of common passwords could not be read: then no password can be set, and the
    /// server does not start.
    public var isAvailable: Bool { common.count >= 1000 }

    public func check(_ password: String, field: String = "password", email: String? = nil) throws(ValidationError) {
        var report = ValidationReport()
        let length = password.count
        if !isAvailable {
            report.add(
                field, "policy_unavailable",
                "The list of common passwords is missing from this installation, so no password can be checked; reinstall Liaison."
            )
        } else if length < Self.minimumLength {
            report.add(field, "min_length", "The password must be at least \(Self.minimumLength) characters long.")
        } else if length > Self.maximumLength {
            report.add(field, "max_length", "The password must be at most \(Self.maximumLength) characters long.")
        } else if common.contains(password.lowercased()) || password.lowercased() == email?.lowercased() {
            report.add(field, "common", "This password is too common or too easy to guess; choose another.")
        } else if Set(password).count < 3 {
            report.add(field, "common", "This password is too easy to guess; choose another.")
        }
        try report.finish()
    }
}
