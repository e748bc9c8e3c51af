import ArgumentParser
import LiaisonCore
import Testing

@testable import LiaisonCLI

@Suite struct ConfigurationTests {
    @Test func defaultsApplyWhenNothingIsSet() throws {
        let configuration = try Configuration.resolve(environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.database.description == "data/liaison.sqlite")
        #expect(configuration.regions == .standard)
    }

    @Test func environmentOverridesDefaultsAndFlagsOverrideTheEnvironment() throws {
        let environment = ["LIAISON_PORT": "9000", "LIAISON_DATABASE": "/tmp/env.sqlite", "LIAISON_HOST": "0.0.0.0"]
        let fromEnvironment = try Configuration.resolve(environment: environment)
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.database.description == "/tmp/env.sqlite")
        #expect(fromEnvironment.host == "0.0.0.0")

        let fromFlags = try Configuration.resolve(
            flags: ["database": "/tmp/flag.sqlite", "port": "9100"], environment: environment)
        #expect(fromFlags.port == 9100)
        #expect(fromFlags.database.description == "/tmp/flag.sqlite")
    }

    @Test func badValuesAreNamedWithTheirSource() {
        #expect {
            try Configuration.resolve(environment: ["LIAISON_PORT": "eighty"])
        } throws: { error in
            "\(error)".contains("LIAISON_PORT must be a port number from 0 to 65535; got \"eighty\"")
        }
        #expect {
            try Configuration.resolve(flags: ["port": "70000"], environment: ["LIAISON_PORT": "80"])
        } throws: { error in
            "\(error)".contains("--port must be a port number")
        }
        #expect {
            try Configuration.resolve(flags: ["regions": "asia", "log-level": "loud"], environment: [:])
        } throws: { error in
            "\(error)".contains("--regions") && "\(error)".contains("--log-level must be one of")
        }
    }

    @Test func secureCookiesTrustedProxiesAndSuperuserRefusalAreParsed() throws {
        let none = try Configuration.resolve(environment: [:])
        #expect(!none.secureCookies && none.trustedProxies.isEmpty && !none.refuseSuperuser)

        let fromEnvironment = try Configuration.resolve(
            environment: [
                "LIAISON_SECURE_COOKIES": "true", "LIAISON_TRUSTED_PROXY": "10.0.0.5, ::1",
                "LIAISON_REFUSE_SUPERUSER": "yes",
            ])
        #expect(fromEnvironment.secureCookies)
        #expect(fromEnvironment.trustedProxies == ["10.0.0.5", "::1"])
        #expect(fromEnvironment.refuseSuperuser)

        let fromFlags = try Configuration.resolve(
            flags: ["secure-cookies": "false", "trusted-proxy": "127.0.0.1"],
            environment: ["LIAISON_SECURE_COOKIES": "true"])
        #expect(!fromFlags.secureCookies)
        #expect(fromFlags.trustedProxies == ["127.0.0.1"])
    }

    @Test func badSecuritySettingsStopStartUpNamingTheirSource() {
        #expect {
            try Configuration.resolve(flags: ["secure-cookies": "banana"], environment: [:])
        } throws: { error in
            "\(error)".contains("--secure-cookies must be true or false; got \"banana\"")
        }
        #expect {
            try Configuration.resolve(environment: ["LIAISON_SECURE_COOKIES": "maybe"])
        } throws: { error in
            "\(error)".contains("LIAISON_SECURE_COOKIES must be true or false")
        }
        #expect {
            try Configuration.resolve(flags: ["trusted-proxy": "proxy.internal"], environment: [:])
        } throws: { error in
            "\(error)".contains("--trusted-proxy must be the IP addresses of the reverse proxies")
        }
        #expect(throws: (any Error).self) {
            _ = try Liaison.parseAsRoot(["serve", "--secure-cookies", "banana"])
        }
        #expect(throws: (any Error).self) {
            _ = try Liaison.parseAsRoot(["serve", "--refuse-superuser", "sometimes"])
        }
    }

    @Test func regionsComeFromTheSetting() throws {
        let configuration = try Configuration.resolve(environment: ["LIAISON_REGIONS": "asia=Asia,europe=Europe"])
        #expect(configuration.regions.regions.map(\.name) == ["Asia", "Europe"])
    }

    @Test func serveRefusesABadPortBeforeStarting() {
        #expect(throws: (any Error).self) {
            _ = try Liaison.parseAsRoot(["serve", "--port", "not-a-port"])
        }
        #expect(throws: (any Error).self) {
            _ = try Liaison.parseAsRoot(["serve", "--unknown-flag"])
        }
    }

    @Test func everyCommandHasHelp() {
        for command in [["serve"], ["migrate"], ["seed", "demo"]] {
            let help = Liaison.helpMessage(for: Liaison.self, columns: 100)
            #expect(help.contains(command[0]))
        }
        #expect(Liaison.helpMessage(for: Liaison.Serve.self).contains("--database"))
        #expect(Liaison.helpMessage(for: Liaison.Serve.self).contains("--demo"))
    }
}
