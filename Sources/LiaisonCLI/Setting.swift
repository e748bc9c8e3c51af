/// One setting, declared once: its flag, its environment variable, its default, what it means, how a value
/// is read and where the value goes in the configuration. `Configuration.resolve` reads every declaration,
/// the commands' flags and their help come from it, and the tests are generated from its examples.
struct Setting<Value: Sendable>: Sendable {
    /// The long flag without its dashes, such as `port`.
    let flag: String
    /// The environment variable, such as `LIAISON_PORT`.
    let variable: String
    /// The value when neither the flag nor the variable is given.
    let defaultValue: Value
    /// The default as `--help` and the README show it.
    let shownDefault: String
    /// What the setting does, as `--help` shows it.
    let meaning: String
    /// The commands that take the flag (the variable is read whenever a configuration is resolved).
    let commands: SettingCommands
    /// Reads a value as given, or says which rule it breaks.
    let parse: @Sendable (String) throws(SettingRefusal) -> Value
    /// Where the value goes.
    let keyPath: any WritableKeyPath<Configuration, Value> & Sendable
    /// A value the setting accepts that differs from the default, and one it refuses; the tests set both,
    /// by flag and by variable, so a setting cannot be added without them.
    let examples: SettingExamples
}

/// The commands that take a setting's flag.
enum SettingCommands: Sendable {
    /// Every command that opens the database.
    case everyStoreCommand
    /// `serve` only.
    case serve
    /// `serve` and the `liaison mail` commands.
    case mail
}

/// A value a setting accepts, different from its default, and one it refuses.
struct SettingExamples: Sendable {
    let good: String
    let bad: String
}

/// Why a value is refused: the words that follow the flag's or the variable's name in the message.
struct SettingRefusal: Error, Sendable {
    let afterName: String

    /// "... must be `rule`; got "value"."
    static func mustBe(_ rule: String, got value: String) -> SettingRefusal {
        SettingRefusal(afterName: " must be \(rule); got \"\(value)\".")
    }

    /// "...: `reason`"
    static func because(_ reason: String) -> SettingRefusal {
        SettingRefusal(afterName: ": \(reason)")
    }

    /// The whole message for a value that came from `source` (`--port` or `LIAISON_PORT`).
    func message(naming source: String) -> String {
        source + afterName
    }
}

/// A setting whatever the type of its value, as the list of all settings holds it.
protocol AnySetting: Sendable {
    var flag: String { get }
    var variable: String { get }
    var shownDefault: String { get }
    var meaning: String { get }
    var commands: SettingCommands { get }
    var examples: SettingExamples { get }
    /// Reads `text` into `configuration`, or says which rule it breaks.
    func apply(_ text: String, to configuration: inout Configuration) throws(SettingRefusal)
    /// The setting's value in `configuration`, described for comparisons in tests and messages.
    func describedValue(in configuration: Configuration) -> String
    /// `text` read as this setting reads it, described the same way; nil when it is refused.
    func describedValue(of text: String) -> String?
}

extension Setting: AnySetting {
    func apply(_ text: String, to configuration: inout Configuration) throws(SettingRefusal) {
        configuration[keyPath: keyPath] = try parse(text)
    }

    func describedValue(in configuration: Configuration) -> String {
        String(describing: configuration[keyPath: keyPath])
    }

    func describedValue(of text: String) -> String? {
        (try? parse(text)).map { String(describing: $0) }
    }
}

extension AnySetting {
    /// The flag as typed: `--port`.
    var longFlag: String { "--" + flag }

    /// The help the flag shows: its meaning, variable and default.
    var help: String { "\(meaning) (env \(variable); default \(shownDefault))." }
}
