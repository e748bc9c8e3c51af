import ArgumentParser
import Foundation
import Hummingbird
import LiaisonCore
import LiaisonDemo
import LiaisonPostgres
import LiaisonSQLite
import LiaisonStore
import LiaisonSynthetic
import LiaisonWeb
import Logging

/// The `liaison` command: serves the app and does what an administrator scripts.
public struct Liaison: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "liaison",
        abstract: "The member-relations workspace of a network of cities.",
        subcommands: [
            Serve.self, Migrate.self, Seed.self, User.self, Import.self, Copy.self, Backup.self, Restore.self,
            Bench.self, Mail.self, Coverage.self,
        ]
    )

    public init() {}
}

extension Liaison {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the web app and the JSON API.")

        @OptionGroup var settings: ServeOptions

        @Flag(help: "Fill an empty database with the demo network first.")
        var demo = false

        func run() async throws {
            let configuration = try settings.configuration()
            let logger = configuration.logger
            // Mail settings that cannot work stop the start before the database is opened.
            let mailSetup = try configuration.mail()
            try await configuration.database.withStore(logger: logger) { database in
                try await Self.checkRole(of: database, refusingSuperuser: configuration.refuseSuperuser)
                let mail = try mailSetup.map {
                    try MailService(store: database, transport: $0.transport, settings: $0.settings, logger: logger)
                }
                var signIn: String?
                if demo {
                    let outcome = try await DemoNetwork.seed(
                        into: database, regions: configuration.regions, currentYear: currentYear())
                    print(
                        outcome.skipped
                            ? "Demo: the database already has data; left as it is."
                            : "Demo: added \(outcome.created) organizations, \(outcome.people) people and \(outcome.activities) activities."
                    )
                    let hasher = PasswordHasher()
                    signIn = try await DemoNetwork.prepareAdmin(
                        in: database, password: try readOrGeneratePassword(fromStdin: false), hash: { hasher.hash($0) })
                }
                var settings = WebSettings(
                    host: configuration.host, port: configuration.port, regions: configuration.regions,
                    sessions: SessionSettings(secureCookies: configuration.secureCookies))
                settings.trustedProxies = configuration.trustedProxies
                settings.limits.search.limit = configuration.searchLimit
                settings.limits.export.limit = configuration.exportLimit
                let banner = [
                    "Liaison is running at http://\(configuration.host):\(configuration.port)/"
                        + "  (database \(configuration.database); Ctrl-C stops it)",
                    signIn,
                ].compactMap { $0 }.joined(separator: "\n")
                let app = try await buildApplication(settings: settings, store: database, logger: logger) { port in
                    print(banner.replacingOccurrences(of: ":\(configuration.port)/", with: ":\(port)/"))
                    fflush(nil)
                }
                guard let mail else {
                    logger.info("No mail server (--smtp): Liaison sends no mail; the inbox works as ever.")
                    return try await app.runService()
                }
                // The mail runs beside the server and stops with it.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await mail.run() }
                    try await app.runService()
                    group.cancelAll()
                }
            }
        }

        /// A superuser role can do anything to the server, far more than Liaison needs: say so loudly, or
        /// refuse to start when the operator asked for that.
        static func checkRole(of database: any LiaisonStore, refusingSuperuser: Bool) async throws {
            guard let postgres = database as? PostgresStore, try await postgres.connectsAsSuperuser() else { return }
            let message = """
                Liaison is connected to PostgreSQL as a superuser. It needs only to own its database: create a role \
                without SUPERUSER for it (see docs/deployment.md).
                """
            if refusingSuperuser {
                throw CommandFailure(message + " Not starting, as --refuse-superuser asks.")
            }
            // Straight to standard error, whatever the log level: an operator must not miss it.
            FileHandle.standardError.write(Data(("WARNING: " + message + "\n").utf8))
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withStore { database, configuration in
                let applied = try await database.appliedMigrations()
                var connection = ""
                if let postgres = database as? PostgresStore {
                    connection =
                        try await postgres.connectionIsEncrypted() ? ", connected over TLS" : ", connected without TLS"
                }
                print(
                    "Database \(configuration.database) is up to date (\(applied.count) migrations: \(applied.joined(separator: ", "))\(connection))."
                )
            }
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill the database with generated data.", subcommands: [Demo.self, Synthetic.self])

        struct Demo: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add the demo network to an empty database (a database with data is left as it is).")

            @OptionGroup var store: StoreOptions

            func run() async throws {
                try await store.withStore { database, configuration in
                    let outcome = try await DemoNetwork.seed(
                        into: database, regions: configuration.regions, currentYear: currentYear())
                    if outcome.skipped {
                        print("The database \(configuration.database) already has organizations; nothing was added.")
                    } else {
                        print(
                            "Added \(outcome.created) organizations, \(outcome.people) people and \(outcome.activities) activities of the demo network to \(configuration.database)."
                        )
                    }
                }
            }
        }
    }
}

extension Liaison.Seed {
    struct Synthetic: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill an empty database with a synthetic network of any size, for benchmarks.",
            discussion: """
                Names in Latin with accents, Chinese, Japanese, Korean, Arabic and Cyrillic scripts, aliases, \
                memberships, positions over time and several channels each. The same --seed gives the same data.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "How many organizations (1 to 1,000,000).") var organizations: Int = 20_000
        @Option(help: "How many people (0 to 10,000,000).") var people: Int = 1_000_000
        @Option(help: "How many activities over ten years around 2026 (0 to 10,000,000).") var activities: Int = 0
        @Option(help: "How many organizations are in the membership pipeline, with their moves (0 to --organizations).")
        var prospects: Int = 0
        @Option(
            help:
                "How many reports on the activities, naming organizations and people, with follow-ups and comments (0 to 1,000,000)."
        ) var reports: Int = 0
        @Option(
            help:
                "How many organizations are invited to a congress (one activity more), with their delegations (0 to --organizations)."
        )
        var delegations: Int = 0
        @Option(help: "The seed: the same seed gives the same network.") var seed: UInt64 = 1

        func validate() throws {
            guard (1...1_000_000).contains(organizations) else {
                throw ValidationError("--organizations must be from 1 to 1,000,000; got \(organizations).")
            }
            guard (0...10_000_000).contains(people) else {
                throw ValidationError("--people must be from 0 to 10,000,000; got \(people).")
            }
            guard (0...10_000_000).contains(activities) else {
                throw ValidationError("--activities must be from 0 to 10,000,000; got \(activities).")
            }
            guard (0...organizations).contains(prospects) else {
                throw ValidationError(
                    "--prospects must be from 0 to --organizations (\(organizations)); got \(prospects).")
            }
            guard (0...1_000_000).contains(reports) else {
                throw ValidationError("--reports must be from 0 to 1,000,000; got \(reports).")
            }
            guard (0...organizations).contains(delegations) else {
                throw ValidationError(
                    "--delegations must be from 0 to --organizations (\(organizations)); got \(delegations).")
            }
        }

        func run() async throws {
            try await store.withStore { database, configuration in
                do {
                    let report = try await SyntheticNetwork.seed(
                        into: database,
                        SyntheticOptions(
                            organizations: organizations, people: people, activities: activities, prospects: prospects,
                            reports: reports, delegations: delegations, seed: seed),
                        storeName: configuration.database.description
                    ) { line in
                        FileHandle.standardError.write(Data((line + "\n").utf8))
                    }
                    // The coverage of every organization, worked out once rather than by the first page to ask.
                    try await database.refreshCoverage()
                    let rate = Int(Double(report.people) / max(report.seconds, 0.001))
                    print(
                        "Added \(report.organizations) organizations, \(report.people) people, \(report.activities) activities and \(report.reports) reports (\(report.rows) rows) to \(configuration.database) in \(String(format: "%.1f", report.seconds)) s: \(rate) people a second."
                    )
                } catch let error as TransferError {
                    throw CommandFailure(error.description)
                }
            }
        }
    }
}

/// Parses the command line and runs the command, exiting with its status.
public func runLiaisonCommand() async {
    await Liaison.main()
}
