import Crypto
import Foundation
import FinsamExport
import FinsamMapping
import FinsamModel
import FinsamReaders
import FinsamRules

/// What one batch run produced.
public struct BatchResult: Sendable {
    public var documents: [Document]
    public var findings: [Finding]
    /// Inputs that could not be read, or not completely.
    public var errors: [InputError]
    /// Every file that was tried, in order.
    public var files: [String]
    /// SHA-256 (hex) of each file that could be read, also of those that yielded no document.
    public var hashes: [String: String] = [:]
}

/// Readers → mapping → rules, for a batch of paths.
public struct Pipeline: Sendable {
    public let mappings: MappingSet
    public let readers: [any FormatReader]

    public init(mappings: MappingSet, readers: [any FormatReader] = Readers.all) {
        self.mappings = mappings
        self.readers = readers
    }

    /// Files and folders (recursively), in a stable order; hidden files are skipped.
    public static func collectFiles(_ paths: [String]) -> (files: [String], errors: [InputError]) {
        var files: [String] = []
        var errors: [InputError] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                errors.append(InputError(file: path, message: "finns inte"))
                continue
            }
            if !isDir.boolValue {
                files.append(path)
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let rel = walker.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                let full = (path as NSString).appendingPathComponent(rel)
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
            }
            files += found.sorted()
        }
        return (files, errors)
    }

    /// Reads one file with the first reader that recognises it.
    public func read(_ path: String) -> Result<[Document], InputError> {
        readHashed(path).result
    }

    /// SHA-256 of bytes, lower-case hex.
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Reads one file and hashes its bytes once, as they were read; each document carries the hash.
    func readHashed(_ path: String) -> (hash: String?, result: Result<[Document], InputError>) {
        let input: InputFile
        do { input = try InputFile.load(path) } catch { return (nil, .failure(error)) }
        let hash = Pipeline.sha256(input.bytes)
        guard let reader = readers.first(where: { $0.recognises(input) }) else {
            return (hash, .failure(InputError(file: path, message: "okänt format: varken textrapport, SIE 4 eller SIE 5")))
        }
        do {
            let builder = FactBuilder(mappings: mappings)
            return (hash, .success(try reader.read(input).map { doc in
                var mapped = builder.map(TotalInference.annotate(doc))
                mapped.sha256 = hash
                return mapped
            }))
        } catch {
            return (hash, .failure(error))
        }
    }

    public func run(paths: [String]) -> BatchResult {
        let (files, collectErrors) = Pipeline.collectFiles(paths)
        var documents: [Document] = []
        var errors = collectErrors
        var hashes: [String: String] = [:]
        for file in files {
            let (hash, result) = readHashed(file)
            hashes[file] = hash
            switch result {
            case .success(let docs): documents += docs
            case .failure(let e): errors.append(e)
            }
        }
        let findings = RuleEngine(mappings: mappings).check(documents)
        return BatchResult(documents: documents, findings: findings, errors: errors, files: files, hashes: hashes)
    }
}
