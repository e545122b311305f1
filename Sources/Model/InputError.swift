import Foundation

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

extension InputError {
    /// Plain words for why a file operation or a decoding failed, for messages: the system's text
    /// for the error number (strerror: "No such file or directory", "Permission denied", …), else
    /// what the error says it is; never Foundation's generic "The operation could not be completed".
    public static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
             DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return context.debugDescription
        case EncodingError.invalidValue(_, let context):
            return context.debugDescription
        default: break
        }
        let error = error as NSError
        for candidate in [error, error.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap({ $0 })
        where candidate.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(candidate.code)))
        }
        if error.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: error.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "No such file or directory"
            case .fileReadNoPermission, .fileWriteNoPermission: return "Permission denied"
            // Foundation on Linux reports undecodable text as a corrupt file.
            case .fileReadInapplicableStringEncoding, .fileReadUnknownStringEncoding, .fileReadCorruptFile: return "not UTF-8 text"
            case .fileWriteOutOfSpace: return "No space left on device"
            case .fileWriteVolumeReadOnly: return "Read-only file system"
            default: break
            }
        }
        if let text = error.userInfo[NSDebugDescriptionErrorKey] as? String { return text }
        return "\(error.domain) error \(error.code)"
    }
}
