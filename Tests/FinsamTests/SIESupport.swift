import Foundation
@testable import FinsamModel
@testable import FinsamPipeline
@testable import FinsamReaders

/// Temporary files for SIE tests, removed when the value goes.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-sie-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes text in PC8 (code page 437) or UTF-8.
    func write(_ name: String, _ text: String, pc8: Bool = false) throws -> String {
        let path = url.appendingPathComponent(name).path
        let bytes = pc8 ? SIEFixture.cp437(text) : Array(text.utf8)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func write(_ name: String, bytes: [UInt8]) -> String {
        let path = url.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}

enum SIEFixture {
    /// Encodes text as PC8 with the reader's own table inverted; fails the test on a character PC8 lacks.
    static func cp437(_ text: String) -> [UInt8] {
        var inverse: [Unicode.Scalar: UInt8] = [:]
        for (i, s) in TextDecoding.cp437High.enumerated() { inverse[s] = UInt8(0x80 + i) }
        return text.unicodeScalars.map { s in s.value < 0x80 ? UInt8(s.value) : inverse[s]! }
    }

    /// A small SIE 4 file: header, two accounts with balances, and the given vouchers.
    static func sie4(orgnr: String = "556000-0001", extra: String = "", vouchers: String = "") -> String {
        """
        #FLAGGA 0
        #PROGRAM "Test" 1.0
        #FORMAT PC8
        #GEN 20250101
        #SIETYP 4
        #FNAMN "Testbolaget AB"
        #ORGNR \(orgnr)
        #RAR 0 20240101 20241231
        #KONTO 1930 "Bank"
        #KONTO 3010 "Försäljning"
        \(extra)
        #IB 0 1930 100.00
        #UB 0 1930 150.00
        #RES 0 3010 -50.00
        \(vouchers)
        """
    }

    /// The repository's mappings, loaded once for all SIE tests.
    nonisolated(unsafe) static var loaded: Pipeline?
    static let lock = NSLock()

    static func pipeline() throws -> Pipeline {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let p = try Repo.pipeline()
        loaded = p
        return p
    }

    static func read(_ path: String) throws -> Result<[Document], InputError> {
        try pipeline().read(path)
    }
}

extension Result where Failure == InputError, Success == [Document] {
    var error: InputError? { if case .failure(let e) = self { return e }; return nil }
    var documents: [Document]? { if case .success(let d) = self { return d }; return nil }
}

/// CRC-32 computed bit by bit, as the SIE specification's polynomial defines it: a reference independent of
/// the reader's table-driven code.
func referenceCRC32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        crc ^= UInt32(b)
        for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return crc ^ 0xFFFF_FFFF
}
