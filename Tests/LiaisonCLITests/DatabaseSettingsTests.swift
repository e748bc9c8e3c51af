import ArgumentParser
import LiaisonPostgres
import Testing

@testable import LiaisonCLI

@Suite struct DatabaseSettingsTests {
    @Test func aPostgresURLIsReadWithItsTLSPoolAndSchema() throws {
        let configuration = try Configuration.resolve(
            flags: [
                "database": "postgres://liaison:s%40cret@db.internal:6432/network?sslmode=require&pool=8&schema=asia"
            ],
            environment: [:])
        guard case .postgres(let settings) = configuration.database else {
            Issue.record("expected PostgreSQL, got \(configuration.database)")
            return
        }
        #expect(settings.host == "db.internal")
        #expect(settings.port == 6432)
        #expect(settings.user == "liaison")
        #expect(settings.password == "s@cret")
        #expect(settings.database == "network")
        #expect(settings.tls == .require)
        #expect(settings.poolSize == 8)
        #expect(settings.schema == "asia")
        #expect(configuration.database.description == "postgres://liaison:***@db.internal:6432/network?schema=asia")
    }

    @Test func thePoolSizeComesFromTheFlagOrTheEnvironment() throws {
        let url = "postgresql://liaison@localhost/liaison"
        let fromEnvironment = try Configuration.resolve(
            flags: ["database": url], environment: ["LIAISON_DATABASE_POOL_SIZE": "40"])
        let fromFlag = try Configuration.resolve(
            flags: ["database": url, "database-pool-size": "5"], environment: ["LIAISON_DATABASE_POOL_SIZE": "40"])
        guard case .postgres(let environmentSettings) = fromEnvironment.database,
            case .postgres(let flagSettings) = fromFlag.database
        else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(environmentSettings.poolSize == 40)
        #expect(flagSettings.poolSize == 5)
        #expect(environmentSettings.tls == .prefer)
        #expect(environmentSettings.port == 5432)
    }

    @Test(arguments: [
        (
            "postgres://liaison:hunter22@db/liaison?sslmode=always",
            "sslmode must be one of disable, prefer, require, verify-full"
        ),
        ("postgres://liaison:hunter22@db/", "it names no database"),
        ("postgres://:hunter22@db/liaison", "it names no user"),
        ("postgres://liaison:hunter22@db/liaison?pool=0", "pool must be a number of connections from 1 to 500"),
        ("postgres://liaison:hunter22@db/liaison?schema=Drop%20Table", "schema must be lowercase letters"),
        ("postgres://liaison:hunter22@db/liaison?sslrootcert=/nowhere/ca.pem", "sslrootcert names no readable file"),
        ("postgres://liaison:hunter22@db/liaison?colour=blue", "unknown parameter \"colour\""),
        ("mysql://liaison:hunter22@db/liaison", "must be a SQLite file path or a postgres:// URL"),
    ])
    func aBadURLIsRefusedNamingThePartWithoutThePassword(url: String, message: String) {
        #expect {
            try Configuration.resolve(flags: ["database": url], environment: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains("--database") && text.contains(message) && !text.contains("hunter22")
        }
    }

    @Test func aBadPoolSizeIsNamedWithItsSource() {
        #expect {
            try Configuration.resolve(environment: ["LIAISON_DATABASE_POOL_SIZE": "many"])
        } throws: { error in
            "\(error)".contains(
                "LIAISON_DATABASE_POOL_SIZE must be a number of connections from 1 to 500; got \"many\"")
        }
    }

    @Test func aRefusedConnectionStopsStartUpSayingWhereWithoutThePassword() async throws {
        // Nothing listens on port 1 of this machine.
        let location = try DatabaseLocation.parse(
            "postgres://liaison:hunter22@127.0.0.1:1/liaison?sslmode=disable", source: "--database")
        await #expect {
            try await location.withStore(logger: Configuration.resolve(environment: [:]).logger) { _ in }
        } throws: { error in
            let text = "\(error)"
            return text.contains("Cannot connect to PostgreSQL at postgres://liaison:***@127.0.0.1:1/liaison")
                && !text.contains("hunter22")
        }
    }
}
