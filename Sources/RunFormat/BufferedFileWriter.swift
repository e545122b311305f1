import Foundation
import Model

/// Writes a file through a 1 MiB buffer, so that large outputs never sit in memory whole. Every
/// failure (a full disk, a vanished folder) is an `InputError` naming the file.
final class BufferedFileWriter {
    let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let chunk = 1 << 20
    /// Bytes of the file, including those still in the buffer.
    private(set) var length = 0

    init(url: URL) throws(InputError) {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw InputError(file: url.path, "cannot be created")
        }
        self.handle = handle
        buffer.reserveCapacity(Self.chunk + 64)
    }

    /// Continues an existing file from its first `length` bytes (a run resumed from a
    /// checkpoint): what follows them is cut off. Throws if the file is shorter.
    init(url: URL, continuingAt length: Int) throws(InputError) {
        self.url = url
        guard let handle = try? FileHandle(forUpdating: url) else { throw InputError(file: url.path, "cannot be opened for writing") }
        let size: UInt64
        do { size = try handle.seekToEnd() } catch {
            try? handle.close()
            throw InputError(file: url.path, "cannot be read (\(InputError.reason(error)))")
        }
        guard size >= UInt64(length) else {
            try? handle.close()
            throw InputError(file: url.path, "has \(size) bytes, fewer than the \(length) the checkpoint counts: it was changed after the checkpoint")
        }
        do {
            try handle.truncate(atOffset: UInt64(length))
            try handle.seekToEnd()
        } catch {
            try? handle.close()
            throw InputError(file: url.path, "cannot be truncated to the checkpoint's \(length) bytes (\(InputError.reason(error)))")
        }
        self.handle = handle
        self.length = length
        buffer.reserveCapacity(Self.chunk + 64)
    }

    func append(_ bytes: some Collection<UInt8>) throws(InputError) {
        buffer.append(contentsOf: bytes)
        length += bytes.count
        if buffer.count >= Self.chunk { try flush() }
    }

    func append<T: FixedWidthInteger>(littleEndian value: T) throws(InputError) {
        try withUnsafeBytes(of: value.littleEndian) { (bytes) throws(InputError) in try append(bytes) }
    }

    func flush() throws(InputError) {
        guard !buffer.isEmpty else { return }
        try write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes all of `bytes` with write(2), so that a failure names its cause ("No space left on
    /// device", "File too large").
    private func write(_ bytes: [UInt8]) throws(InputError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Foundation.write(handle.fileDescriptor, raw.baseAddress! + written, raw.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw InputError(file: url.path, "cannot be written (\(String(cString: strerror(errno))))")
            }
            written += result
        }
    }

    /// Overwrites `bytes` at `offset` (after flushing), then returns to the end.
    func patch(_ bytes: [UInt8], at offset: UInt64) throws(InputError) {
        try flush()
        do { try handle.seek(toOffset: offset) } catch { throw failure(error) }
        try write(bytes)
        do { try handle.seekToEnd() } catch { throw failure(error) }
    }

    /// Flushes and forces the data to the disk.
    func synchronize() throws(InputError) {
        try flush()
        do { try handle.synchronize() } catch { throw failure(error) }
    }

    /// Flushes, forces the data to the disk and closes.
    func close() throws(InputError) {
        try synchronize()
        do { try handle.close() } catch { throw failure(error) }
    }

    private func failure(_ error: any Error) -> InputError {
        InputError(file: url.path, "cannot be written (\(InputError.reason(error)))")
    }
}
