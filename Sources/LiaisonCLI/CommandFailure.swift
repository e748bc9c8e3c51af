/// A command that could not do its work for a reason outside its arguments (an unreachable database, a
/// copy whose counts differ): printed as "Error: ..." without the usage text a bad flag gets.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
