import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonSQLite
import LiaisonStore
import LiaisonWeb

extension Liaison {
    struct User: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage staff accounts.",
            subcommands: [Add.self, List.self, SetRole.self, Disable.self, Enable.self, ResetPassword.self, Token.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a staff account.")
            @OptionGroup var store: StoreOptions
            @Option(help: "The person's email address; it is also their sign-in name.") var email: String
            @Option(help: "The person's name as colleagues see it.") var name: String
            @Option(help: "viewer, editor or admin.") var role: StaffRole = .viewer
            @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

            func run() async throws {
                let input = StaffAccountInput(email: email, name: name, role: role).normalized()
                let password = try readOrGeneratePassword(fromStdin: passwordStdin)
                try await store.withStore { database, _ in
                    do {
                        try input.validate()
                        try PasswordPolicy.standard.check(password, field: "password", email: input.email)
                        let account = try await database.createAccount(
                            input, passwordHash: PasswordHasher().hash(password), by: .commandLine)
                        print("Created \(account.role.rawValue) \(account.name) <\(account.email)> (id \(account.id)).")
                        if !passwordStdin { print("Password: \(password)") }
                    } catch let error as LiaisonCore.ValidationError {
                        throw ArgumentParser.ValidationError(
                            error.errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
                    }
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List staff accounts.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                try await store.withStore { database, _ in
                    for account in try await database.accounts() {
                        let state = account.disabled ? "disabled" : "active"
                        print("\(account.id)\t\(account.email)\t\(account.name)\t\(account.role.rawValue)\t\(state)")
                    }
                }
            }
        }

        struct SetRole: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Change an account's role.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The account's email.") var email: String
            @Argument(help: "viewer, editor or admin.") var role: StaffRole

            func run() async throws {
                try await withAccount(email, store) { database, account in
                    _ = try await database.updateAccount(id: account.id, .role(role), by: .commandLine)
                    print("\(account.email) is now \(role.rawValue).")
                }
            }
        }

        struct Disable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The account's email.") var email: String

            func run() async throws {
                try await withAccount(email, store) { database, account in
                    _ = try await database.updateAccount(id: account.id, .isDisabled(true), by: .commandLine)
                    print("\(account.email) is disabled; its sessions have ended.")
                }
            }
        }

        struct Enable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Enable a disabled account.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The account's email.") var email: String

            func run() async throws {
                try await withAccount(email, store) { database, account in
                    _ = try await database.updateAccount(id: account.id, .isDisabled(false), by: .commandLine)
                    print("\(account.email) is enabled.")
                }
            }
        }

        struct Token: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create a personal API token for an account and print it (it is shown only once).")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The account's email.") var email: String
            @Option(help: "What the token is for, as its owner will see it listed.") var name: String
            @Flag(help: "Allow the token to change records (read-only without it).") var write = false

            func run() async throws {
                try await withAccount(email, store) { database, account in
                    let secret = try await APITokens.issue(
                        accountId: account.id, name: name, canWrite: write, store: database, by: .commandLine)
                    print(secret)
                }
            }
        }

        struct ResetPassword: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Set a new password and end the account's sessions.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The account's email.") var email: String
            @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

            func run() async throws {
                try await withAccount(email, store) { database, account in
                    let password = try readOrGeneratePassword(fromStdin: passwordStdin)
                    do {
                        try PasswordPolicy.standard.check(password, email: account.email)
                    } catch let error as LiaisonCore.ValidationError {
                        throw ArgumentParser.ValidationError(error.errors.map(\.message).joined(separator: "\n"))
                    }
                    _ = try await database.updateAccount(
                        id: account.id, .passwordHash(PasswordHasher().hash(password)), by: .commandLine)
                    print("The password of \(account.email) is reset; its sessions have ended.")
                    if !passwordStdin { print("Password: \(password)") }
                }
            }
        }
    }
}

extension StaffRole: ExpressibleByArgument {}

extension AuditActor {
    static let commandLine = AuditActor(accountId: nil, name: "command line")
}

/// Runs `body` with the store and the account that has this email; refuses an unknown email.
private func withAccount(
    _ email: String, _ options: StoreOptions, _ body: (any LiaisonStore, StaffAccount) async throws -> Void
) async throws {
    try await options.withStore { database, _ in
        guard let credentials = try await database.credentials(email: email.lowercased()) else {
            throw ArgumentParser.ValidationError("No account has the email \(email).")
        }
        try await body(database, credentials.account)
    }
}

/// A password from standard input (its first line), or a new random one of four groups of letters and digits.
func readOrGeneratePassword(fromStdin: Bool) throws -> String {
    if fromStdin {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ArgumentParser.ValidationError("--password-stdin: no password on standard input.")
        }
        return line
    }
    let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
    var generator = SystemRandomNumberGenerator()
    return (0..<4).map { _ in String((0..<5).map { _ in alphabet.randomElement(using: &generator)! }) }
        .joined(separator: "-")
}
