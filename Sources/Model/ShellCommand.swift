/// Command lines printed for the user to paste into a POSIX shell: an argument with anything
/// but letters, digits and `-_./=,:+@%` (a space, a quote, `$`, …) is put in single quotes.
public enum ShellCommand {
    public static func quoted(_ argument: String) -> String {
        !argument.isEmpty && argument.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=,:+@%".contains($0) })
            ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `arguments` joined by spaces, each quoted where it needs it.
    public static func line(_ arguments: [String]) -> String {
        arguments.map(quoted).joined(separator: " ")
    }
}
