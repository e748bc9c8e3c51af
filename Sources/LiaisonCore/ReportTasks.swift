import Foundation

/// A task line of a report (`- [ ] request the e-mail contacts of all participants @Agnès due 2026-12-15`):
/// it becomes a follow-up when the report is saved. The line and the follow-up know each other by the task's
/// words (`key`), so the text carries no marker: ticking the line ticks the follow-up on the next save, and
/// closing the follow-up ticks the line.
public struct ReportTask: Sendable, Hashable {
    /// The line's index in the report's text (lines split at `\n`).
    public var line: Int
    public var done: Bool
    /// The task's words, without the trailing `@name`, `due …` and marker.
    public var title: String
    /// The first `@name` of the line: whom the follow-up is for.
    public var assigneeHandle: String?
    /// "YYYY-MM-DD" after `due`.
    public var dueDate: String?

    /// What links the line to its follow-up: the title's words folded as search folds them.
    public var key: String { Self.key(title) }

    public static func key(_ title: String) -> String { String(SearchText.normalize(title).prefix(200)) }
}

public enum ReportTasks {
    /// The task lines of a Markdown text, outside code blocks.
    public static func tasks(in body: String) -> [ReportTask] {
        var tasks: [ReportTask] = []
        var inFence = false
        for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            guard !inFence, let (done, content) = box(in: line) else { continue }
            tasks.append(task(content, line: index, done: done))
        }
        return tasks
    }

    /// The text with the box of the task line whose key is `key` ticked or cleared; nil when no line has
    /// that key or its box already says so.
    public static func ticking(_ body: String, key: String, done: Bool) -> String? {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for task in tasks(in: body) where task.key == key {
            guard task.done != done,
                let range = lines[task.line].range(of: done ? "[ ]" : "[x]") ?? lines[task.line].range(of: "[X]")
            else { return nil }
            lines[task.line].replaceSubrange(range, with: done ? "[x]" : "[ ]")
            return lines.joined(separator: "\n")
        }
        return nil
    }

    /// `- [ ] rest`, `* [x] rest`, `1. [ ] rest`: whether ticked, and the rest.
    private static func box(in line: Substring) -> (Bool, Substring)? {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        if let bullet = rest.first, "-*+".contains(bullet) {
            rest = rest.dropFirst()
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9 else { return nil }
            rest = rest.dropFirst(digits.count)
            guard rest.first == "." || rest.first == ")" else { return nil }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { return nil }
        rest = rest.drop { $0 == " " }
        let done: Bool
        if rest.hasPrefix("[ ]") {
            done = false
        } else if rest.hasPrefix("[x]") || rest.hasPrefix("[X]") {
            done = true
        } else {
            return nil
        }
        rest = rest.dropFirst(3)
        guard rest.isEmpty || rest.first == " " else { return nil }
        let content = rest.drop { $0 == " " }
        return content.isEmpty ? nil : (done, content)
    }

    private static func task(_ content: Substring, line: Int, done: Bool) -> ReportTask {
        var words = content.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var handle: String?
        var dueDate: String?
        // Trailing `@name` and `due YYYY-MM-DD` say who and when; they leave the title.
        while let last = words.last {
            if words.count >= 2, ["due", "due:"].contains(words[words.count - 2].lowercased()),
                ICalendar.day(last) != nil
            {
                dueDate = dueDate ?? last
                words.removeLast(2)
            } else if let name = StaffHandles.handles(in: last).first, last.hasPrefix("@") {
                handle = name
                words.removeLast()
            } else {
                break
            }
        }
        if handle == nil { handle = StaffHandles.handles(in: words.joined(separator: " ")).first }
        let title = words.joined(separator: " ")
        return ReportTask(
            line: line, done: done, title: title.isEmpty ? String(content.prefix(200)) : String(title.prefix(200)),
            assigneeHandle: handle, dueDate: dueDate)
    }
}
