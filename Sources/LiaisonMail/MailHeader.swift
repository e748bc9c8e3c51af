import Foundation

/// Header values as RFC 5322 and RFC 2047 want them: one logical line, folded below 78 characters, words
/// outside ASCII as encoded words, never a line break a value could smuggle in.
public enum MailHeader {
    /// `text` with every control character (line breaks included) turned into a space.
    public static func singleLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// An unstructured value (a subject): as it is when it is printable ASCII with no overlong word, else as
    /// UTF-8 encoded words; folded so that no line passes 78 characters with the header's name.
    public static func unstructured(_ text: String, nameLength: Int) -> String {
        let value = singleLine(text)
        let words = value.split(separator: " ", omittingEmptySubsequences: true)
        if value.unicodeScalars.allSatisfy({ $0.isASCII }) && words.allSatisfy({ $0.count <= 70 })
            && !value.contains("=?")
        {
            return fold(words.map(String.init), firstLineUsed: nameLength + 2)
        }
        return fold(encodedWords(value), firstLineUsed: nameLength + 2)
    }

    /// A mailbox: `name <address>`, the name quoted or encoded as it needs.
    public static func mailbox(_ mailbox: MailAddress, nameLength: Int) -> String {
        guard let name = mailbox.name else { return mailbox.address }
        let atext = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*+-/=?^_`{|}~ "))
        let words: [String]
        if !name.unicodeScalars.allSatisfy(\.isASCII) || name.contains("=?") {
            words = encodedWords(name)
        } else if name.unicodeScalars.allSatisfy({ atext.contains($0) }) {
            words = name.split(separator: " ").map(String.init)
        } else {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            words = ["\"" + escaped + "\""]
        }
        return fold(words + ["<\(mailbox.address)>"], firstLineUsed: nameLength + 2)
    }

    /// RFC 2047 `B` encoded words of whole characters, each at most 75 characters long.
    public static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        // 36 bytes make 48 characters of base64: with `=?UTF-8?B?` and `?=`, 60, which fits a line after "Subject: ".
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 36 {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// Words joined by spaces, a line break (CRLF and a space) before a word that would pass 78 characters.
    static func fold(_ words: [String], firstLineUsed: Int) -> String {
        var result = ""
        var used = firstLineUsed
        for (index, word) in words.enumerated() {
            if index > 0 {
                if used + 1 + word.utf8.count > 78 {
                    result += "\r\n "
                    used = 1
                } else {
                    result += " "
                    used += 1
                }
            }
            result += word
            used += word.utf8.count
        }
        return result
    }

    /// A date as RFC 5322 writes it, in UTC: `Tue, 01 Dec 2026 07:00:00 +0000`.
    public static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
