/// A problem with user-supplied input (data files, configuration, options). Its description
/// names the file, line and field where it can, and what was expected; the CLI prints it and
/// exits non-zero.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// An error located in a file: `file:line: field 'name': message`.
    public init(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        var location = file
        if let line { location += ":\(line)" }
        if let field { location += ": field '\(field)'" }
        self.description = "\(location): \(message)"
    }
}
