import Foundation

/// Who `@Agnès`, `@agnes` or `@agnes.bickart` names among the staff: a handle matches an account's first
/// name, its full name written together, or its e-mail address before the `@`, in any case and with or
/// without accents. A handle two accounts share names no one.
public struct StaffHandles: Sendable {
    private var accounts: [String: Set<Int64>] = [:]

    public init(_ staff: [(id: Int64, name: String, email: String)]) {
        for account in staff {
            let words = SearchText.normalize(account.name).split(separator: " ")
            let local = account.email.split(separator: "@").first.map(String.init) ?? ""
            var keys: Set<String> = [words.joined(), Self.key(local)]
            if let first = words.first { keys.insert(String(first)) }
            for key in keys where !key.isEmpty { accounts[key, default: []].insert(account.id) }
        }
    }

    /// The account a handle (without its `@`) names, when exactly one.
    public func account(for handle: String) -> Int64? {
        guard let ids = accounts[Self.key(handle)], ids.count == 1 else { return nil }
        return ids.first
    }

    /// The accounts the `@` handles of a text name, each once, in order.
    public func accounts(in text: String) -> [Int64] {
        Self.handles(in: text).compactMap(account(for:)).uniqued()
    }

    /// The handles (without `@`) in a text: an `@` not inside a word or an e-mail address, followed by
    /// letters, digits, `.`, `_` or `-`.
    public static func handles(in text: String) -> [String] {
        var handles: [String] = []
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "@", !(previous.isLetter || previous.isNumber || "._-+".contains(previous)) {
                let start = text.index(after: index)
                var end = start
                while end < text.endIndex, text[end].isLetter || text[end].isNumber || "._-".contains(text[end]) {
                    end = text.index(after: end)
                }
                var handle = text[start..<end]
                while let last = handle.last, "._-".contains(last) { handle = handle.dropLast() }
                if !handle.isEmpty { handles.append(String(handle)) }
                index = end
                previous = "a"
                continue
            }
            previous = character
            index = text.index(after: index)
        }
        return handles
    }

    private static func key(_ handle: String) -> String {
        SearchText.normalize(handle).replacingOccurrences(of: " ", with: "")
    }
}
